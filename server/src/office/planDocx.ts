import { AlignmentType, BorderStyle, Document, LineRuleType, Paragraph, Tab, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import { parsePlan, type NoticeRole, type PlanDocument } from '../service';
import { documentStyles, outsidePageNumbers, packDocx, rFonts } from './docxParts';
import { A4, CHARS_PER_LINE, FONTS, footerDistance, PORTRAIT_GRID, PORTRAIT_MARGINS, PORTRAIT_TEXT, POINTS, RED, halfPoints, type FontEntry } from './gbt9704';
import { xmlSafe } from './xmlText';

/**
 * A plan as a 公文 (GB/T 9704-2012) Word document. Each line of the text is
 * one paragraph holding exactly that line's characters: markers stay typed
 * text, not Word numbering; a blank line is an empty paragraph; spaces a
 * line starts with stay characters and stand for its indent. Reading the
 * paragraphs back joined by line feeds gives the text again (line breaks
 * as \n; a character XML cannot hold as U+FFFD, see xmlText.ts). What each
 * line is (title, notice element, heading, body) comes from parsePlan and
 * decides only how it is set.
 */

export interface PlanDocxOptions {
  /** The document's title property; the plan's own title, or the notice's, when not given. */
  title?: string;
  /** The document's author property (dc:creator); empty when not given. */
  author?: string;
}

const GRID = PORTRAIT_GRID;
/** One 字 of indentation: the pitch of a 3号 character on the grid. */
const CHAR = GRID.charPitch;
const TEXT_WIDTH_PT = PORTRAIT_TEXT.width / 20;

/** 7.3.3 — headings: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋, all 3号. */
const HEADING_FONT: Record<number, FontEntry> = { 1: FONTS.heiti, 2: FONTS.kaiti, 3: FONTS.fangsong, 4: FONTS.fangsong };

interface Segment {
  start: number;
  end: number;
  font: FontEntry;
}

/**
 * Where a heading's own font runs: its marker and title, with the 。 that
 * ends the title, e.g. （一）加强网上侵权假冒治理。 in 楷体 and the sentences
 * after it in 仿宋, as offices set a run-in heading. Only headings whose font
 * differs from the body's need one.
 */
function headingSegments(doc: PlanDocument): Segment[] {
  const out: Segment[] = [];
  for (const h of doc.headings) {
    const font = HEADING_FONT[h.level];
    if (font === FONTS.fangsong) continue;
    const end = doc.text.charCodeAt(h.title.end) === 0x3002 /* 。 */ ? h.title.end + 1 : h.title.end;
    out.push({ start: h.marker.start, end, font });
  }
  return out;
}

/** Width in 字: full-width and CJK characters one, Latin letters, digits and ASCII spaces half. */
function widthInChars(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x1100 ? 0.5 : 1;
  return w;
}

/** A line's text as runs: tabs as Word tabs, everything else as typed. */
function runChildren(text: string): Array<string | Tab> {
  const parts: Array<string | Tab> = [];
  text.split('\t').forEach((piece, i) => {
    if (i > 0) parts.push(new Tab());
    if (piece) parts.push(piece);
  });
  return parts;
}

/**
 * A run with its font, size and spacing written out rather than left to the
 * defaults, so that a paragraph copied into another document keeps them:
 * 3号 narrowed to the grid's 28 characters, larger sizes at their natural width.
 */
function run(text: string, font: FontEntry, size: number = POINTS.sanhao, color?: string): TextRun {
  return new TextRun({
    children: runChildren(text),
    font: rFonts(font),
    size: halfPoints(size),
    characterSpacing: size === POINTS.sanhao ? GRID.runSpacing : 0,
    ...(color ? { color } : {}),
  });
}

/**
 * 7.3.5 — the signature (发文机关署名) two 字 in from the right, the date on
 * the next line starting two 字 right of the signature's first character;
 * when the date is the longer, the date keeps two 字 from the right and the
 * signature moves left. Lines of a signature start together. A date without
 * a signature (the seal carries the name) stands four 字 in from the right.
 * As left indents in 字, from the widest signature line and the date.
 */
function signatureIndents(doc: PlanDocument, lineText: (i: number) => string): { signature: number; date: number } {
  const lines = (role: NoticeRole) => doc.noticeRoles.flatMap((r, i) => (r === role ? [lineText(i)] : []));
  const signature = Math.max(0, ...lines('signature').map(widthInChars));
  const date = Math.max(0, ...lines('date').map(widthInChars));
  if (signature === 0) return { signature: 0, date: Math.max(0, CHARS_PER_LINE - 4 - date) };
  const rightOfSignature = Math.max(2, date + 4 - signature);
  const start = Math.max(0, CHARS_PER_LINE - rightOfSignature - signature);
  return { signature: start, date: start + 2 };
}

/** 7.2.2 — the masthead in red 小标宋, as large as lets the line stand on one line of the 版心 (小初, 一号, else 二号). */
function mastheadSize(text: string): number {
  const width = widthInChars(text);
  return [POINTS.xiaochu, POINTS.yihao].find((pt) => width * pt <= TEXT_WIDTH_PT) ?? POINTS.erhao;
}

/** The role that decides how line `i` is set: a notice element, or the body (headings included). */
function roleOf(doc: PlanDocument, i: number): NoticeRole | 'body' {
  const role = doc.noticeRoles[i];
  return role === undefined || role === 'public' ? 'body' : role;
}

function planParagraphs(doc: PlanDocument): Paragraph[] {
  const { text, lines } = doc;
  const lineText = (i: number) => text.slice(lines.lineStarts[i], lines.lineContentEnd(i));
  const indents = signatureIndents(doc, lineText);
  const hasMasthead = doc.noticeRoles.includes('masthead');
  const segments = headingSegments(doc);
  let next = 0;

  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const start = lines.lineStarts[i];
    const end = lines.lineContentEnd(i);
    const line = text.slice(start, end);
    const role = roleOf(doc, i);
    // Typed leading spaces are the line's indent: the paragraph adds none of its own.
    const typedIndent = /^[ \t\u3000]/.test(line);
    let options: IParagraphOptions;

    if (line === '') {
      options = {};
    } else if (role === 'masthead') {
      options = { alignment: AlignmentType.CENTER, children: [run(line, FONTS.xiaobiaosong, mastheadSize(line), RED)] };
    } else if (role === 'noticeTitle' || role === 'planTitle') {
      // 7.3.1 / 7.3.3 — 2号 小标宋, centred, over as many lines as it has.
      // One grid line each in any application (docxPackage.ts): a 2号 line's natural height is about the pitch, over it in some fonts.
      const spacing = { line: GRID.linePitch, lineRule: LineRuleType.EXACT };
      options = { alignment: AlignmentType.CENTER, spacing, children: [run(line, FONTS.xiaobiaosong, POINTS.erhao)] };
    } else if (role === 'number') {
      // 7.2.4 / 7.2.5 — centred, with the red rule as wide as the 版心 4 mm below it under a masthead.
      const rule = { style: BorderStyle.SINGLE, size: 12, color: RED, space: Math.round((4 / 25.4) * 72) };
      options = { alignment: AlignmentType.CENTER, border: hasMasthead ? { bottom: rule } : undefined, children: [run(line, FONTS.fangsong)] };
    } else if (role === 'addressee') {
      // 7.3.2 — flush left, and so are its continuation lines.
      options = { alignment: AlignmentType.BOTH, children: [run(line, FONTS.fangsong)] };
    } else if (role === 'signature' || role === 'date') {
      options = { alignment: AlignmentType.LEFT, indent: { left: Math.round(indents[role] * CHAR) }, children: [run(line, FONTS.fangsong)] };
    } else {
      // 7.3.3 — 正文: 仿宋 3号, each paragraph two 字 in, headings in their level's font.
      const children: ParagraphChild[] = [];
      let at = start;
      while (next < segments.length && segments[next].end <= start) next++;
      for (let k = next; k < segments.length && segments[k].start < end; k++) {
        const s = segments[k];
        const from = Math.max(s.start, start);
        const to = Math.min(s.end, end);
        if (from > at) children.push(run(text.slice(at, from), FONTS.fangsong));
        children.push(run(text.slice(from, to), s.font));
        at = to;
      }
      if (at < end) children.push(run(text.slice(at, end), FONTS.fangsong));
      options = { alignment: AlignmentType.BOTH, indent: typedIndent ? undefined : { firstLine: 2 * CHAR }, children };
    }
    paragraphs.push(new Paragraph(options));
  }
  return paragraphs;
}

function documentTitle(doc: PlanDocument): string {
  return doc.title?.text ?? doc.notice.title?.text ?? '';
}

export async function writePlanDocx(text: string, options: PlanDocxOptions = {}): Promise<Uint8Array> {
  const doc = parsePlan(xmlSafe(text));
  const document = new Document({
    title: xmlSafe(options.title ?? documentTitle(doc)),
    creator: xmlSafe(options.author ?? ''),
    lastModifiedBy: xmlSafe(options.author ?? ''),
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(GRID.runSpacing),
    sections: [
      {
        properties: {
          page: { size: { width: A4.width, height: A4.height }, margin: { ...PORTRAIT_MARGINS, footer: footerDistance(PORTRAIT_MARGINS.bottom), header: 0, gutter: 0 } },
          grid: { type: 'lines', linePitch: GRID.linePitch, charSpace: GRID.charSpace },
        },
        footers: outsidePageNumbers(Math.round(CHAR)),
        children: planParagraphs(doc),
      },
    ],
  });
  return packDocx(document);
}
