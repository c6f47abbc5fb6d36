import { matchMarker } from '../service/syntax/markers';
import type { PdfPage } from './pdfFurniture';
import { isSpacedScript, type PdfLine } from './pdfLines';

/**
 * A PDF's paragraphs from its printed lines. A word processor breaks a
 * paragraph into lines at the measure of the page; a line that reaches the
 * right edge of the text block is such a break, and the paragraph goes on
 * in the next line, on this page or the next, unless the layout says that a
 * new one starts there: the next line is indented (公文 paragraphs start
 * two characters in), centred or set to the right, begins with a numbering
 * marker (一、 （一） 1. （1） ⑴ …), is set in another size, or stands
 * further below than the lines of a paragraph do. A line that ends short of
 * the edge ends its paragraph. A title is centred: its lines fill the
 * measure up to the last, which is centred below them; two short centred
 * lines are two paragraphs (a title and a subtitle, a name in two lines).
 *
 * The edges of the text block are measured on each page from the lines
 * themselves (odd and even pages may have mirrored margins): the left edge
 * where lines start again and again, the right edge where most of them end.
 */

export interface PdfParagraph {
  text: string;
  /** The page of its first line, 1-based. */
  page: number;
}

export interface Paragraphs {
  paragraphs: PdfParagraph[];
  /** How many line breaks were read as wraps and joined. */
  joined: number;
}

interface Edges {
  left: number;
  right: number;
}

/** Line starts or ends within this many points of each other are one edge. */
const EDGE_SPREAD = 1.5;
/** A line starting within this (in ems) of the left edge starts there: anything further in is an indent. */
const AT_EDGE = 0.5;
/** The shortfall (in ems) at which a line still reaches the right edge, besides the width of what the next line starts with. */
const FILL_SLACK = 0.25;
/** A centred line's middle lies within this (in ems) of the block's (an indented line that runs to the edge lies an em off). */
const CENTRED = 0.5;
/** Lines whose sizes differ by more than this share of the size are in different fonts: a title and the body, body and a note. */
const SAME_SIZE = 0.12;
/** A baseline further below the one above than this many times the document's line pitch is after a paragraph's spacing. */
const PARAGRAPH_GAP = 1.35;

/** Characters a line may not start with, which a word processor keeps on the line before: the next line starts with them as one unit. */
const CLOSING = /[，。、；：？！）》」』】〕〉’”…—·%,.;:?!)\]}]/;

/** Of values sorted ascending, each with how many values lie within EDGE_SPREAD of it. */
function supports(sorted: readonly number[]): Array<{ value: number; count: number }> {
  const out: Array<{ value: number; count: number }> = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[lo] > EDGE_SPREAD) lo++;
    while (hi + 1 < sorted.length && sorted[hi + 1] - sorted[i] <= EDGE_SPREAD) hi++;
    out.push({ value: sorted[i], count: hi - lo + 1 });
  }
  return out;
}

/** The page's own edges, where its lines show them: the leftmost start two lines share, the end most lines share. */
function measuredEdges(lines: readonly PdfLine[]): Partial<Edges> {
  const starts = supports(lines.map((l) => l.x).sort((a, b) => a - b)).filter((s) => s.count >= 2);
  let right: { value: number; count: number } | undefined;
  for (const e of supports(lines.map((l) => l.end).sort((a, b) => a - b))) {
    if (e.count >= 2 && (!right || e.count >= right.count)) right = e;
  }
  return { left: starts[0]?.value, right: right?.value };
}

function mode(values: readonly number[]): number | undefined {
  let best: { value: number; count: number } | undefined;
  for (const s of supports([...values].sort((a, b) => a - b))) if (!best || s.count > best.count) best = s;
  return best?.value;
}

/**
 * Every page's edges. A page too short to show them takes the document's:
 * its usual left edge and width; and where no page shows a right edge, the
 * margins are taken to be the same on either side, so that no line is read
 * as full for want of a measure.
 */
function pageEdges(pages: readonly PdfPage[]): Map<PdfPage, Edges> {
  const measured = pages.map((p) => ({ page: p, ...measuredEdges(p.lines) }));
  const left = mode(measured.flatMap((m) => (m.left === undefined ? [] : [m.left]))) ?? Math.min(...pages.flatMap((p) => p.lines.map((l) => l.x)));
  const width = mode(measured.flatMap((m) => (m.left === undefined || m.right === undefined ? [] : [m.right - m.left])));
  const edges = new Map<PdfPage, Edges>();
  for (const m of measured) {
    const l = m.left ?? left;
    const right = m.right !== undefined && m.right > l ? m.right : width !== undefined ? l + width : m.page.width - l;
    edges.set(m.page, { left: l, right });
  }
  return edges;
}

/** The usual distance between the baselines of consecutive lines of each size (rounded to the point). */
function linePitches(pages: readonly PdfPage[]): Map<number, number> {
  const deltas = new Map<number, number[]>();
  for (const { lines } of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1], lines[i]];
      if (!sameSize(a, b)) continue;
      const d = b.y - a.y;
      if (d < 0.9 * a.size || d > 3 * a.size) continue;
      const key = Math.round(a.size);
      const list = deltas.get(key) ?? [];
      list.push(d);
      deltas.set(key, list);
    }
  }
  const pitches = new Map<number, number>();
  for (const [size, list] of deltas) pitches.set(size, list.sort((a, b) => a - b)[list.length >> 1]);
  return pitches;
}

