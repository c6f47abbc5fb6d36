import { memoizedBy } from '../memo';
import type { Heading } from '../syntax/model';
import type { NationalPlan, NationalTask } from './plan';
import { GramCounter, GramTable } from './gramTable';
import { SetMatrix } from './setMatrix';
import type { Gram, Grams } from './similarity';
import type { Task } from './tasks';

/**
 * Aligns a draft's tasks with a national plan's tasks.
 *
 * Method. Each (local, national) pair gets a score in 0..1:
 *   0.40 × title similarity   (Dice coefficient of character bigrams, each weighted by its IDF)
 * + 0.40 × text similarity    (cosine of TF-IDF bigram vectors, IDF over the national tasks)
 * + 0.10 × shared campaigns   (Jaccard of quoted names without year: 剑网, 铁拳, 昆仑 …)
 * + 0.10 × shared agencies    (Jaccard of national agencies; local units count as their counterparts)
 * A local task matches its best national task when that score reaches
 * MATCH_THRESHOLD, and also every other national task within MERGE_RATIO of
 * the best (a local item that merges several national tasks). Several local
 * tasks may match one national task (a split). Order and sections play no
 * part, so reordered and regrouped items align the same; a local task below
 * the threshold is a local addition. A national task no local task matches
 * is missing.
 */

export const MATCH_THRESHOLD = 0.15;
export const MERGE_RATIO = 0.85;
const WEIGHTS = { title: 0.4, text: 0.4, campaigns: 0.1, agencies: 0.1 };

export interface Match {
  local: Task;
  national: NationalTask;
  score: number;
  parts: { title: number; text: number; campaigns: number; agencies: number };
}

export interface Alignment {
  plan: NationalPlan;
  /** The year in the draft's title, when it names one. */
  draftYear?: number;
  tasks: Task[];
  matches: Match[];
  byLocal: Map<Heading, Match[]>;
  byNational: Map<string, Match[]>;
  missing: NationalTask[];
  /** Each task's candidates by its text's bigram array, for the next version's align() to reuse. */
  scored: Map<Grams, Scored>;
}

/** A local task's candidates: national task index, score and its parts, best first. */
type Candidates = ReadonlyArray<{ index: number; score: number; parts: Match['parts'] }>;

/** A task's candidates, with its agencies: they come from its clauses, which its bigrams leave out. */
interface Scored {
  agencies: ReadonlySet<string>;
  candidates: Candidates;
}

/**
 * The national plan's bigrams by number, as a sparse matrix stored by rows:
 * bigram b's IDF is idf[b]; the national tasks whose vectors hold it are
 * tasks[start[b] … start[b + 1] − 1], with its weight in each at the same
 * place in weights; those whose titles hold it are titles[titleStart[b] …
 * titleStart[b + 1] − 1]. Each bigram of a local task reads one row of a few
 * contiguous arrays.
 */
interface Postings {
  start: Int32Array;
  tasks: Int32Array;
  weights: Float64Array;
  idf: Float64Array;
  titleStart: Int32Array;
  titles: Int32Array;
}

interface Index {
  /** Numbers every bigram of the national plan by its row in `postings`. */
  numbers: GramTable;
  postings: Postings;
  /** The IDF of each national task's distinct title bigrams, summed. */
  titleTotals: Float64Array;
  agencies: SetMatrix;
  campaigns: SetMatrix;
  scratch: Scratch;
}

/**
 * What scoring one local task works in, reused from task to task (the
 * service is single-threaded). Per national task: the title similarity, the
 * text's dot product, the Jaccard of campaigns and of agencies, the score.
 * Per bigram number: how often the text or title being read holds it (zero
 * again after each read), and the numbers it holds in order of first
 * occurrence. And the counts of the bigrams the national plan does not use.
 * Written with fresh arrays and Maps per task instead, a seed's first check
 * took 25–60 % longer.
 */
interface Scratch {
  titles: Float64Array;
  dots: Float64Array;
  campaigns: Float64Array;
  agencies: Float64Array;
  scores: Float64Array;
  counts: Int32Array;
  touched: Int32Array;
  unseen: GramCounter;
}

