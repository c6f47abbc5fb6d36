import type { LineIndex } from '../text/lineIndex';
import type { Level, MarkerWidth } from './markers';
import type { NoticeRole } from './notice';

/**
 * The document model of a work plan. All positions are UTF-16 offsets into
 * `PlanDocument.text`; the service converts them to LSP positions at its
 * boundary.
 */

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  /** The text of the span with line breaks and the blank lines between pieces removed. */
  text: string;
}

export interface Marker extends Span {
  level: Level;
  value: number;
  /** As written, including any punctuation after it. */
  text: string;
  width: MarkerWidth;
  /** Arabic numbers written with full-width digits (１．). */
  fullDigits: boolean;
  /** Punctuation found after the marker that should not be there ('' when none). */
  suffix: string;
}

/** A parenthesised responsibility clause such as （市公安局牵头，市商务局按职责分工负责）. */
export interface Clause extends Span {
  /** The clause as written, brackets included. */
  raw: string;
  /** The clause's content without brackets, line breaks or spaces. */
  content: string;
  /** The document offset of each character of `content`. */
  offsets: number[];
  closed: boolean;
}

/** A section (一、), item (（一）) or sub-item (1. / （1）) with everything below it. */
export interface Heading extends Span {
  level: Level;
  marker: Marker;
  /** Text after the marker up to the first 。, or the whole line when it holds nothing else. */
  title: TextSpan;
  /** True when the heading's line holds only the marker and title (Nantong, Jiyuan). */
  titleOnly: boolean;
  /** The heading's own text (title and body), excluding its children. */
  ownText: Span;
  clauses: Clause[];
  children: Heading[];
  /** 0-based line of the marker. */
  line: number;
}

/** The issuing notice around the plan. Every field is optional: drafts vary. */
export interface Notice {
  issuer?: TextSpan;
  documentNumber?: TextSpan;
  title?: TextSpan;
  addressee?: TextSpan;
  date?: TextSpan;
}

/** A hard line break inside a sentence: `end` of one line's text, `next` the continuation. */
export interface LineBreak {
  /** Offset just after the last character before the break. */
  end: number;
  /** Offset of the first character of the continuation. */
  next: number;
  /** Page markers lying between the two pieces. */
  pageMarkersBetween: number;
}

/** What the parser noticed while reading pasted text: a page marker, a hard line break, a clause that never closes. */
export type ParseProblem = Span &
  (
    | { code: 'text.page-marker' }
    /** `end` and `next` as in LineBreak. */
    | { code: 'text.broken-line'; data: { end: number; next: number } }
    /** Where the missing closing bracket goes. */
    | { code: 'clause.malformed'; data: { reason: 'unclosed'; insertAt: number } }
  );

export interface PlanDocument {
  readonly text: string;
  readonly lines: LineIndex;
  readonly notice: Notice;
  /**
   * The notice element each line before the plan body belongs to (masthead,
   * number, signature …), by 0-based line; undefined for the notice's
   * sentences, the preamble and blank lines. A writer lays the lines out by it.
   */
  readonly noticeRoles: ReadonlyArray<NoticeRole | undefined>;
  /** The plan's own title line (…工作要点), when present. */
  readonly title?: TextSpan;
  readonly preamble: TextSpan[];
  /** Top-level headings: sections, or items when the plan has no sections. */
  readonly roots: Heading[];
  /** Every heading in document order. */
  readonly headings: Heading[];
  /** From the first heading to the end of the plan, before any trailer. */
  readonly body: Span;
  /** Lines after the plan such as 印发 footers and source lines. */
  readonly trailer?: Span;
  readonly pageMarkers: Span[];
  readonly lineBreaks: LineBreak[];
  /** The offset of every bracket （ ( ） ) in the text, in order: clauses are read off them. */
  readonly brackets: readonly number[];
  readonly problems: ParseProblem[];
}

/**
 * A task: a heading that carries work, i.e. one with no sub-headings below
 * the sections — （五） in the national plan and in Xiamen, 1. under （一） in
 * Jiyuan. Clauses, alignment and the task breakdown all count these.
 */
export function isTask(h: Heading): boolean {
  return h.level >= 2 && h.children.length === 0;
}

export function taskHeadings(doc: PlanDocument): Heading[] {
  return doc.headings.filter(isTask);
}
