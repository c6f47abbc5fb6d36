import type { MessageArgs } from '../l10n';
import type { RuleCode } from '../rules';
import type { Level } from '../syntax/markers';

/** The quick fixes a problem can carry; each kind has a localised title. */
export type FixKind = 'marker' | 'removePageMarker' | 'joinLine' | 'closeClause' | 'replaceUnit' | 'removeUnit' | 'insertRole' | 'insertTask';

/** One replacement, in document offsets. */
export interface Fix {
  kind: FixKind;
  start: number;
  end: number;
  newText: string;
  args?: MessageArgs;
  /** Further edits applied with this one (renumbering after an inserted item). */
  more?: Array<{ start: number; end: number; newText: string }>;
}

/** A finding of a check, in document offsets; the service turns it into a Diagnostic. */
export interface Problem {
  code: RuleCode;
  start: number;
  end: number;
  args: MessageArgs;
  fixes: Fix[];
  /** Offer to renumber this level from the problem's marker on (or from the marker at offset `at`), starting at `from`. */
  renumber?: { level: Level; from: number; at?: number };
  /** Offer to normalise the width of every marker of this level. */
  widthLevel?: Level;
  /** Extra payload for the diagnostic's `data` (e.g. agency suggestions). */
  data?: Record<string, unknown>;
}
