import { parseClause, type ClauseUnit, type ParsedClause } from '../syntax/clauses';
import type { Heading, PlanDocument } from '../syntax/model';
import type { Agency, RegistryView } from './registry';

/**
 * What every unit of every responsibility clause stands for in this
 * document's registry view: a registered unit (after prefix elision), a
 * placeholder, or nothing known. The agency checks, the alignment, hover,
 * completion and the task breakdown all read this one resolution.
 */

/** A unit named in a clause and what it resolved to. */
export interface AgencyRef {
  unit: ClauseUnit;
  heading: Heading;
  /** Set when the name is a registered unit of this document (after prefix elision). */
  agency?: Agency;
  placeholder: boolean;
  /** The prefix a bare name takes from the unit before it, when the list writes it once (示范区公安局、农业农村局). */
  elided?: string;
}

export interface ResolvedClause {
  parsed: ParsedClause;
  /** The clause's units, in clause order. */
  refs: AgencyRef[];
}

export interface ClauseResolution {
  clauses: ResolvedClause[];
  /** Every unit of every clause, in document order. */
  refs: AgencyRef[];
}

export function resolveClauses(doc: PlanDocument, view: RegistryView): ClauseResolution {
  const clauses: ResolvedClause[] = [];
  const refs: AgencyRef[] = [];
  for (const heading of doc.headings) {
    for (const clause of heading.clauses) {
      const parsed = parseClause(clause);
      const { units } = parsed;
      const readings = units.map((u) => view.reading(u.text));
      const prefixes = readings.map((r) => r.prefix);
      const own: AgencyRef[] = [];
      for (let i = 0; i < units.length; i++) {
        const unit = units[i];
        const ref: AgencyRef = { unit, heading, agency: undefined, placeholder: readings[i].placeholder };
        if (!ref.placeholder) {
          ref.elided = elidedPrefix(prefixes, i);
          ref.agency = readings[i].agency ?? (ref.elided ? view.registered(ref.elided + unit.text) : undefined);
        }
        own.push(ref);
        refs.push(ref);
      }
      clauses.push({ parsed, refs: own });
    }
  }
  return { clauses, refs };
}

/**
 * The prefix a bare name inherits (`prefixes`: each unit's own prefix, in
 * clause order): that of the closest prefixed unit before it in the clause,
 * as long as no later unit writes that prefix again (then the prefix was not
 * given once for the rest, and the bare name is a mistake).
 */
function elidedPrefix(prefixes: ReadonlyArray<string | undefined>, index: number): string | undefined {
  if (prefixes[index]) return undefined;
  let prefix: string | undefined;
  for (let j = index - 1; j >= 0 && !prefix; j--) prefix = prefixes[j];
  if (!prefix) return undefined;
  for (let j = index + 1; j < prefixes.length; j++) if (prefixes[j] === prefix) return undefined;
  return prefix;
}
