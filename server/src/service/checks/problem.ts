import type { LevelId } from '../registry/format';
import type { Misplacement } from '../registry/registry';
import type { RuleCode } from '../rules';
import type { Level } from '../syntax/markers';
import type { Convention } from '../syntax/numbering';

/**
 * A finding of a check, in document offsets, with the facts its message is
 * made of: per rule code, the arguments that rule's message needs, as
 * values of the domain (a level, a convention, a suggestion or none). The
 * words they are written in are chosen with the locale when the problem
 * becomes a Diagnostic (features/diagnostics.ts).
 */

/** What every marker problem says: the marker as written, the one expected there, and its level. */
interface MarkerArgs {
  actual: string;
  expected: string;
  level: Level;
}

export interface RuleArgs {
  'numbering.gap': MarkerArgs & { missing: string };
  'numbering.duplicate': MarkerArgs;
  'numbering.order': MarkerArgs;
  'numbering.convention': MarkerArgs & { convention: Convention };
  'numbering.punctuation': MarkerArgs;
  'numbering.width': MarkerArgs & { width: 'full' | 'half' };
  /** A one-character marker (㈠ ⒈ ⑴); `expected` is it written out in the level's width. */
  'numbering.enclosed': MarkerArgs;
  /** `parent`: the marker the heading comes under; none at the start of the plan. */
  'numbering.level': { actual: string; parent?: string; missingLevel: Level; expected: string };
  'text.page-marker': { actual: string };
  'text.broken-line': { before: string; after: string };
  'clause.malformed': { reason: 'unclosed'; after: string } | { reason: 'noRole' | 'leadAsPartner'; unit: string };
  'clause.missing': { item: string };
  /** `otherYear`: set when the parent plan is of another year than the draft. */
  'coverage.missing': { number: string; title: string; expected: string; otherYear?: { draftYear: number; planYear: number } };
  /** `draftYear`: the year the draft's title names, if any. */
  'coverage.other-year': { draftYear?: number; plan: string; covered: number; total: number };
  /** `topic`: what the draft is about (planTopic), which no parent plan is. */
  'coverage.no-parent': { topic: string };
  'agency.unknown': { unit: string; suggestion?: string };
  'agency.duplicate': { unit: string };
  /** `until`: the last year the name was used; `expected`: the unit that does its work now, in this plan. */
  'agency.dissolved': { unit: string; until: number; expected?: string };
  'agency.national-in-local': { unit: string; counterpart?: string };
  /** `level`: the document's level, which the unit is not of. */
  'agency.level': { unit: string; reason: Extract<Misplacement, { kind: 'level' }>['reason']; expected?: string; level: LevelId };
  'document.too-large': { size: string; limit: string };
}

/** The arguments of each quick fix's title. */
export interface FixArgs {
  marker: { expected: string };
  removePageMarker: { actual: string };
  joinLine: Record<string, never>;
  closeClause: Record<string, never>;
  replaceUnit: { unit: string };
  removeUnit: { unit: string };
  insertRole: Record<string, never>;
  /** `units`: the national units the inserted item still names (、-joined), for the drafter to replace. */
  insertTask: { number: string; units?: string };
}

export type FixKind = keyof FixArgs;

/** One replacement, in document offsets, and the title it is offered under. */
export type Fix = {
  [K in FixKind]: {
    kind: K;
    start: number;
    end: number;
    newText: string;
    args?: FixArgs[K];
    /** Further edits applied with this one (renumbering after an inserted item). */
    more?: Array<{ start: number; end: number; newText: string }>;
  };
}[FixKind];

interface Finding {
  start: number;
  end: number;
  fixes: Fix[];
  /** Offer to renumber this level from the problem's marker on (or from the marker at offset `at`), starting at `from`. */
  renumber?: { level: Level; from: number; at?: number };
  /** Offer to normalise the width of every marker of this level. */
  widthLevel?: Level;
  /** Extra payload for the diagnostic's `data` (e.g. agency suggestions). */
  data?: Record<string, unknown>;
}

export type Problem<C extends RuleCode = RuleCode> = { [K in C]: Finding & { code: K; args: RuleArgs[K] } }[C];
