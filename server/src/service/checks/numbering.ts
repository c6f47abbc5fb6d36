import type { Heading, PlanDocument } from '../syntax/model';
import { formatMarker, levelExample, LEVELS, type Level } from '../syntax/markers';
import type { Problem } from './problem';

/**
 * Numbering checks. Nothing is imposed: the bracket width and whether
 * level-2 (or deeper) numbers run on through the plan or restart in every
 * section are read off the document itself, and only departures from the
 * document's own majority are reported.
 */

export type Convention = 'continuous' | 'restart';

export interface LevelNumbering {
  level: Level;
  /** Headings of this level in document order. */
  headings: Heading[];
  /** Index in `headings` where each sibling group (same parent) starts. */
  groupStarts: Set<number>;
  convention: Convention;
  width: 'full' | 'half';
  /** Whether the document writes this level's Arabic numbers with full-width digits. */
  fullDigits: boolean;
}

function parentOf(doc: PlanDocument): Map<Heading, Heading | undefined> {
  const parents = new Map<Heading, Heading | undefined>();
  const visit = (h: Heading, parent: Heading | undefined) => {
    parents.set(h, parent);
    for (const c of h.children) visit(c, h);
  };
  for (const r of doc.roots) visit(r, undefined);
  return parents;
}

export function analyzeNumbering(doc: PlanDocument): LevelNumbering[] {
  const parents = parentOf(doc);
  const result: LevelNumbering[] = [];
  for (const level of LEVELS) {
    const headings = doc.headings.filter((h) => h.level === level);
    if (headings.length === 0) continue;
    const groupStarts = new Set<number>();
    let lastParent: Heading | undefined | null = null;
    headings.forEach((h, i) => {
      const p = parents.get(h);
      if (i === 0 || p !== lastParent) groupStarts.add(i);
      lastParent = p;
    });
    const convention = detectConvention(level, headings, groupStarts);
    const fullDigits = headings.filter((h) => h.marker.fullDigits).length * 2 > headings.length;
    result.push({ level, headings, groupStarts, convention, width: dominantWidth(level, headings), fullDigits });
  }
  return result;
}

/**
 * Each group after the first votes: starting at 1 is a restart, starting
 * anywhere else can only mean the numbers run on. A tie keeps the usual
 * practice: level-2 numbers run on, deeper levels restart.
 */
function detectConvention(level: Level, headings: Heading[], groupStarts: Set<number>): Convention {
  let continuous = 0;
  let restart = 0;
  for (const i of groupStarts) {
    if (i === 0) continue;
    if (headings[i].marker.value === 1) restart++;
    else continuous++;
  }
  if (continuous !== restart) return continuous > restart ? 'continuous' : 'restart';
  return level <= 2 ? 'continuous' : 'restart';
}

function dominantWidth(level: Level, headings: Heading[]): 'full' | 'half' {
  let full = 0;
  let half = 0;
  for (const h of headings) {
    if (h.marker.width === 'full') full++;
    else if (h.marker.width === 'half') half++;
  }
  // Ties follow GB/T 9704: full-width brackets, but 1. with a half-width stop.
  return level === 3 ? (full > half ? 'full' : 'half') : half > full ? 'half' : 'full';
}

function expectedMarker(n: LevelNumbering, value: number): string {
  return formatMarker(n.level, value, n.width, n.fullDigits);
}

function markerProblem(
  n: LevelNumbering,
  h: Heading,
  code: Problem['code'],
  expectedValue: number,
  extra: Problem['args'] = {},
  renumber = true,
  markerFix = true,
): Problem {
  const expected = expectedMarker(n, expectedValue);
  return {
    code,
    start: h.marker.start,
    end: h.marker.end,
    args: { actual: h.marker.text.trim(), expected, level: n.level, ...extra },
    // Changing only this marker is offered where it ends the problem; where the items after it follow
    // this number, it would move the problem to the next one, and renumbering is the fix.
    fixes: markerFix ? [{ kind: 'marker', start: h.marker.start, end: h.marker.end, newText: expected, args: { expected } }] : [],
    renumber: renumber ? { level: n.level, from: expectedValue } : undefined,
  };
}

