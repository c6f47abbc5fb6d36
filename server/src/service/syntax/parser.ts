import { isLowSurrogate, isSpace } from '../text/chars';
import { LineIndex } from '../text/lineIndex';
import { lowerBound } from '../text/sorted';
import { isLabelledClause, isRoleWords } from './clauses';
import { matchMarker, type Level, type MarkerMatch } from './markers';
import type { Clause, Heading, LineBreak, Notice, ParseProblem, PlanDocument, Span, TextSpan } from './model';
import { isDateLine, readNoticeLines, type LineRange, type NoticeLayout, type NoticeRole } from './notice';
import { commonMeasure, fillsMeasure, lineWidth } from './wrap';

/**
 * Parses a work plan as it arrives from Word or PDF: issuing notice, title,
 * preamble, the four heading levels, responsibility clauses, and the text
 * artifacts of pasting (page markers, hard line breaks).
 *
 * Never throws: any string yields a document, with problems for what is wrong.
 * Runs in time linear in the text length.
 */
export function parsePlan(text: string): PlanDocument {
  return new PlanParser(text).parse();
}

type LineKind = 'blank' | 'page' | 'heading' | 'text';

interface LineInfo {
  kind: LineKind;
  /** Offset of the first non-space character (line end when blank). */
  start: number;
  /** Offset after the last non-space character. */
  end: number;
  marker?: MarkerMatch;
}

/**
 * A section title, then a space and a bracket: where an item written on its
 * section's line may begin. Without the space only the first item, （一）: a
 * PDF's text drops the space between Chinese and a bracket (质量(一)标准…).
 */
