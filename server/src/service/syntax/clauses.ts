import type { Clause } from './model';

/**
 * The grammar of responsibility clauses, as the seeds write them:
 *
 *   （公安部负责）                                   sole owner
 *   （A牵头，B、C按职责分工负责）                     lead + partners
 *   （A、B按职责分工（分别）负责）  （A、B负责）       shared ownership
 *   （A、B分别牵头） （A、B按职责分工牵头） （A牵头）   leads only
 *   （A牵头负责，B、C等按部门分工分别负责）
 *   （A及领导小组有关成员单位按职责分工负责）  （B等有关单位负责）
 *   （A牵头、B按职责分工负责）                       、 after role words as a segment break
 *   （A负责落实） （A、B分别负责落实）                  落实 after the role words
 *   （责任时限：2022年底前，牵头单位：A、B，责任单位：C）  labelled: 牵头单位/部门 lead, 责任单位/部门
 *   （牵头单位：A；配合单位：B） （责任单位：A）          own or partner, 配合单位/部门 partner, 时限 skipped
 *
 * Segments are separated by ，/,/；, units by 、 or 及; each segment ends in its
 * role words. Which names are agencies and which are placeholders is for the
 * registry to say; the grammar only splits and assigns roles.
 */

export type Role = 'lead' | 'partner' | 'owner';

export interface ClauseUnit {
  /** The name as written, line breaks and spaces removed. */
  text: string;
  /** Document offsets of the name's first character and just after its last. */
  start: number;
  end: number;
  role: Role;
  /** Followed by 等 (“and others”). */
  etc: boolean;
  /** Index in the clause's content (for removing it with its separator). */
  contentStart: number;
  contentEnd: number;
}

export interface ParsedClause {
  clause: Clause;
  units: ClauseUnit[];
  /** The role words of each segment, e.g. 牵头, 按职责分工负责. */
  phrases: string[];
}

const isSegmentSeparator = (c: number) => c === 0xff0c /* ， */ || c === 0x2c /* , */ || c === 0xff1b /* ； */ || c === 0x3b /* ; */;
/** 、 right after role words (牵头 or 负责) also ends a segment: （A牵头、B按职责分工负责） as Jiyuan writes it. */
function endsSegment(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isSegmentSeparator(c)) return true;
  if (c !== 0x3001 /* 、 */ || i < 2) return false;
  return isRoleWords(text.charCodeAt(i - 2), text.charCodeAt(i - 1));
}

/** Whether two characters, by code, are the role words 牵头 or 负责 that end a clause's segment or the clause. */
export function isRoleWords(first: number, last: number): boolean {
  return (first === 0x7275 /* 牵 */ && last === 0x5934) /* 头 */ || (first === 0x8d1f /* 负 */ && last === 0x8d23) /* 责 */;
}
const isUnitSeparator = (c: number) => c === 0x3001 /* 、 */ || c === 0x53ca /* 及 */;
/** 等 before a placeholder: 生态环境局等领导小组有关成员单位. */
const ETC_BEFORE = /等(?=[^等]*(有关|相关|各)[^、]*(部门|单位)$)/;

/** A segment's role: none (its names share the next segment's), a lead's or an owner's/partner's. */
const enum Words {
  None,
  Responsible,
  Lead,
}

/**
 * Where the role words that end text[from, to) begin — （按职责分工|按部门分工）?（分别）?（牵头负责|牵头|负责） —
 * and whether they make a lead; read backwards on the string, since this runs
 * on every segment of every clause and a regex on a slice of each allocated
 * both.
 */
function roleWords(text: string, from: number, to: number): { start: number; words: Words } {
  let at = to;
  let words: Words;
  if (endsAt(text, from, at, '落实') && (endsAt(text, from, at - 2, '负责') || endsAt(text, from, at - 2, '牵头'))) at -= 2;
  if (endsAt(text, from, at, '负责')) {
    at -= 2;
    words = Words.Responsible;
    if (endsAt(text, from, at, '牵头')) {
      at -= 2;
      words = Words.Lead;
    }
  } else if (endsAt(text, from, at, '牵头')) {
    at -= 2;
    words = Words.Lead;
  } else {
    return { start: to, words: Words.None };
  }
  if (endsAt(text, from, at, '分别')) at -= 2;
  if (endsAt(text, from, at, '按职责分工') || endsAt(text, from, at, '按部门分工')) at -= 5;
  return { start: at, words };
}

/** Whether text[from, at) ends with `word`. */
function endsAt(text: string, from: number, at: number, word: string): boolean {
  return at - word.length >= from && text.startsWith(word, at - word.length);
}

