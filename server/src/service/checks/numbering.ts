import { formatMarker, levelExample, type Level } from '../syntax/markers';
import type { Heading, PlanDocument } from '../syntax/model';
import type { Departure, LevelNumbering } from '../syntax/numbering';
import type { Problem, RuleArgs } from './problem';

/**
 * The numbering checks: each departure of the numbering analysis, every
 * marker written in another width or with stray punctuation, and every
 * level skipped — against the document's own convention, never an imposed one.
 */

function expectedMarker(n: LevelNumbering, value: number): string {
  return formatMarker(n.level, value, n.width, n.fullDigits);
}

type MarkerCode = 'numbering.gap' | 'numbering.duplicate' | 'numbering.order' | 'numbering.convention' | 'numbering.punctuation' | 'numbering.width' | 'numbering.enclosed';

/** What a marker problem says besides the marker as written, the one expected and the level. */
type Extra<C extends MarkerCode> = Omit<RuleArgs[C], 'actual' | 'expected' | 'level'>;

function markerProblem<C extends MarkerCode>(n: LevelNumbering, h: Heading, code: C, expectedValue: number, extra: Extra<C>, renumber: boolean, markerFix: boolean): Problem<C> {
  const expected = expectedMarker(n, expectedValue);
  const problem = {
    code,
    start: h.marker.start,
    end: h.marker.end,
    args: { actual: h.marker.text.trim(), expected, level: n.level, ...extra },
    fixes: markerFix ? [{ kind: 'marker' as const, start: h.marker.start, end: h.marker.end, newText: expected, args: { expected } }] : [],
    renumber: renumber ? { level: n.level, from: expectedValue } : undefined,
  };
  // The arguments are those of code C by construction; TypeScript does not relate a generic code to its member of the union.
  return problem as unknown as Problem<C>;
}

function missingRange(n: LevelNumbering, from: number, to: number): string {
  const a = expectedMarker(n, from);
  return from === to ? a : `${a}—${expectedMarker(n, to)}`;
}

function departureProblem(n: LevelNumbering, d: Departure): Problem {
  const h = n.headings[d.index];
  const problem: Problem =
    d.kind === 'gap' ? markerProblem(n, h, 'numbering.gap', d.expected, { missing: missingRange(n, d.missing!.from, d.missing!.to) }, true, d.alone)
    : d.kind === 'convention' ? markerProblem(n, h, 'numbering.convention', d.expected, { convention: d.convention! }, true, d.alone)
    : markerProblem(n, h, `numbering.${d.kind}`, d.expected, {}, true, d.alone);
  const from = d.renumberFrom;
  if (from.index !== d.index) problem.renumber = { level: n.level, from: from.value, at: n.headings[from.index].marker.start };
  return problem;
}

function checkMarkerForm(n: LevelNumbering, problems: Problem[]): void {
  for (const h of n.headings) {
    const m = h.marker;
    if (m.suffix) {
      problems.push(markerProblem(n, h, 'numbering.punctuation', m.value, {}, false, true));
    } else if (m.width === 'enclosed') {
      // ㈠ is Word's one-character （一）: written out as the level's other markers are (（一） when all are ㈠).
      const p = markerProblem(n, h, 'numbering.enclosed', m.value, {}, false, true);
      p.widthLevel = n.level;
      problems.push(p);
    } else if (m.level !== 1 && (m.width !== n.width || m.fullDigits !== n.fullDigits)) {
      const p = markerProblem(n, h, 'numbering.width', m.value, { width: n.width }, false, true);
      p.widthLevel = n.level;
      problems.push(p);
    }
  }
}

function checkLevels(doc: PlanDocument, problems: Problem[]): void {
  const top = doc.headings.reduce((min, h) => Math.min(min, h.level), 4);
  // One report per run of siblings at the wrong depth: the run shares one cause.
  const visit = (h: Heading, parent: Heading | undefined, previous: Heading | undefined) => {
    const parentLevel = parent ? parent.level : top - 1;
    if (h.level > parentLevel + 1 && previous?.level !== h.level) {
      const missingLevel = (parentLevel + 1) as Level;
      problems.push({
        code: 'numbering.level',
        start: h.marker.start,
        end: h.marker.end,
        args: { actual: h.marker.text.trim(), parent: parent?.marker.text.trim(), missingLevel, expected: levelExample(missingLevel) },
        fixes: [],
      });
    }
    h.children.forEach((c, i) => visit(c, h, h.children[i - 1]));
  };
  doc.roots.forEach((r, i) => visit(r, undefined, doc.roots[i - 1]));
}

export function checkNumbering(doc: PlanDocument, numbering: LevelNumbering[]): Problem[] {
  const problems: Problem[] = [];
  for (const n of numbering) {
    for (const d of n.departures) problems.push(departureProblem(n, d));
    checkMarkerForm(n, problems);
  }
  checkLevels(doc, problems);
  return problems;
}