function missingRange(n: LevelNumbering, from: number, to: number): string {
  const a = expectedMarker(n, from);
  return from === to ? a : `${a}—${expectedMarker(n, to)}`;
}

/**
 * Walks one level's numbers against the expected sequence. The cases are told
 * apart by looking one number ahead, so that a swap, a typo, a duplicate and a
 * deleted item each produce one problem at the right place rather than a
 * cascade over every item after it. A group numbered in the wrong convention
 * is reported once, at its first item, and then read as if it had been
 * numbered in the document's convention (`shift`).
 */
function checkSequence(n: LevelNumbering, problems: Problem[], seen: ExpectedNumbers = { values: [], shifts: [] }): void {
  const { headings, groupStarts, convention } = n;
  const separate = (j: number) => convention === 'restart' && groupStarts.has(j);
  let expected = 1;
  let shift = 0;
  let prev: number | undefined;
  const record = (j: number, value: number) => {
    seen.values[j] = value - shift;
    seen.shifts[j] = shift;
  };
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const raw = h.marker.value;
    // Whether the rest of the group follows this number, or only this number is off.
    const groupFollows = i + 1 < headings.length && !groupStarts.has(i + 1) && headings[i + 1].marker.value === raw + 1;
    if (i > 0 && groupStarts.has(i)) {
      shift = 0;
      if (convention === 'continuous' && raw === 1 && expected !== 1) {
        problems.push(markerProblem(n, h, 'numbering.convention', expected, { conventionKey: 'continuous' }, true, !groupFollows));
        if (groupFollows) shift = expected - 1;
        record(i, expected);
        prev = expected++;
        continue;
      }
      if (convention === 'restart') {
        expected = 1;
        prev = undefined;
        if (raw !== 1 && raw === headings[i - 1].marker.value + 1) {
          problems.push(markerProblem(n, h, 'numbering.convention', 1, { conventionKey: 'restart' }, true, !groupFollows));
          if (groupFollows) shift = 1 - raw;
          record(i, expected);
          prev = expected++;
          continue;
        }
      }
    }
    const v = raw + shift;
    record(i, expected);
    const next = i + 1 < headings.length && !separate(i + 1)
      ? headings[i + 1].marker.value + (groupStarts.has(i + 1) ? 0 : shift)
      : undefined;

    if (v === expected) {
      expected++;
    } else if (prev !== undefined && v === prev) {
      problems.push(markerProblem(n, h, 'numbering.duplicate', expected, {}, true, next === undefined || next === expected + 1));
      if (next === expected + 1) expected++;
    } else if (v > expected) {
      if (v === expected + 1 && next === expected) {
        // A swapped pair is put right only by changing both markers: either one alone leaves the two with one
        // number (and a duplicate that the items after it do not follow reads as a gap further down).
        problems.push(markerProblem(n, h, 'numbering.order', expected, {}, true, false));
        // From the second marker, too, renumbering starts at the first: from the second on, the first stayed wrong.
        const second = markerProblem(n, headings[i + 1], 'numbering.order', expected + 1, {}, true, false);
        second.renumber = { level: n.level, from: expected, at: h.marker.start };
        problems.push(second);
        record(i + 1, expected + 1);
        expected += 2;
        prev = v;
        i++;
        continue;
      } else if (next === expected + 1) {
        problems.push(markerProblem(n, h, 'numbering.order', expected));
        expected++;
      } else {
        problems.push(markerProblem(n, h, 'numbering.gap', expected, { missing: missingRange(n, expected, v - 1) }, true, next === undefined));
        expected = v + 1;
      }
    } else {
      const endsHere = next === undefined || next === expected + 1;
      problems.push(markerProblem(n, h, 'numbering.order', expected, {}, true, endsHere));
      expected = endsHere ? expected + 1 : v + 1;
    }
    prev = v;
  }
}

