import { get as levenshtein } from 'fast-levenshtein';
import type { RegistryView } from '../registry/registry';
import type { AgencyRef, ClauseResolution } from '../registry/resolve';
import type { ClauseUnit, ParsedClause } from '../syntax/clauses';
import { taskHeadings, type PlanDocument } from '../syntax/model';
import { lowerBound } from '../text/sorted';
import type { Problem } from './problem';

/**
 * Reads every responsibility clause the way a reviewer does: is each unit a
 * registered unit of this document's level and region, named once, with the
 * lead not repeated among the partners — and does every task carry a clause.
 */

export function checkClauses(doc: PlanDocument, view: RegistryView, resolution: ClauseResolution): Problem[] {
  const problems: Problem[] = [];
  // Each unresolved unit keeps the units of its clause, by name, with whether they lead.
  const unresolved: Array<{ ref: AgencyRef; clauseNames: Map<string, boolean> }> = [];

  // The first unit of each registered name in the clause that named it last, for repeats: one map for the
  // document, not one per clause.
  const seen = new Map<string, { clause: ParsedClause; unit: ClauseUnit }>();
  for (const { parsed, refs } of resolution.clauses) {
    let misnamed: AgencyRef[] | undefined;
    for (const ref of refs) {
      if (ref.placeholder) continue;
      const { unit, agency } = ref;
      if (!agency) {
        (misnamed ??= []).push(ref);
        continue;
      }
      const earlier = seen.get(agency.name);
      const first = earlier?.clause === parsed ? earlier.unit : undefined;
      if (!first) {
        seen.set(agency.name, { clause: parsed, unit });
      } else if (first.role === unit.role) {
        problems.push(duplicateProblem(parsed, unit, agency.name));
      } else if ((first.role === 'lead') !== (unit.role === 'lead')) {
        problems.push({
          code: 'clause.malformed',
          start: unit.start,
          end: unit.end,
          args: { reason: 'leadAsPartner', unit: unit.text },
          fixes: [{ kind: 'removeUnit', ...removalRange(parsed, unit), newText: '', args: { unit: unit.text } }],
        });
      }
    }
    if (!misnamed) continue;
    // An unresolved unit's suggestions must not name a unit the clause holds in the other role: the clause's names, with whether they lead.
    const clauseNames = new Map<string, boolean>();
    for (const r of refs) if (r.agency) clauseNames.set(r.agency.name, r.unit.role === 'lead');
    for (const ref of misnamed) unresolved.push({ ref, clauseNames });
  }

  if (unresolved.length > 0) {
    const used = usedNames(resolution.refs);
    for (const { ref, clauseNames } of unresolved) problems.push(unitProblem(view, ref.unit, ref.elided, used, clauseNames));
  }
  problems.push(...missingClauses(doc));
  problems.push(...clausesWithoutRole(doc, view));
  return problems;
}

/**
 * Whether the plan names a unit, by its registered name or as written:
 * among equally close suggestions those come first. The set is built on the
 * first tie that asks, not on every check with a misspelt unit.
 */
function usedNames(refs: readonly AgencyRef[]): (name: string) => boolean {
  let used: Set<string> | undefined;
  return (name) => {
    if (!used) {
      used = new Set<string>();
      for (const r of refs) {
        if (!r.agency) continue;
        used.add(r.agency.name);
        used.add(r.unit.text);
      }
    }
    return used.has(name);
  };
}

function unitProblem(view: RegistryView, unit: ClauseUnit, elided: string | undefined, used: (name: string) => boolean, clauseNames: Map<string, boolean>): Problem {
  // A bare core after a prefixed unit was meant elided; anything else misplaced is judged as written.
  const found = view.misplacement(unit.text);
  const misplaced = elided && found?.kind === 'level' && found.reason === 'bare-core' ? undefined : found;
  const base = { start: unit.start, end: unit.end };
  if (misplaced?.kind === 'national') {
    const counterpart = misplaced.counterpart;
    return {
      code: 'agency.national-in-local',
      ...base,
      args: { unit: unit.text, counterpart },
      fixes: counterpart ? [{ kind: 'replaceUnit', ...base, newText: counterpart, args: { unit: counterpart } }] : [],
    };
  }
  if (misplaced?.kind === 'dissolved') {
    const { until, expected } = misplaced;
    return {
      code: 'agency.dissolved',
      ...base,
      args: { unit: unit.text, until, expected },
      fixes: expected ? [{ kind: 'replaceUnit', ...base, newText: expected, args: { unit: expected } }] : [],
    };
  }
  if (misplaced?.kind === 'level') {
    return {
      code: 'agency.level',
      ...base,
      args: { unit: unit.text, reason: misplaced.reason, expected: misplaced.expected, level: view.level },
      fixes: misplaced.expected ? [{ kind: 'replaceUnit', ...base, newText: misplaced.expected, args: { unit: misplaced.expected } }] : [],
    };
  }
  // A name the clause already holds in the other role is no fix: it would make a lead a partner too, an
  // error (found by the fix round-trip test). The same name in the same role stays: that repeat is reported on its own.
  const conflicts = (name: string) => {
    const leads = clauseNames.get(view.lookup(name)?.name ?? name);
    return leads !== undefined && leads !== (unit.role === 'lead');
  };
  const suggestions = suggestFor(view, unit.text, elided, used).filter((name) => !conflicts(name));
  return {
    code: 'agency.unknown',
    ...base,
    args: { unit: unit.text, suggestion: suggestions[0] },
    fixes: suggestions.map((s) => ({ kind: 'replaceUnit' as const, ...base, newText: s, args: { unit: s } })),
    data: { suggestions, addToRegistry: { name: unit.text, level: view.level, region: view.region?.id } },
  };
}

