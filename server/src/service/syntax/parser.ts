import { isLowSurrogate, isSpace } from '../text/chars';
import { LineIndex } from '../text/lineIndex';
import { lowerBound } from '../text/sorted';
import { isRoleWords } from './clauses';
import { matchMarker, type Level, type MarkerMatch } from './markers';
import type { Clause, Heading, LineBreak, Notice, ParseProblem, PlanDocument, Span, TextSpan } from './model';

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

const PAGE_MARKER = /^[ \t\u3000]*(?:[—–－\-]{1,2}[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[—–－\-]{1,2}|第[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[,，]?[ \t\u3000]*共[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$/;
/** Whether a line starting with this character can be a page marker (—, –, －, -, 第): the test above runs only on those lines. */
const mayStartPageMarker = (ch: number) => ch === 0x2014 || ch === 0x2013 || ch === 0xff0d || ch === 0x2d || ch === 0x7b2c;
const DOCUMENT_NUMBER = /[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d+\s*号/;
const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const PLAN_TITLE = /(工作要点|工作方案|实施方案|行动方案|工作计划)$/;
/** Lines after the plan: 印发 footers, 抄送, source lines and their addresses. */
const TRAILER = /(印发$|^(抄送|出所先|来源|出处)[:：]|^（此件|^<?https?:\/\/)/;
/** A line ending in one of these ends its paragraph; anything else continues. */
const TERMINAL = new Set(['。', '！', '？', '；', '：', '…', '）', ')', '!', '?', ';', ':', '」', '』']);

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

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parse(): PlanDocument {
    this.classifyLines();
    const lineCount = this.info.length;
    const firstHeading = this.findBodyStart();
    const trailerLine = this.findTrailer(firstHeading);
    const bodyEndLine = trailerLine ?? lineCount;

    const notice = this.readNotice(firstHeading);
    const title = this.findTitle(firstHeading, notice);
    const preambleLines = this.preambleLines(firstHeading, title, notice);
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
      const isDate = DATE_LINE.test(t);
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

  private readNotice(bodyStart: number): Notice {
    const notice: Notice = {};
    const content: number[] = [];
    for (let i = 0; i < bodyStart; i++) if (this.info[i].kind === 'text') content.push(i);

    const numberAt = content.findIndex((i) => {
      const t = this.lineText(i);
      return t.length <= 40 && DOCUMENT_NUMBER.test(t);
    });
    if (numberAt >= 0) {
      notice.documentNumber = this.textSpan(content[numberAt], content[numberAt]);
      // The issuer is the masthead above the number; 文件 may stand on its own line.
      const masthead = content.slice(0, numberAt).filter((i) => this.lineText(i).replace(/\s/g, '') !== '文件');
      if (masthead.length > 0) {
        const span = this.textSpan(masthead[0], masthead[masthead.length - 1]);
        notice.issuer = { ...span, text: span.text.replace(/\s*文件$/, '') };
      }
    }
    const titleAt = content.findIndex((i) => /通知$/.test(this.lineText(i).replace(/\s/g, '')));
    if (titleAt >= 0) {
      notice.title = this.textSpan(content[titleAt], content[titleAt]);
      const addressee = content.slice(titleAt + 1).find((i) => /[：:]$/.test(this.lineText(i)));
      if (addressee !== undefined) notice.addressee = this.textSpan(addressee, addressee);
    }
    const dateAt = content.findIndex((i) => DATE_LINE.test(this.lineText(i)));
    if (dateAt >= 0) {
      notice.date = this.textSpan(content[dateAt], content[dateAt]);
      if (!notice.issuer && dateAt > 0 && content[dateAt - 1] > (titleAt >= 0 ? content[titleAt] : -1)) {
        // Without a masthead, the signature above the date names the issuer.
        notice.issuer = this.textSpan(content[dateAt - 1], content[dateAt - 1]);
      }
    }
    return notice;
  }

  private findTitle(bodyStart: number, notice: Notice): TextSpan | undefined {
    for (let i = bodyStart - 1; i >= 0; i--) {
      if (this.info[i].kind !== 'text') continue;
      const compact = this.lineText(i).replace(/\s/g, '');
      if (PLAN_TITLE.test(compact) && !compact.startsWith('关于') && !compact.includes('《')) {
        if (notice.title && this.info[i].start === notice.title.start) return undefined;
        return this.textSpan(i, i);
      }
    }
    return undefined;
  }

  /** Paragraph lines between the title (or the notice's addressee line) and the first heading. */
  private preambleLines(bodyStart: number, title: TextSpan | undefined, notice: Notice): number[] {
    const after = title?.end ?? notice.addressee?.end;
    if (after === undefined) return [];
    const lines: number[] = [];
    for (let i = 0; i < bodyStart; i++) {
      const l = this.info[i];
      if (l.start > after && (l.kind === 'text' || l.kind === 'heading')) lines.push(i);
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
      if (!this.lineText(i).includes('。')) bare[marker.level]++;
    }
    const levels = new Set<Level>([1]);
    for (const level of [2, 3, 4] as Level[]) if (bare[level] * 2 > total[level]) levels.add(level);
    return levels;
  }

  private isTitleLine(i: number, titleOnlyLevels: Set<Level>): boolean {
    const marker = this.info[i].marker;
    return !!marker && titleOnlyLevels.has(marker.level) && !this.lineText(i).includes('。');
  }

  private endsParagraph(i: number): boolean {
    const t = this.lineText(i);
    const last = t[t.length - 1];
    if (last === '”' || last === '’') return /[。！？!?][”’]$/.test(t);
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
        if (prev >= 0 && l.kind === 'text' && !this.endsParagraph(prev) && !this.isTitleLine(prev, titleOnlyLevels)) {
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
      const markerEnd = l.start + m.text.length;
      const ownText = { start: l.start, end: this.lastContentEnd(i, next) };
      headings.push({
        level: m.level,
        start: l.start,
        end: ownText.end,
        marker: { start: l.start, end: markerEnd, level: m.level, value: m.value, text: m.text, width: m.width, fullDigits: m.fullDigits, suffix: m.suffix },
        title: this.headingTitle(i, markerEnd, ownText.end, titleOnlyLevels),
        titleOnly: this.isTitleLine(i, titleOnlyLevels),
        ownText,
        clauses: this.findClauses(ownText),
        children: [],
        line: i,
      });
    }
    return headings;
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
    end = Math.max(start, end);
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
        if (this.endsClause(open + 1, i)) pairs.push([open, i + 1]);
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
    const first = i >= start ? text.charCodeAt(i) : -1;
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