const INLINE_ITEM = /^([^（(。]{2,80}?)(?:[ \t\u3000]+(?=[（(][一二三四五六七八九十]{1,3}[）)])|(?=[（(]一[）)]))/;

const PAGE_MARKER = /^[ \t\u3000]*(?:[—–－\-]{1,2}[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[—–－\-]{1,2}|第[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[,，]?[ \t\u3000]*共[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$/;
/** Whether a line starting with this character can be a page marker (—, –, －, -, 第): the test above runs only on those lines. */
const mayStartPageMarker = (ch: number) => ch === 0x2014 || ch === 0x2013 || ch === 0xff0d || ch === 0x2d || ch === 0x7b2c;
/** Lines after the plan: 印发 footers, 抄送, source lines and their addresses. */
const TRAILER = /(印发$|^(抄送|出所先|来源|出处)[:：]|^（此件|^<?https?:\/\/)/;
/** A line ending in one of these ends its paragraph; anything else continues. (Character codes: read off the text without a slice per line.) */
const TERMINAL = new Set([...'。！？；：…）)!?;:」』'].map((c) => c.charCodeAt(0)));
/** Before a closing quote, these end the sentence and so the paragraph: 他说：“加强监管。” */
const QUOTED_END = new Set([...'。！？!?'].map((c) => c.charCodeAt(0)));

class PlanParser {
  private readonly lines: LineIndex;
  private readonly info: LineInfo[] = [];
  private readonly problems: ParseProblem[] = [];
  private readonly pageMarkers: Span[] = [];
  private readonly lineBreaks: LineBreak[] = [];
  /** Offsets of every bracket, found on first need (bracketOffsets). */
  private brackets: number[] | undefined;
  /** Line numbers whose text continues on the next content line. */
  private readonly continues = new Set<number>();
  /** The notice element of each line before the body (readNoticeLines). */
  private noticeRoles: ReadonlyArray<NoticeRole | undefined> = [];
  /** The width the document's hard-wrapped lines share, in half-ems, when it is a PDF paste (wrap.ts); found on first need (wrapped). */
  private measure: { width: number | undefined } | undefined;
  /** The line after the plan body: where the measure is read up to. */
  private bodyEndLine = 0;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parse(): PlanDocument {
    this.classifyLines();
    const lineCount = this.info.length;
    const firstHeading = this.findBodyStart();
    const trailerLine = this.findTrailer(firstHeading);
    const bodyEndLine = trailerLine ?? lineCount;

    const layout = this.readNotice(firstHeading);
    const notice = this.notice(layout);
    const title = this.span(layout.planTitle);
    const preambleLines = this.preambleLines(firstHeading, title, notice);
    this.bodyEndLine = bodyEndLine;
    const titleOnlyLevels = this.titleOnlyLevels(firstHeading, bodyEndLine);

    this.findLineBreaks(preambleLines, firstHeading, bodyEndLine, titleOnlyLevels);
    const preamble = this.paragraphs(preambleLines);
    const headings = this.buildHeadings(firstHeading, bodyEndLine, titleOnlyLevels);
    const roots = this.buildTree(headings);

    const bodyStart = firstHeading < lineCount ? this.info[firstHeading].start : this.text.length;
    const body = { start: bodyStart, end: Math.max(bodyStart, this.lastContentEnd(firstHeading, bodyEndLine)) };
    const trailer = trailerLine !== undefined
      ? { start: this.info[trailerLine].start, end: this.lastContentEnd(trailerLine, lineCount) }
      : undefined;

    return {
      text: this.text,
      lines: this.lines,
      notice,
      noticeRoles: this.noticeRoles,
      title,
      preamble,
      roots,
      headings,
      body,
      trailer,
      pageMarkers: this.pageMarkers,
      lineBreaks: this.lineBreaks,
      brackets: this.bracketOffsets(),
      problems: this.problems.sort((a, b) => a.start - b.start),
    };
  }

  private classifyLines(): void {
    const { text } = this;
    const starts = this.lines.lineStarts;
    for (let i = 0; i < starts.length; i++) {
      const lineEnd = this.lines.lineContentEnd(i);
      let start = starts[i];
      while (start < lineEnd && isSpace(text.charCodeAt(start))) start++;
      let end = lineEnd;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (start === end) {
        this.info.push({ kind: 'blank', start: lineEnd, end: lineEnd });
        continue;
      }
      const content = text.slice(start, end);
      if (mayStartPageMarker(content.charCodeAt(0)) && PAGE_MARKER.test(content)) {
        this.info.push({ kind: 'page', start, end });
        this.pageMarkers.push({ start, end });
        this.problems.push({ code: 'text.page-marker', start, end });
        continue;
      }
      const marker = matchMarker(content);
      this.info.push(marker ? { kind: 'heading', start, end, marker } : { kind: 'text', start, end });
    }
  }

  private lineText(i: number): string {
    const l = this.info[i];
    return this.text.slice(l.start, l.end);
  }

  /** The plan body starts at the first section (一、) or, failing that, the first item. */
  private findBodyStart(): number {
    let firstAny = -1;
    for (let i = 0; i < this.info.length; i++) {
      const marker = this.info[i].marker;
      if (!marker) continue;
      if (marker.level <= 2) return i;
      if (firstAny < 0) firstAny = i;
    }
    return firstAny >= 0 ? firstAny : this.info.length;
  }

  /**
   * The lines after the plan: 印发 footers, source lines, and a closing
   * signature with its date, so that they are not read as the last item's text.
   */
  private findTrailer(bodyStart: number): number | undefined {
    let trailer: number | undefined;
    let afterDate = false;
    for (let i = this.info.length - 1; i > bodyStart; i--) {
      const l = this.info[i];
      if (l.kind === 'blank' || l.kind === 'page') continue;
      if (l.kind !== 'text') break;
      const t = this.lineText(i);
      const isDate = isDateLine(t);
      const isSignature: boolean = afterDate && t.length <= 40 && !this.endsParagraph(i);
      if (!TRAILER.test(t) && !isDate && !isSignature) break;
      trailer = i;
      afterDate = isDate || isSignature;
    }
    return trailer;
  }

  private textSpan(first: number, last: number): TextSpan {
    const start = this.info[first].start;
    const end = this.info[last].end;
    return { start, end, text: this.joined(start, end) };
  }

  /**
   * The text between two offsets as one line: line breaks, the indentation
   * and blank lines around them and page-marker lines removed. Walks the
   * classified lines, so the cost is linear whatever the whitespace.
   */
  private joined(start: number, end: number): string {
    const starts = this.lines.lineStarts;
    let out = '';
    for (let i = this.lines.lineAt(start); i < this.info.length && starts[i] < end; i++) {
      const l = this.info[i];
      if (l.kind === 'blank' || l.kind === 'page') continue;
      const from = Math.max(start, l.start);
      const to = Math.min(end, l.end);
      if (to > from) out += this.text.slice(from, to);
    }
    return out;
  }

  /**
   * A clause from its opening bracket to `end`, its content read up to
   * `contentEnd`: the text without line breaks, blank or page-marker lines, or
   * the spaces PDF extraction puts between characters, with the document
   * offset of every character kept.
   */
  private clauseAt(open: number, contentEnd: number, end: number, closed: boolean): Clause {
    const { text } = this;
    const starts = this.lines.lineStarts;
    const start = open + 1;
    let content = '';
    // Presized and cut after: pushed one by one, the offsets were copied as they grew. (Not for a
    // huge span, where V8 would make a presized array a slow dictionary; writing at the end is a push.)
    const offsets: number[] = contentEnd - start <= 16_384 ? new Array<number>(Math.max(0, contentEnd - start)) : [];
    let n = 0;
    for (let i = this.lines.lineAt(start); i < this.info.length && starts[i] < contentEnd; i++) {
      const l = this.info[i];
      if (l.kind === 'blank' || l.kind === 'page') continue;
      // Runs between spaces are appended as slices: a clause rarely holds a space, so usually one slice per line.
      const to = Math.min(contentEnd, l.end);
      let run = Math.max(start, l.start);
      for (let j = run; j < to; j++) {
        if (!isSpace(text.charCodeAt(j))) {
          offsets[n++] = j;
          continue;
        }
        content += text.slice(run, j);
        run = j + 1;
      }
      if (to > run) content += text.slice(run, to);
    }
    // Setting the length is a runtime call even when it does not change: most clauses hold no space.
    if (n !== offsets.length) offsets.length = n;
    return { start: open, end, raw: text.slice(open, end), content, offsets, closed };
  }

  /** The notice's elements, line by line, before the first heading. */
  private readNotice(bodyStart: number): NoticeLayout {
    const lines = [];
    for (let i = 0; i < bodyStart; i++) {
      const kind = this.info[i].kind;
      lines.push({ kind, text: kind === 'blank' ? '' : this.lineText(i), endsParagraph: kind !== 'blank' && this.endsParagraph(i) });
    }
    const layout = readNoticeLines(lines);
    this.noticeRoles = layout.roles;
    return layout;
  }

  private notice(layout: NoticeLayout): Notice {
    const masthead = this.span(layout.masthead);
    // Without a masthead, the signature above the date names the issuer.
    const issuer = masthead ? { ...masthead, text: masthead.text.replace(/\s*文件$/, '') } : this.span(layout.signature);
    const parts: Notice = {
      issuer,
      documentNumber: this.span(layout.number),
      title: this.span(layout.noticeTitle),
      addressee: this.span(layout.addressee),
      date: this.span(layout.date),
    };
    // Only the parts the notice has: a draft's notice may lack any of them.
    return Object.fromEntries(Object.entries(parts).filter(([, span]) => span !== undefined));
  }

  private span(range: LineRange | undefined): TextSpan | undefined {
    return range && this.textSpan(range.first, range.last);
  }

  private isNoticeElement(i: number): boolean {
    return i < this.noticeRoles.length && this.noticeRoles[i] !== undefined;
  }

  /** Paragraph lines between the title (or the notice's addressee line) and the first heading, the notice's elements left out. */
  private preambleLines(bodyStart: number, title: TextSpan | undefined, notice: Notice): number[] {
    const after = title?.end ?? notice.addressee?.end;
    if (after === undefined) return [];
    const lines: number[] = [];
    for (let i = 0; i < bodyStart; i++) {
      const l = this.info[i];
      if (l.start > after && (l.kind === 'text' || l.kind === 'heading') && !this.isNoticeElement(i)) lines.push(i);
    }
    return lines;
  }

  private paragraphs(lines: number[]): TextSpan[] {
    const out: TextSpan[] = [];
    let first = -1;
    for (const i of lines) {
      if (first < 0) first = i;
      if (!this.continues.has(i)) {
        out.push(this.textSpan(first, i));
        first = -1;
      }
    }
    if (first >= 0) out.push(this.textSpan(first, lines[lines.length - 1]));
    return out;
  }

  /**
   * Which levels put their titles on a line of their own (Nantong's （一）,
   * Jiyuan's （一）): decided per document by the majority of that level's
   * headings, so that a heading line without 。 is read as a title there and
   * as a broken sentence elsewhere.
   */
  private titleOnlyLevels(from: number, to: number): Set<Level> {
    const total = [0, 0, 0, 0, 0];
    const bare = [0, 0, 0, 0, 0];
    for (let i = from; i < to; i++) {
      const marker = this.info[i].marker;
      if (!marker) continue;
      total[marker.level]++;
      if (!this.lineText(i).includes('。') && !this.wrapped(i)) bare[marker.level]++;
    }
    const levels = new Set<Level>([1]);
    for (const level of [2, 3, 4] as Level[]) if (bare[level] * 2 > total[level]) levels.add(level);
    return levels;
  }

  private isTitleLine(i: number, titleOnlyLevels: Set<Level>): boolean {
    const marker = this.info[i].marker;
    return !!marker && titleOnlyLevels.has(marker.level) && !this.lineText(i).includes('。') && !this.wrapped(i);
  }

  /**
   * The measure of a PDF paste: the width its text lines share where they
   * run on to the next line. The notice's elements are lines of their own
   * and do not count.
   */
  private wrapMeasure(): number | undefined {
    const widths: number[] = [];
    let prev = -1;
    for (let i = 0; i < this.bodyEndLine; i++) {
      const kind = this.info[i].kind;
      if (kind === 'blank' || kind === 'page') continue;
      if (prev >= 0 && kind === 'text' && !this.isNoticeElement(prev) && !this.isNoticeElement(i) && !this.endsParagraph(prev)) {
        widths.push(lineWidth(this.text, this.info[prev].start, this.info[prev].end));
      }
      prev = kind === 'text' ? i : -1;
    }
    return commonMeasure(widths);
  }

  /**
   * Whether a heading's line ends mid-sentence at the margin of a PDF paste:
   * it runs to the measure the wrapped lines around it share, so it is no
   * title on a line of its own even without a 。.
   */
  private wrapped(i: number): boolean {
    const l = this.info[i];
    if (this.endsParagraph(i)) return false;
    this.measure ??= { width: this.wrapMeasure() };
    return fillsMeasure(lineWidth(this.text, l.start, l.end), this.measure.width);
  }

  private endsParagraph(i: number): boolean {
    const { start, end } = this.info[i];
    if (end <= start) return false;
    const last = this.text.charCodeAt(end - 1);
    if (last === 0x201d /* ” */ || last === 0x2019 /* ’ */) return end - 1 > start && QUOTED_END.has(this.text.charCodeAt(end - 2));
    return TERMINAL.has(last);
  }

  /**
   * Whether joining a run of lines would make one that reads as something
   * else: a page marker (`—` / `3—`) or another heading marker (`（` /
   * `一）…`). Those lines are no sentence broken in pieces, and joining them
   * would leave the next check a new thing to fix (fix-all would not be
   * idempotent). The whole run counts: joining is decided once per run.
   */
  private joinRereads(lines: number[]): boolean {
    const joined = lines.map((i) => this.lineText(i)).join('');
    return PAGE_MARKER.test(joined) || matchMarker(joined)?.text !== this.info[lines[0]].marker?.text;
  }

  /** Finds hard line breaks inside sentences in the preamble and the body. */
  private findLineBreaks(preamble: number[], bodyStart: number, bodyEnd: number, titleOnlyLevels: Set<Level>): void {
    const regions: Array<[number, number]> = [];
    if (preamble.length > 0) regions.push([preamble[0], bodyStart]);
    regions.push([bodyStart, bodyEnd]);
    for (const [from, to] of regions) {
      let prev = -1;
      let pages = 0;
      /** The breaks of the current run of lines that continue one another. */
      let run: Array<{ prev: number; next: number; pages: number }> = [];
      const endRun = () => {
        if (run.length > 0 && !this.joinRereads([run[0].prev, ...run.map((b) => b.next)])) {
          for (const b of run) {
            this.continues.add(b.prev);
            const lineBreak = { end: this.info[b.prev].end, next: this.info[b.next].start, pageMarkersBetween: b.pages };
            this.lineBreaks.push(lineBreak);
            this.problems.push({
              code: 'text.broken-line',
              start: Math.max(this.info[b.prev].start, lineBreak.end - (isLowSurrogate(this.text.charCodeAt(lineBreak.end - 1)) ? 2 : 1)),
              end: lineBreak.end,
              data: { end: lineBreak.end, next: lineBreak.next },
            });
          }
        }
        run = [];
      };
      for (let i = from; i < to; i++) {
        const l = this.info[i];
        if (l.kind === 'blank') continue;
        if (l.kind === 'page') {
          pages++;
          continue;
        }
        // A line of the notice's own elements ends there, and the next one starts anew (notice.ts).
        const noticeLine = this.isNoticeElement(prev) || this.isNoticeElement(i);
        if (prev >= 0 && l.kind === 'text' && !noticeLine && !this.endsParagraph(prev) && !this.isTitleLine(prev, titleOnlyLevels)) {
          run.push({ prev, next: i, pages });
        } else {
          endRun();
        }
        prev = i;
        pages = 0;
      }
      endRun();
    }
  }

  private lastContentEnd(from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) {
      const l = this.info[i];
      if (l.kind === 'text' || l.kind === 'heading') return l.end;
    }
    return from < this.info.length ? this.info[from].start : this.text.length;
  }

  private buildHeadings(from: number, to: number, titleOnlyLevels: Set<Level>): Heading[] {
    const headingLines: number[] = [];
    for (let i = from; i < to; i++) if (this.info[i].kind === 'heading') headingLines.push(i);
    const headings: Heading[] = [];
    for (let h = 0; h < headingLines.length; h++) {
      const i = headingLines[h];
      const next = h + 1 < headingLines.length ? headingLines[h + 1] : to;
      const l = this.info[i];
      const m = l.marker!;
      const ownText = { start: l.start, end: this.lastContentEnd(i, next) };
      const inline = m.level === 1 ? this.inlineItem(i, l.start + m.text.length) : undefined;
      if (inline) {
        // 一、聚焦重点领域，提升政务公开质量 （一）标准财政资金…: the section's own text ends where its first item begins.
        const item = { start: inline.start, end: ownText.end };
        ownText.end = inline.sectionEnd;
        headings.push(this.heading(i, m, l.start, ownText, titleOnlyLevels));
        headings.push(this.heading(i, inline.marker, inline.start, item, titleOnlyLevels));
        continue;
      }
      headings.push(this.heading(i, m, l.start, ownText, titleOnlyLevels));
    }
    return headings;
  }

  /**
   * An item written on the line of its section heading, after the section's
   * title (and a space, but for （一）): the title holds no 。, and the item's
   * level-2 marker is followed by its text.
   */
  private inlineItem(i: number, markerEnd: number): { start: number; sectionEnd: number; marker: MarkerMatch } | undefined {
    const { end } = this.info[i];
    const found = INLINE_ITEM.exec(this.text.slice(markerEnd, Math.min(end, markerEnd + 200)));
    if (!found || found[1].includes('。')) return undefined;
    const start = markerEnd + found[0].length;
    const marker = matchMarker(this.text.slice(start, end));
    if (!marker || marker.level !== 2 || start + marker.text.length >= end) return undefined;
    let sectionEnd = markerEnd + found[1].length;
    while (sectionEnd > markerEnd && isSpace(this.text.charCodeAt(sectionEnd - 1))) sectionEnd--;
    return { start, sectionEnd, marker };
  }

  private heading(i: number, m: MarkerMatch, start: number, ownText: Span, titleOnlyLevels: Set<Level>): Heading {
    const markerEnd = start + m.text.length;
    return {
      level: m.level,
      start,
      end: ownText.end,
      marker: { start, end: markerEnd, level: m.level, value: m.value, text: m.text, width: m.width, fullDigits: m.fullDigits, suffix: m.suffix },
      title: this.headingTitle(i, markerEnd, ownText.end, titleOnlyLevels),
      titleOnly: this.isTitleLine(i, titleOnlyLevels),
      ownText,
      clauses: this.findClauses(ownText),
      children: [],
      line: i,
    };
  }

  private headingTitle(i: number, markerEnd: number, ownEnd: number, titleOnlyLevels: Set<Level>): TextSpan {
    let start = markerEnd;
    while (start < ownEnd && isSpace(this.text.charCodeAt(start))) start++;
    let end = this.info[i].end;
    if (!this.isTitleLine(i, titleOnlyLevels)) {
      // Follow the sentence across hard line breaks to its first 。.
      let line = i;
      while (this.continues.has(line)) line = this.nextContentLine(line);
      const paragraphEnd = Math.min(this.info[line].end, ownEnd);
      // Looks no further than the paragraph: indexOf would run on to the next 。, however far.
      end = start;
      while (end < paragraphEnd && this.text.charCodeAt(end) !== 0x3002 /* 。 */) end++;
    }
    // A section's title line may go on with its first item (inlineItem): the title stops at the heading's own text.
    end = Math.max(start, Math.min(end, ownEnd));
    return { start, end, text: this.joined(start, end) };
  }

  private nextContentLine(i: number): number {
    for (let j = i + 1; j < this.info.length; j++) {
      const k = this.info[j].kind;
      if (k === 'text' || k === 'heading') return j;
    }
    return i;
  }

  /**
   * Locates the parenthesised clauses ending in 负责/牵头 in one heading's own
   * text. Brackets are matched with one stack pass (full- and half-width mix
   * freely in drafts); a pair is only read in full when the words just before
   * its closing bracket end a clause, so the cost stays linear however the
   * brackets nest.
   */
  private findClauses(span: Span): Clause[] {
    const { text } = this;
    const clauses: Clause[] = [];
    const stack: number[] = [];
    const pairs: Array<[number, number]> = [];
    const brackets = this.bracketOffsets();
    for (let k = lowerBound(brackets, span.start); k < brackets.length && brackets[k] < span.end; k++) {
      const i = brackets[k];
      const ch = text.charCodeAt(i);
      if (ch === 0xff08 /* （ */ || ch === 40 /* ( */) stack.push(i);
      else if (stack.length > 0) {
        const open = stack.pop()!;
        if (this.endsClause(open + 1, i) || (i - open < 400 && isLabelledClause(text.slice(open + 1, i)))) pairs.push([open, i + 1]);
      }
    }
    // Nested pairs close before the pair around them. (Most headings hold one pair; V8's sort copies even that.)
    if (pairs.length > 1) pairs.sort((a, b) => a[0] - b[0]);
    let coveredUntil = span.start;
    for (const [open, close] of pairs) {
      if (open < coveredUntil) continue;
      clauses.push(this.clauseAt(open, close - 1, close, true));
      coveredUntil = close;
    }
    if (stack.length === 0) return clauses;
    for (const open of stack) {
      const end = this.unclosedClauseEnd(open, Math.min(span.end, open + 400));
      if (end === undefined) continue;
      clauses.push(this.clauseAt(open, end, end, false));
      this.problems.push({ code: 'clause.malformed', start: open, end, data: { reason: 'unclosed', insertAt: end } });
    }
    return clauses.sort((a, b) => a.start - b.start);
  }

  /**
   * Where every bracket of the text is, found once by the regex engine,
   * which skips to each: a loop over every character of every heading was a
   * quarter of the parse. `test` moves `lastIndex` without building the
   * match array `exec` would.
   */
  private bracketOffsets(): number[] {
    if (!this.brackets) {
      this.brackets = [];
      const bracket = /[（()）]/g;
      while (bracket.test(this.text)) this.brackets.push(bracket.lastIndex - 1);
    }
    return this.brackets;
  }

  /** Whether the text before `end` (spaces and line breaks skipped) finishes with 负责 or 牵头, optionally 等. */
  private endsClause(start: number, end: number): boolean {
    const { text } = this;
    // Read backwards by character code, spaces and line breaks skipped: a closure here, run on every
    // closing bracket, was a third of findClauses' garbage, and text[i] of a CJK character is a new string.
    let i = end - 1;
    while (i >= start && isSpace(text.charCodeAt(i))) i--;
    let last = i >= start ? text.charCodeAt(i) : -1;
    if (last === 0x7b49 /* 等 */) {
      for (i--; i >= start && isSpace(text.charCodeAt(i)); i--);
      last = i >= start ? text.charCodeAt(i) : -1;
    }
    for (i--; i >= start && isSpace(text.charCodeAt(i)); i--);
    let first = i >= start ? text.charCodeAt(i) : -1;
    if (first === 0x843d /* 落 */ && last === 0x5b9e /* 实 */) {
      // （A负责落实）: the role words stand before 落实.
      for (i--; i >= start && isSpace(text.charCodeAt(i)); i--);
      last = i >= start ? text.charCodeAt(i) : -1;
      for (i--; i >= start && isSpace(text.charCodeAt(i)); i--);
      first = i >= start ? text.charCodeAt(i) : -1;
    }
    return isRoleWords(first, last);
  }

  /**
   * Where a clause that never closes should have closed: after its 负责, or
   * after 牵头 when nothing but other units follow it. Looks no further than
   * the next bracket or 。.
   */
  private unclosedClauseEnd(open: number, limit: number): number | undefined {
    const after = this.text.slice(open + 1, limit);
    const stop = after.search(/[（(）)。]/);
    const scope = stop >= 0 ? after.slice(0, stop) : after;
    const words = /负责|牵头/g;
    let end: number | undefined;
    for (let m = words.exec(scope); m; m = words.exec(scope)) {
      end = m.index + m[0].length;
      // 牵头 followed by more units (（A牵头，B、C负责）) is not the end yet.
      if (m[0] === '负责' || !/^[，,]/.test(scope.slice(end))) break;
    }
    return end === undefined ? undefined : open + 1 + end;
  }

  private buildTree(headings: Heading[]): Heading[] {
    const roots: Heading[] = [];
    const stack: Heading[] = [];
    for (const h of headings) {
      while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(h);
      else roots.push(h);
      stack.push(h);
    }
    // A heading's range runs to the end of its last descendant.
    const extend = (h: Heading): number => {
      for (const c of h.children) h.end = Math.max(h.end, extend(c));
      return h.end;
    };
    roots.forEach(extend);
    return roots;
  }
}
