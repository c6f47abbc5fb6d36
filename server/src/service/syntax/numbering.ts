import { formatMarker, LEVELS, type Level } from './markers';
import type { Heading, PlanDocument } from './model';

/**
 * How a plan numbers each level, read off the plan itself: the bracket
 * width, the digits, whether level-2 (or deeper) numbers run on through the
 * plan or restart in every section, and the number its own convention
 * expects at every heading. Nothing is imposed: the checks report only
 * departures from the document's majority, and insertions and renumbering
 * continue from the numbers expected here.
 */

export type Convention = 'continuous' | 'restart';

/** A heading whose number is not the one its level's sequence expects there. */
export interface Departure {
  /** Index of the heading in `LevelNumbering.headings`. */
  index: number;
  kind: 'gap' | 'duplicate' | 'order' | 'convention';
  /** The number expected at the heading. */
  expected: number;
  /** Whether changing this marker alone ends the departure; where the items after it follow its number, renumbering is the fix. */
  alone: boolean;
  /** Renumbering that ends it starts at this heading with this number: the first of a swapped pair, else the heading itself. */
  renumberFrom: { index: number; value: number };
  /** gap: the first and last number left out. */
  missing?: { from: number; to: number };
  /** convention: the document's convention, which the heading's group does not follow. */
  convention?: Convention;
}

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
  /** The number expected at each heading, as its group writes numbers (a group read in the other convention keeps its own). */
  expected: number[];
  /** How far each heading's group writes its numbers off the document's convention: the document's number minus the group's. */
  shifts: number[];
  departures: Departure[];
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
    const sequence = walkSequence(headings, groupStarts, convention);
    result.push({ level, headings, groupStarts, convention, width: dominantWidth(level, headings), fullDigits, ...sequence });
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

/**
 * Walks one level's numbers against the expected sequence. The cases are told
 * apart by looking one number ahead, so that a swap, a typo, a duplicate and a
 * deleted item each make one departure at the right place rather than a
 * cascade over every item after it. A group numbered in the wrong convention
 * departs once, at its first item, and is then read as if it had been
 * numbered in the document's convention (`shift`).
 */
function walkSequence(headings: Heading[], groupStarts: Set<number>, convention: Convention): Pick<LevelNumbering, 'expected' | 'shifts' | 'departures'> {
  const expectedAt: number[] = [];
  const shifts: number[] = [];
  const departures: Departure[] = [];
  const separate = (j: number) => convention === 'restart' && groupStarts.has(j);
  const depart = (index: number, kind: Departure['kind'], value: number, alone: boolean, more: Partial<Departure> = {}) =>
    departures.push({ index, kind, expected: value, alone, renumberFrom: { index, value }, ...more });
  let expected = 1;
  let shift = 0;
  let prev: number | undefined;
  const record = (j: number, value: number) => {
    expectedAt[j] = value - shift;
    shifts[j] = shift;
  };
  for (let i = 0; i < headings.length; i++) {
    const raw = headings[i].marker.value;
    // Whether the rest of the group follows this number, or only this number is off.
    const groupFollows = i + 1 < headings.length && !groupStarts.has(i + 1) && headings[i + 1].marker.value === raw + 1;
    if (i > 0 && groupStarts.has(i)) {
      shift = 0;
      if (convention === 'continuous' && raw === 1 && expected !== 1) {
        depart(i, 'convention', expected, !groupFollows, { convention });
        if (groupFollows) shift = expected - 1;
        record(i, expected);
        prev = expected++;
        continue;
      }
      if (convention === 'restart') {
        expected = 1;
        prev = undefined;
        if (raw !== 1 && raw === headings[i - 1].marker.value + 1) {
          depart(i, 'convention', 1, !groupFollows, { convention });
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
      depart(i, 'duplicate', expected, next === undefined || next === expected + 1);
      if (next === expected + 1) expected++;
    } else if (v > expected) {
      if (v === expected + 1 && next === expected) {
        // A swapped pair is put right only by changing both markers: either one alone leaves the two with one
        // number (and a duplicate that the items after it do not follow reads as a gap further down).
        depart(i, 'order', expected, false);
        // From the second marker, too, renumbering starts at the first: from the second on, the first stayed wrong.
        depart(i + 1, 'order', expected + 1, false, { renumberFrom: { index: i, value: expected } });
        record(i + 1, expected + 1);
        expected += 2;
        prev = v;
        i++;
        continue;
      } else if (next === expected + 1) {
        depart(i, 'order', expected, true);
        expected++;
      } else {
        depart(i, 'gap', expected, next === undefined, { missing: { from: expected, to: v - 1 } });
        expected = v + 1;
      }
    } else {
      const endsHere = next === undefined || next === expected + 1;
      depart(i, 'order', expected, endsHere);
      expected = endsHere ? expected + 1 : v + 1;
    }
    prev = v;
  }
  return { expected: expectedAt, shifts, departures };
}

/**
 * Edits that renumber a level from the heading at `fromIndex` on, starting
 * at `firstValue` and following the document's convention, in its width and
 * with correct punctuation. With `shift` (see LevelNumbering.shifts),
 * `firstValue` is in the numbers of a group written in the other
 * convention: the rest of that group keeps them, and the groups after it
 * follow the document's.
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
