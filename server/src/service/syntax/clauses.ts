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
/** 、 right after role words also ends a segment: （A牵头、B按职责分工负责） as Jiyuan writes it. */
const ROLE_THEN_COMMA = /(?<=牵头|负责)、/g;
const isUnitSeparator = (c: number) => c === 0x3001 /* 、 */ || c === 0x53ca /* 及 */;
const ROLE_WORDS = /(按(?:职责|部门)分工)?(分别)?(牵头负责|牵头|负责)$/;
/** 等 before a placeholder: 生态环境局等领导小组有关成员单位. */
const ETC_BEFORE = /等(?=[^等]*(有关|相关|各)[^、]*(部门|单位)$)/;

interface Piece {
  text: string;
  from: number;
}

/** `separator` is tested on UTF-16 codes: split() reads every character of every clause. */
function split(piece: Piece, separator: (c: number) => boolean): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let i = 0; i <= piece.text.length; i++) {
    if (i === piece.text.length || separator(piece.text.charCodeAt(i))) {
      out.push({ text: piece.text.slice(from, i), from: piece.from + from });
      from = i + 1;
    }
  }
  return out;
}

export function parseClause(clause: Clause): ParsedClause {
  const { content, offsets } = clause;
  const units: ClauseUnit[] = [];
  const phrases: string[] = [];
  const unitAt = (text: string, from: number, role: Role, etc: boolean): ClauseUnit => ({
    text,
    start: offsets[from],
    end: offsets[from + text.length - 1] + 1,
    role,
    etc,
    contentStart: from,
    contentEnd: from + text.length,
  });

  // A segment without role words (A、B，C负责) shares the role of the next one.
  let pending: Piece[] = [];
  // Same length, so offsets stay valid.
  const segmentText = content.includes('头、') || content.includes('责、') ? content.replace(ROLE_THEN_COMMA, '，') : content;
  const segments = split({ text: segmentText, from: 0 }, isSegmentSeparator);
  const roles: Array<{ pieces: Piece[]; lead: boolean }> = [];
  for (const segment of segments) {
    const m = segment.text.endsWith('责') || segment.text.endsWith('头') ? ROLE_WORDS.exec(segment.text) : null;
    if (!m) {
      pending.push(segment);
      continue;
    }
    phrases.push(m[0]);
    const names = { text: segment.text.slice(0, m.index), from: segment.from };
    roles.push({ pieces: [...pending, names], lead: m[3] !== '负责' });
    pending = [];
  }
  if (pending.length > 0) roles.push({ pieces: pending, lead: false });

  const hasLead = roles.some((r) => r.lead);
  for (const { pieces, lead } of roles) {
    const role: Role = lead ? 'lead' : hasLead ? 'partner' : 'owner';
    for (const piece of pieces) {
      for (const token of split(piece, isUnitSeparator)) {
        let { text, from } = token;
        const etcBefore = text.includes('等') ? ETC_BEFORE.exec(text) : null;
        if (etcBefore) {
          units.push(unitAt(text.slice(0, etcBefore.index), from, role, true));
          from += etcBefore.index + 1;
          text = text.slice(etcBefore.index + 1);
        }
        const etc = text.endsWith('等');
        if (etc) text = text.slice(0, -1);
        if (text.length > 0) units.push(unitAt(text, from, role, etc));
      }
    }
  }
  return { clause, units: units.filter((u) => u.text.length > 0), phrases };
}