/** A label of the labelled form, ending in ：or : — 牵头单位：, 责任单位：, 配合单位：, 完成时限：. */
const LABEL = /^(牵头|责任|配合|协办|主办)(单位|部门)[:：]|^(责任|完成|工作)?时限[:：]/;

/** Whether a bracket's content is the labelled form (责任单位：…): it has to name units under a label. */
export function isLabelledClause(content: string): boolean {
  return /(?:牵头|责任|配合)(?:单位|部门)[:：]/.test(content);
}

export function parseClause(clause: Clause): ParsedClause {
  return isLabelledClause(clause.content) ? parseLabelled(clause) : parseRoleWords(clause);
}

/**
 * （责任时限：2022年底前，牵头单位：A、B，责任单位：C，以下统称D）: each label
 * gives the role of the names after it, until the next label; a segment
 * without a label continues the one before; time limits and 以下统称 asides
 * name no unit.
 */
function parseLabelled(clause: Clause): ParsedClause {
  const { content: text, offsets } = clause;
  const phrases: string[] = [];
  const units: ClauseUnit[] = [];
  const hasLead = /(?:牵头)(?:单位|部门)[:：]/.test(text);
  let role: Role | undefined;
  for (let from = 0, i = 0; i <= text.length; i++) {
    if (i < text.length && !isSegmentSeparator(text.charCodeAt(i))) continue;
    let start = from;
    const label = LABEL.exec(text.slice(from, i));
    if (label) {
      phrases.push(label[0]);
      start += label[0].length;
      role = label[3] !== undefined || label[0].includes('时限') ? undefined : label[1] === '牵头' ? 'lead' : label[1] === '责任' && !hasLead ? 'owner' : 'partner';
    }
    if (role && !/^以下(?:统|简)称/.test(text.slice(start, i))) {
      for (let f = start, j = start; j <= i; j++) {
        if (j < i && !isUnitSeparator(text.charCodeAt(j))) continue;
        pushUnits(units, text.slice(f, j), f, role, offsets);
        f = j + 1;
      }
    }
    from = i + 1;
  }
  return { clause, units, phrases };
}

function parseRoleWords(clause: Clause): ParsedClause {
  const { content: text, offsets } = clause;
  // Segments flat, three numbers each: start, end of the names, role words (a Words).
  const segments: number[] = [];
  const phrases: string[] = [];
  let hasLead = false;
  for (let from = 0, i = 0; i <= text.length; i++) {
    if (i < text.length && !endsSegment(text, i)) continue;
    const role = roleWords(text, from, i);
    if (role.words !== Words.None) phrases.push(text.slice(role.start, i));
    if (role.words === Words.Lead) hasLead = true;
    segments.push(from, role.start, role.words);
    from = i + 1;
  }
  // A segment without role words (A、B，C负责) shares the role of the next one; a last one without any has no lead.
  const roles: Role[] = new Array<Role>(segments.length / 3);
  let governing = Words.Responsible;
  for (let s = roles.length - 1; s >= 0; s--) {
    if (segments[3 * s + 2] !== Words.None) governing = segments[3 * s + 2];
    roles[s] = governing === Words.Lead ? 'lead' : hasLead ? 'partner' : 'owner';
  }
  const units: ClauseUnit[] = [];
  for (let s = 0; s < roles.length; s++) {
    const namesEnd = segments[3 * s + 1];
    for (let from = segments[3 * s], i = from; i <= namesEnd; i++) {
      if (i < namesEnd && !isUnitSeparator(text.charCodeAt(i))) continue;
      pushUnits(units, text.slice(from, i), from, roles[s], offsets);
      from = i + 1;
    }
  }
  return { clause, units, phrases };
}

/** The unit (or, with 等 before a placeholder, the two units) one name between separators gives. */
function pushUnits(units: ClauseUnit[], text: string, from: number, role: Role, offsets: readonly number[]): void {
  const etcBefore = text.includes('等') ? ETC_BEFORE.exec(text) : null;
  if (etcBefore) {
    pushUnit(units, text.slice(0, etcBefore.index), from, role, true, offsets);
    from += etcBefore.index + 1;
    text = text.slice(etcBefore.index + 1);
  }
  const etc = text.endsWith('等');
  pushUnit(units, etc ? text.slice(0, -1) : text, from, role, etc, offsets);
}

function pushUnit(units: ClauseUnit[], text: string, from: number, role: Role, etc: boolean, offsets: readonly number[]): void {
  if (text.length === 0) return;
  units.push({ text, start: offsets[from], end: offsets[from + text.length - 1] + 1, role, etc, contentStart: from, contentEnd: from + text.length });
}