/** A plan's index, built on its first alignment and kept as long as the plan. */
const indexOf = memoizedBy((plan: NationalPlan): Index => {
  // Titles are part of each task's text, so every title bigram has a row.
  const rows = new Map<Gram, { tasks: number[]; weights: number[]; titles: number[] }>();
  plan.tasks.forEach((t, i) => {
    const titleGrams = new Set(t.titleGrams);
    for (const [g, w] of t.vector) {
      const row = rows.get(g) ?? { tasks: [], weights: [], titles: [] };
      row.tasks.push(i);
      row.weights.push(w);
      if (titleGrams.has(g)) row.titles.push(i);
      rows.set(g, row);
    }
  });
  const grams = [...rows.keys()];
  const count = plan.tasks.length;
  return {
    numbers: new GramTable(grams),
    postings: flatten([...rows.values()], grams.map((g) => plan.idf(g))),
    titleTotals: Float64Array.from(plan.tasks, (t) => [...new Set(t.titleGrams)].reduce((sum, g) => sum + plan.idf(g), 0)),
    agencies: new SetMatrix(plan.tasks.map((t) => t.agencies)),
    campaigns: new SetMatrix(plan.tasks.map((t) => t.campaigns)),
    scratch: {
      titles: new Float64Array(count),
      dots: new Float64Array(count),
      campaigns: new Float64Array(count),
      agencies: new Float64Array(count),
      scores: new Float64Array(count),
      counts: new Int32Array(grams.length),
      touched: new Int32Array(grams.length),
      unseen: new GramCounter(),
    },
  };
});

function flatten(rows: ReadonlyArray<{ tasks: number[]; weights: number[]; titles: number[] }>, idf: number[]): Postings {
  const start = new Int32Array(rows.length + 1);
  const titleStart = new Int32Array(rows.length + 1);
  rows.forEach((row, b) => {
    start[b + 1] = start[b] + row.tasks.length;
    titleStart[b + 1] = titleStart[b] + row.titles.length;
  });
  return {
    start,
    tasks: Int32Array.from(rows.flatMap((row) => row.tasks)),
    weights: Float64Array.from(rows.flatMap((row) => row.weights)),
    idf: Float64Array.from(idf),
    titleStart,
    titles: Int32Array.from(rows.flatMap((row) => row.titles)),
  };
}

/** Scores one local task against every national task; the candidates are those that match. */
function candidatesOf(plan: NationalPlan, index: Index, local: Task): Candidates {
  const { titles, dots, campaigns, agencies, scores } = index.scratch;
  titleSimilarities(plan, index, local.titleGrams);
  const norm = textDots(plan, index, local.textGrams);
  index.campaigns.jaccardInto(local.campaigns, campaigns);
  index.agencies.jaccardInto(local.agencies, agencies);
  let best = 0;
  for (let i = 0; i < plan.tasks.length; i++) {
    // The text's weight applies before the division by the norm, as it always has: a score can sit on a
    // rounding boundary (Xiamen's （二十七） scores 0.8625 to within a few ulps), and reports show three decimals.
    scores[i] = WEIGHTS.title * titles[i] + (WEIGHTS.text * dots[i]) / norm + WEIGHTS.campaigns * campaigns[i] + WEIGHTS.agencies * agencies[i];
    best = Math.max(best, scores[i]);
  }
  const candidates: Array<Candidates[number]> = [];
  for (let i = 0; i < plan.tasks.length; i++) {
    if (scores[i] >= MATCH_THRESHOLD && scores[i] >= best * MERGE_RATIO) {
      candidates.push({ index: i, score: scores[i], parts: { title: titles[i], text: dots[i] / norm, campaigns: campaigns[i], agencies: agencies[i] } });
    }
  }
  return candidates.sort((a, b) => b.score - a.score).slice(0, 3);
}

/**
 * Counts a list of bigrams into the scratch: each national bigram's count by
 * its number, the numbers in order of first occurrence (touched[0 …
 * distinct − 1]); of the others, how many are distinct and their Σ tf² (as
 * Σ (2·tf − 1) over their occurrences). The caller zeroes the counts it read.
 */