function sameSize(a: PdfLine, b: PdfLine): boolean {
  return Math.abs(a.size - b.size) <= SAME_SIZE * Math.max(a.size, b.size);
}

/** The width, in ems, of what a line starts with that cannot be split from its first character: a word, or a character and the punctuation after it. */
function firstUnitEms(text: string): number {
  const chars = [...text];
  if (chars.length === 0) return 0;
  let n = 1;
  if (isSpacedScript(chars[0])) while (n < chars.length && isSpacedScript(chars[n])) n++;
  while (n < chars.length && CLOSING.test(chars[n])) n++;
  let ems = 0;
  for (const ch of chars.slice(0, n)) ems += isSpacedScript(ch) ? 0.55 : 1;
  return ems;
}

/**
 * Two pieces of one paragraph join without a space, but for two words of a
 * Latin phrase: a word processor breaks such a phrase at a space. A Latin
 * run inside Chinese text (APP, IP, 2023) has no space around it and is
 * broken anywhere, like the Chinese around it; numbers are never split at a
 * space.
 */
function joiner(before: string, after: string): string {
  const word = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch) && isSpacedScript(ch);
  const a = before[before.length - 1];
  const b = after[0];
  if (!word(a) || !word(b) || (/\d/.test(a) && /\d/.test(b))) return '';
  let i = before.length - 1;
  while (i > 0 && word(before[i - 1])) i--;
  let k = 0;
  while (k + 1 < after.length && word(after[k + 1])) k++;
  return before[i - 1] === ' ' || after[k + 1] === ' ' ? ' ' : '';
}

/**
 * Whether a line starts with a numbering marker, which starts a paragraph. A
 * numeral and a comma (一， 1，), which the checker reads as a faulty marker,
 * is here the text it is far more often, where a wrap fell before 一，.
 */
function startsWithMarker(text: string): boolean {
  const marker = matchMarker(text);
  return marker !== undefined && !/[，,]$/.test(marker.text);
}

interface Placed {
  line: PdfLine;
  page: PdfPage;
  edges: Edges;
}

export function joinParagraphs(pages: readonly PdfPage[]): Paragraphs {
  const withLines = pages.filter((p) => p.lines.length > 0);
  const edges = pageEdges(withLines);
  const pitches = linePitches(withLines);
  const placed: Placed[] = withLines.flatMap((page) => page.lines.map((line) => ({ line, page, edges: edges.get(page)! })));

  const startsAtLeft = (p: Placed) => Math.abs(p.line.x - p.edges.left) <= AT_EDGE * p.line.size;
  const reachesRight = (p: Placed, next: Placed) => p.line.end >= p.edges.right - (Math.max(1, firstUnitEms(next.line.text)) + FILL_SLACK) * p.line.size;
  // A centred line falls short at both ends: its length, not its end, says whether it is full.
  const shortfall = (p: Placed) => p.edges.right - p.edges.left - (p.line.end - p.line.x);
  const fills = (p: Placed, next: Placed) => shortfall(p) <= (Math.max(1, firstUnitEms(next.line.text)) + FILL_SLACK) * p.line.size;
  const full = (p: Placed) => shortfall(p) <= (1 + FILL_SLACK) * p.line.size;
  const centred = (p: Placed) =>
    p.line.x > p.edges.left + AT_EDGE * p.line.size &&
    p.line.end < p.edges.right - AT_EDGE * p.line.size &&
    Math.abs((p.line.x + p.line.end) / 2 - (p.edges.left + p.edges.right) / 2) <= CENTRED * p.line.size;
  const near = (a: Placed, b: Placed) => {
    if (a.page !== b.page) return b.page.number > a.page.number;
    const pitch = pitches.get(Math.round(a.line.size)) ?? 1.5 * a.line.size;
    return b.line.y - a.line.y <= PARAGRAPH_GAP * pitch;
  };

  const paragraphs: PdfParagraph[] = [];
  let joined = 0;
  let current: { text: string; page: number; allFull: boolean } | undefined;
  let previous: Placed | undefined;
  for (const p of placed) {
    const a = previous;
    const goesOn =
      a !== undefined &&
      current !== undefined &&
      sameSize(a.line, p.line) &&
      near(a, p) &&
      reachesRight(a, p) &&
      !startsWithMarker(p.line.text) &&
      (startsAtLeft(p) || (current.allFull && fills(a, p) && centred(p)));
    if (goesOn) {
      current!.text += joiner(current!.text, p.line.text) + p.line.text;
      current!.allFull &&= full(p);
      joined++;
    } else {
      current = { text: p.line.text, page: p.page.number, allFull: full(p) };
      paragraphs.push(current);
    }
    previous = p;
  }
  return { paragraphs: paragraphs.map(({ text, page }) => ({ text, page })), joined };
}