/**
 * The closest registered names to a name as written and, where the prefix
 * may have been elided, to the name with that prefix (then written elided
 * again); whichever reading is closer comes first.
 */
function suggestFor(view: RegistryView, text: string, elided: string | undefined, used: (name: string) => boolean): string[] {
  // The unit a region names instead of a replaced core is the answer however far its spelling.
  const replacement = view.replacementFor(text);
  const scored = view.suggestions(text).map((name) => ({ name, distance: name === replacement ? 0 : levenshtein(text, name) }));
  if (elided) {
    for (const name of view.suggestions(elided + text)) {
      if (!name.startsWith(elided)) continue;
      scored.push({ name: name.slice(elided.length), distance: levenshtein(elided + text, name) });
    }
  }
  // A stable sort keeps each list's own order among equal distances, the as-written reading first.
  const rank = (name: string) => (used(name) || (elided !== undefined && used(elided + name)) ? 0 : 1);
  scored.sort((a, b) => a.distance - b.distance || rank(a.name) - rank(b.name));
  return [...new Set(scored.map((s) => s.name))].slice(0, 3);
}

/**
 * The unit with the separator that joins it to its neighbours, so that
 * removing it leaves a well-formed list. A 等 after it stays, now closing
 * the list at the unit before.
 */
function removalRange(parsed: ParsedClause, unit: ClauseUnit): { start: number; end: number } {
  const { content, offsets } = parsed.clause;
  if (unit.contentStart > 0 && /[、及]/.test(content[unit.contentStart - 1])) return { start: offsets[unit.contentStart - 1], end: unit.end };
  if (/[、及]/.test(content[unit.contentEnd] ?? '')) return { start: unit.start, end: offsets[unit.contentEnd] + 1 };
  return { start: unit.start, end: unit.end };
}

function duplicateProblem(parsed: ParsedClause, unit: ClauseUnit, name: string): Problem {
  return {
    code: 'agency.duplicate',
    start: unit.start,
    end: unit.end,
    args: { unit: name },
    fixes: [{ kind: 'removeUnit', ...removalRange(parsed, unit), newText: '', args: { unit: unit.text } }],
  };
}

/** Only where the document uses clauses: most of its tasks carry one. */
function missingClauses(doc: PlanDocument): Problem[] {
  const tasks = taskHeadings(doc);
  const withClause = tasks.filter((t) => t.clauses.length > 0).length;
  if (withClause * 2 <= tasks.length) return [];
  return tasks
    .filter((t) => t.clauses.length === 0)
    .map((t) => ({
      code: 'clause.missing' as const,
      start: t.marker.start,
      end: Math.max(t.marker.end, t.title.end),
      args: { item: `${t.marker.text.trim()}${t.title.text}`.slice(0, 24) },
      fixes: [],
    }));
}

const isOpening = (c: number) => c === 0xff08 /* （ */ || c === 40; /* ( */

/**
 * （A牵头，B、C） — a bracket that starts as a responsibility clause but does
 * not end in 负责 or 牵头. A bracket naming units only (（市公安局）) is the
 * accepted shorthand for “this unit is responsible” and is left alone.
 */
function clausesWithoutRole(doc: PlanDocument, view: RegistryView): Problem[] {
  const problems: Problem[] = [];
  const { brackets, text } = doc;
  for (const h of doc.headings) {
    // An opening bracket whose next bracket closes it within the heading's own text, 2 to 200 characters on.
    for (let k = lowerBound(brackets, h.ownText.start); k + 1 < brackets.length && brackets[k + 1] < h.ownText.end; k++) {
      const start = brackets[k];
      const close = brackets[k + 1];
      if (!isOpening(text.charCodeAt(start)) || isOpening(text.charCodeAt(close)) || close - start - 1 < 2 || close - start - 1 > 200) continue;
      if (h.clauses.some((c) => c.start <= start && start < c.end)) continue;
      const content = text.slice(start + 1, close).replace(/\s+/g, '');
      if (!/(牵头|负责)[，,；;、]/.test(content)) continue;
      const names = content.replace(/(按(职责|部门)分工)?(分别)?(牵头负责|牵头|负责)(?=[，,；;、])/g, '').split(/[、，,；;及]/);
      if (!names.every((n) => view.lookup(n.replace(/等$/, '')) || view.isPlaceholder(n))) continue;
      problems.push({
        code: 'clause.malformed',
        start,
        end: close + 1,
        args: { reason: 'noRole', unit: names[0] },
        fixes: [{ kind: 'insertRole', start: close, end: close, newText: '按职责分工负责' }],
      });
    }
  }
  return problems;
}