/** What the sequence check expects at each heading of a level: what an item inserted there, and the items renumbered after it, continue from. */
export interface ExpectedNumbers {
  /** The number expected at each heading, as its group writes numbers (a group read in the other convention keeps its own). */
  values: number[];
  /** How far each heading's group writes its numbers off the document's convention: the document's number minus the group's. */
  shifts: number[];
}

export function expectedNumbers(n: LevelNumbering): ExpectedNumbers {
  let seen = EXPECTED.get(n);
  if (!seen) {
    seen = { values: [], shifts: [] };
    checkSequence(n, [], seen);
    EXPECTED.set(n, seen);
  }
  return seen;
}

/** The expected numbers of each analysed level, recorded by the check's own walk so that inserting tasks need not walk again. */
const EXPECTED = new WeakMap<LevelNumbering, ExpectedNumbers>();

function checkMarkerForm(n: LevelNumbering, problems: Problem[]): void {
  for (const h of n.headings) {
    const m = h.marker;
    if (m.suffix) {
      problems.push(markerProblem(n, h, 'numbering.punctuation', m.value, {}, false));
    } else if (m.level !== 1 && (m.width !== n.width || m.fullDigits !== n.fullDigits)) {
      const p = markerProblem(n, h, 'numbering.width', m.value, { widthKey: n.width }, false);
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
        args: {
          actual: h.marker.text.trim(),
          parent: parent ? parent.marker.text.trim() : '',
          parentKey: parent ? '' : 'documentStart',
          missingLevelKey: missingLevel,
          expected: levelExample(missingLevel),
        },
        fixes: [],
      });
    }
    h.children.forEach((c, i) => visit(c, h, h.children[i - 1]));
  };
  doc.roots.forEach((r, i) => visit(r, undefined, doc.roots[i - 1]));
}

export function checkNumbering(doc: PlanDocument, numbering: LevelNumbering[] = analyzeNumbering(doc)): Problem[] {
  const problems: Problem[] = [];
  if (doc.headings.length === 0) return problems;
  for (const n of numbering) {
    const seen: ExpectedNumbers = { values: [], shifts: [] };
    checkSequence(n, problems, seen);
    EXPECTED.set(n, seen);
    checkMarkerForm(n, problems);
  }
  checkLevels(doc, problems);
  return problems;
}

/**
 * Edits that renumber a level from the heading at `fromIndex` on, starting
 * at `firstValue` and following the document's convention, in its width and
 * with correct punctuation. With `shift` (see ExpectedNumbers), `firstValue`
 * is in the numbers of a group written in the other convention: the rest of
 * that group keeps them, and the groups after it follow the document's.
 */
export function renumberEdits(n: LevelNumbering, fromIndex = 0, firstValue = 1, shift = 0): Array<{ start: number; end: number; newText: string }> {
  const edits = [];
  let value = firstValue - 1;
  for (let i = fromIndex; i < n.headings.length; i++) {
    if (i > fromIndex && n.groupStarts.has(i)) {
      value = n.convention === 'restart' ? 0 : value + shift;
      shift = 0;
    }
    const m = n.headings[i].marker;
    const newText = formatMarker(n.level, ++value, n.width, n.fullDigits);
    if (m.text !== newText) edits.push({ start: m.start, end: m.end, newText });
  }
  return edits;
}

/** Edits that write every marker of a level in the document's width, keeping the numbers. */
export function widthEdits(n: LevelNumbering): Array<{ start: number; end: number; newText: string }> {
  const edits = [];
  for (const h of n.headings) {
    const m = h.marker;
    if (m.width === n.width && m.fullDigits === n.fullDigits && !m.suffix) continue;
    edits.push({ start: m.start, end: m.end, newText: formatMarker(n.level, m.value, n.width, n.fullDigits) });
  }
  return edits;
}
