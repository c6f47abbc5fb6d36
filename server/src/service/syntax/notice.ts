/**
 * The line grammar of the issuing notice around a plan. Before the plan body
 * a notice is a column of elements, each on a line (or a few lines) of its
 * own in the original: masthead, document number (文号), notice title,
 * addressee (主送), the notice's sentences, signature, date, the 公开 note
 * and the plan's own title. A line that is one of these elements ends there
 * and the next line starts something else, so the breaks around them are no
 * hard wraps; an element written over several lines (a long title, a
 * signature of two lines) is read whole.
 */

export type NoticeRole = 'masthead' | 'number' | 'noticeTitle' | 'addressee' | 'signature' | 'date' | 'public' | 'planTitle';

/** One line before the plan body, as the parser classified it; `text` without the surrounding spaces. */
export interface NoticeLine {
  kind: 'blank' | 'page' | 'heading' | 'text';
  text: string;
  /** Whether the line ends in the punctuation that ends a paragraph (。 ： ） …). */
  endsParagraph: boolean;
}

/** First and last line (0-based, inclusive) of an element. */
export interface LineRange {
  first: number;
  last: number;
}

export interface NoticeLayout {
  /** The element each line belongs to; undefined for the notice's sentences, the preamble and what is not a content line. */
  readonly roles: ReadonlyArray<NoticeRole | undefined>;
  readonly masthead?: LineRange;
  readonly number?: LineRange;
  readonly noticeTitle?: LineRange;
  readonly addressee?: LineRange;
  readonly signature?: LineRange;
  readonly date?: LineRange;
  readonly planTitle?: LineRange;
}

const DOCUMENT_NUMBER = /[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d+\s*号/;
/** 2017年5月27日, or in numerals as signatures write it: 二○一一年一月十七日 (with 〇, ○ or 零). */
const DATE_LINE = /^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
/** （此件主动公开） · （此件公开发布） · (此件不予公开) */
const PUBLIC_NOTE = /^[（(]\s*此件[^（()）]{1,10}[）)]$/;
/** 工作要点, 实施方案, 工作计划 …, also in Traditional characters (要點, 計劃) as mirror sites serve them. */
const PLAN_TITLE = /(要[点點]|方案|[计計][划劃])$/;
/** What a title or a signature never holds: the punctuation of sentences. */
const SENTENCE_PUNCTUATION = /[，,。；;：:！!？?]/;
/** How long a line of a title or a signature can be: a notice is set at 28 characters a line. */
const MAX_ELEMENT_LINE = 40;

export function isDateLine(text: string): boolean {
  return DATE_LINE.test(text);
}

/** Reads the elements of the notice off the lines before the plan body (`lines[0 … bodyStart-1]`). */
export function readNoticeLines(lines: readonly NoticeLine[]): NoticeLayout {
  const roles: Array<NoticeRole | undefined> = new Array(lines.length).fill(undefined);
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].kind === 'text') content.push(i);
  const compact = (i: number) => lines[i].text.replace(/\s/g, '');
  const mark = (range: LineRange, role: NoticeRole) => {
    for (let i = range.first; i <= range.last; i++) if (lines[i].kind === 'text') roles[i] = role;
    return range;
  };

  /** A line no element claims yet that reads as a name or a title: no sentence in it, no masthead's 文件. */
  const phrase = (i: number) => lines[i].kind === 'text' && roles[i] === undefined && !SENTENCE_PUNCTUATION.test(lines[i].text) && !/文件$/.test(compact(i));
  /** A line that can carry on a title or a signature from the line above it: a short phrase. */
  const continues = (i: number) => phrase(i) && lines[i].text.length <= MAX_ELEMENT_LINE && !lines[i].endsParagraph;
  /** The nearest line above `i` that is not blank, when it is a line of text (a page marker or a heading ends the search). */
  const lineAbove = (i: number): number | undefined => {
    let j = i - 1;
    while (j >= 0 && lines[j].kind === 'blank') j--;
    return j >= 0 && lines[j].kind === 'text' ? j : undefined;
  };
  /** The element ending at line `last`, extended up over the lines that carry it on. */
  const upFrom = (last: number): LineRange => {
    let first = last;
    for (let j = lineAbove(first); j !== undefined && continues(j); j = lineAbove(first)) first = j;
    return { first, last };
  };

  // The number first: a title runs up to it, never through it.
  let number: LineRange | undefined;
  const numberAt = content.find((i) => lines[i].text.length <= MAX_ELEMENT_LINE && DOCUMENT_NUMBER.test(lines[i].text) && !/通知》?$/.test(compact(i)));
  if (numberAt !== undefined) number = mark({ first: numberAt, last: numberAt }, 'number');

  let noticeTitle: LineRange | undefined;
  // As a page heading quotes it, the title may stand in 《》.
  const titleAt = content.find((i) => roles[i] === undefined && /通知》?$/.test(compact(i)));
  if (titleAt !== undefined) noticeTitle = mark(upFrom(titleAt), 'noticeTitle');

  let masthead: LineRange | undefined;
  if (numberAt !== undefined) {
    // The masthead is the issuer above the number; 文件 may stand on its own line.
    const above = content.filter((i) => i < numberAt && roles[i] === undefined);
    for (const i of above) roles[i] = 'masthead';
    const named = above.filter((i) => compact(i) !== '文件');
    if (named.length > 0) masthead = { first: named[0], last: named[named.length - 1] };
  }

  let addressee: LineRange | undefined;
  if (noticeTitle) {
    const at = content.find((i) => i > noticeTitle!.last && roles[i] === undefined && /[：:]$/.test(lines[i].text));
    if (at !== undefined) addressee = mark({ first: at, last: at }, 'addressee');
  }

  let date: LineRange | undefined;
  let signature: LineRange | undefined;
  const dateAt = content.find((i) => roles[i] === undefined && DATE_LINE.test(lines[i].text));
  if (dateAt !== undefined) {
    date = mark({ first: dateAt, last: dateAt }, 'date');
    // The signature is the name just above the date, when there is one (a notice may end with its sentence).
    const above = lineAbove(dateAt);
    if (above !== undefined && continues(above)) signature = mark(upFrom(above), 'signature');
  }
  for (const i of content) if (roles[i] === undefined && PUBLIC_NOTE.test(lines[i].text)) roles[i] = 'public';

  // The plan's title is the last title line before the body: after the notice, never inside it.
  let planTitle: LineRange | undefined;
  for (let k = content.length - 1; k >= 0; k--) {
    const i = content[k];
    if (roles[i] === 'noticeTitle') break;
    const c = compact(i);
    if (PLAN_TITLE.test(c) && !c.startsWith('关于') && !c.includes('《') && phrase(i)) {
      planTitle = mark(upFrom(i), 'planTitle');
      break;
    }
  }
  return { roles, masthead, number, noticeTitle, addressee, signature, date, planTitle };
}
