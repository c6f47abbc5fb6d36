/**
 * The printed lines of one PDF page, from the pieces of text pdf.js reports.
 * pdf.js hands out runs of glyphs with their positions, several to a line
 * (a line is split wherever the font, the spacing or a kerning changes), and
 * puts a space inside a run wherever it sees a gap between two glyphs: a
 * space the drafter typed, but equally the gap a word processor sets between
 * Chinese and digits or the spacing of a justified line. Pieces on one
 * baseline are one line here, read left to right, and a space survives only
 * between two characters of a script written with spaces (Latin, digits and
 * their punctuation): never inside Chinese text, where no gap is a space.
 */

/** A run of text in page coordinates: x to the right, y (the baseline) downwards, in points. */
export interface TextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
  /** The font size, i.e. the height of an em. */
  size: number;
}

export interface PdfLine {
  text: string;
  /** Where the line starts and ends, in points from the page's left edge. */
  x: number;
  end: number;
  /** The baseline, in points from the top of the page. */
  y: number;
  /** The font size of most of the line's text. */
  size: number;
}

/** Pieces whose baselines are closer than this (in ems of the smaller font) stand on one line; a superscript is nearer. */
const SAME_BASELINE = 0.4;
/** A gap between two pieces wider than this (in ems) is a space between words. */
const WORD_GAP = 0.15;
/** A piece drawn again within this (in ems) of the same text is the same text: the second pass of a bold faked by overprinting. */
const OVERPRINT = 0.3;

const WHITESPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;
/** Characters of the scripts that are written with spaces between words; digits and ASCII punctuation go with them. */
const SPACED_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/u;
/** What no printed text holds: control characters, and the replacement character of a glyph pdf.js could not map. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd]/g;

export function isSpacedScript(ch: string): boolean {
  return SPACED_SCRIPT.test(ch);
}

/** A line's text with each run of whitespace kept as one space between two characters of a spaced script, and dropped elsewhere. */
export function normalizeSpaces(text: string): string {
  return text.replace(WHITESPACE, (run, at: number, whole: string) => {
    const before = whole[at - 1];
    const after = whole[at + run.length];
    return before !== undefined && after !== undefined && isSpacedScript(before) && isSpacedScript(after) ? ' ' : '';
  });
}

/** The lines of a page, top to bottom, from its pieces in any order. */
export function pageLines(pieces: readonly TextPiece[]): PdfLine[] {
  const usable = pieces
    .map((p) => ({ ...p, str: p.str.replace(UNPRINTABLE, '') }))
    .filter((p) => p.str.replace(WHITESPACE, '') !== '' && p.size > 0 && Number.isFinite(p.x + p.y + p.width + p.size))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextPiece[][] = [];
  for (const piece of usable) {
    const line = groups[groups.length - 1];
    if (line && piece.y - line[0].y <= SAME_BASELINE * Math.min(piece.size, line[0].size)) line.push(piece);
    else groups.push([piece]);
  }
  return groups.map(toLine);
}

function toLine(pieces: TextPiece[]): PdfLine {
  pieces.sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  const sizes = new Map<number, number>();
  let last: TextPiece | undefined;
  for (const p of pieces) {
    if (last && p.str === last.str && Math.abs(p.x - last.x) < OVERPRINT * p.size) continue;
    if (text !== '' && p.x - end > WORD_GAP * p.size) text += ' ';
    text += p.str;
    end = Math.max(end, p.x + p.width);
    sizes.set(p.size, (sizes.get(p.size) ?? 0) + p.str.length);
    last = p;
  }
  let size = pieces[0].size;
  for (const [s, n] of sizes) if (n > (sizes.get(size) ?? 0)) size = s;
  return { text: normalizeSpaces(text), x: pieces[0].x, end, y: pieces[0].y, size };
}