function countGrams(index: Index, grams: Grams): { distinct: number; unseenDistinct: number; unseenSquares: number } {
  const { counts, touched, unseen } = index.scratch;
  unseen.next(grams.length);
  let distinct = 0;
  let unseenDistinct = 0;
  let unseenSquares = 0;
  for (let j = 0; j < grams.length; j++) {
    const b = index.numbers.numberOf(grams[j]);
    if (b >= 0) {
      if (counts[b]++ === 0) touched[distinct++] = b;
      continue;
    }
    const tf = unseen.add(grams[j]);
    if (tf === 1) unseenDistinct++;
    unseenSquares += 2 * tf - 1;
  }
  return { distinct, unseenDistinct, unseenSquares };
}

/**
 * Writes the dot product of the local text's TF-IDF vector with each
 * national task's unit vector into scratch.dots, walking the postings of its
 * distinct bigrams in order of first occurrence; returns the local vector's
 * norm. The bigrams no national task uses all weigh plan.unseenIdf.
 */
function textDots(plan: NationalPlan, index: Index, grams: Grams): number {
  const { dots, counts, touched } = index.scratch;
  const { start, tasks, weights, idf } = index.postings;
  const { distinct, unseenSquares } = countGrams(index, grams);
  dots.fill(0);
  let squares = 0;
  for (let k = 0; k < distinct; k++) {
    const b = touched[k];
    const w = counts[b] * idf[b];
    counts[b] = 0;
    squares += w * w;
    for (let e = start[b]; e < start[b + 1]; e++) dots[tasks[e]] += w * weights[e];
  }
  return Math.sqrt(squares + unseenSquares * plan.unseenIdf * plan.unseenIdf) || 1;
}

/**
 * Writes into scratch.titles the Dice coefficient of the local title's
 * distinct bigrams with each national title's, each bigram weighted by its
 * IDF: twice the IDF they share over the sum of both titles' totals.
 */
function titleSimilarities(plan: NationalPlan, index: Index, grams: Grams): void {
  const { titles: shared, counts, touched } = index.scratch;
  const { idf, titleStart, titles } = index.postings;
  const { distinct, unseenDistinct } = countGrams(index, grams);
  shared.fill(0);
  let total = unseenDistinct * plan.unseenIdf;
  for (let k = 0; k < distinct; k++) {
    const b = touched[k];
    counts[b] = 0;
    total += idf[b];
    for (let e = titleStart[b]; e < titleStart[b + 1]; e++) shared[titles[e]] += idf[b];
  }
  for (let i = 0; i < shared.length; i++) {
    const both = total + index.titleTotals[i];
    shared[i] = both === 0 ? 0 : (2 * shared[i]) / both;
  }
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** The draft's year and the plan's, when they are known and differ: the comparison is then with another year's plan. */
export function otherYear(alignment: Alignment): { draftYear: number; planYear: number } | undefined {
  const { draftYear } = alignment;
  const planYear = alignment.plan.year;
  return draftYear !== undefined && planYear !== undefined && draftYear !== planYear ? { draftYear, planYear } : undefined;
}

/**
 * `previous` is the alignment of the document's previous version: buildTasks
 * hands a task whose title and text are unchanged the same bigram arrays, so
 * a keystroke rescores only the task it touched (and any whose clauses now
 * name other agencies).
 */
export function align(plan: NationalPlan, tasks: Task[], draftYear?: number, previous?: Alignment): Alignment {
  const matches: Match[] = [];
  const byLocal = new Map<Heading, Match[]>();
  const byNational = new Map<string, Match[]>();
  const scored = new Map<Grams, Scored>();
  const reusable = previous?.plan === plan ? previous.scored : undefined;
  const index = indexOf(plan);
  for (const local of tasks) {
    // The same text array comes with the same title and campaigns (they are one memo entry).
    const earlier = reusable?.get(local.textGrams);
    const candidates = earlier && sameSet(earlier.agencies, local.agencies) ? earlier.candidates : candidatesOf(plan, index, local);
    scored.set(local.textGrams, { agencies: local.agencies, candidates });
    if (candidates.length === 0) continue;
    const chosen = candidates.map((c) => ({ local, national: plan.tasks[c.index], score: c.score, parts: c.parts }));
    byLocal.set(local.heading, chosen);
    for (const m of chosen) {
      matches.push(m);
      const list = byNational.get(m.national.id) ?? [];
      list.push(m);
      byNational.set(m.national.id, list);
    }
  }
  const missing = plan.tasks.filter((n) => !byNational.has(n.id));
  return { plan, draftYear, tasks, matches, byLocal, byNational, missing, scored };
}
