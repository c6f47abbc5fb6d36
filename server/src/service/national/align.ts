import { memoizedBy } from '../memo';
import type { Heading } from '../syntax/model';
import type { NationalPlan, NationalTask } from './plan';
import { termFrequencies, type Gram } from './similarity';
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
  scored: Map<readonly Gram[], Scored>;
}

/** A local task's candidates: national task index, score and its parts, best first. */
type Candidates = ReadonlyArray<{ index: number; score: number; parts: Match['parts'] }>;

/** A task's candidates, with its agencies: they come from its clauses, which its bigrams leave out. */
interface Scored {
  agencies: ReadonlySet<string>;
  candidates: Candidates;
}

/** One bigram of the national plan: its IDF, the tasks whose vectors hold it with its weight there, the tasks whose titles hold it. */
interface Posting {
  idf: number;
  tasks: number[];
  weights: number[];
  titles: number[];
}

interface Index {
  postings: Map<Gram, Posting>;
  /** The IDF of each national task's distinct title bigrams, summed. */
  titleTotals: number[];
}

/**
 * A plan's index, built on its first alignment and kept as long as the plan:
 * a local task is scored against every national task at once by walking the
 * postings of its own bigrams.
 */
const indexOf = memoizedBy((plan: NationalPlan): Index => {
  const postings = new Map<Gram, Posting>();
  plan.tasks.forEach((t, i) => {
    for (const [g, w] of t.vector) {
      let posting = postings.get(g);
      if (!posting) {
        posting = { idf: plan.idf(g), tasks: [], weights: [], titles: [] };
        postings.set(g, posting);
      }
      posting.tasks.push(i);
      posting.weights.push(w);
    }
    // Titles are part of each task's text, so every title bigram has a posting.
    for (const g of new Set(t.titleGrams)) postings.get(g)!.titles.push(i);
  });
  const titleTotals = plan.tasks.map((t) => sum([...new Set(t.titleGrams)], (g) => plan.idf(g)));
  return { postings, titleTotals };
});

function sum<T>(xs: Iterable<T>, f: (x: T) => number): number {
  let total = 0;
  for (const x of xs) total += f(x);
  return total;
}

/** Scores one local task against every national task; the candidates are those that match. */
function candidatesOf(plan: NationalPlan, local: Task): Candidates {
  const { postings, titleTotals } = indexOf(plan);
  const idfOf = (posting: Posting | undefined) => posting?.idf ?? plan.unseenIdf;
  // Text: the local TF-IDF vector's dot product with each national unit vector, over the bigrams they share.
  const dots = plan.tasks.map(() => 0);
  let squares = 0;
  for (const [g, tf] of termFrequencies(local.textGrams)) {
    const posting = postings.get(g);
    const w = tf * idfOf(posting);
    squares += w * w;
    if (posting) posting.tasks.forEach((t, k) => (dots[t] += w * posting.weights[k]));
  }
  const norm = Math.sqrt(squares) || 1;
  // Title: the IDF of the distinct bigrams it shares with each national title, and its own total.
  const shared = plan.tasks.map(() => 0);
  let titleTotal = 0;
  for (const g of new Set(local.titleGrams)) {
    const posting = postings.get(g);
    const w = idfOf(posting);
    titleTotal += w;
    for (const t of posting?.titles ?? []) shared[t] += w;
  }
  const all = plan.tasks.map((national, index) => {
    const titles = titleTotal + titleTotals[index];
    const parts = {
      title: titles === 0 ? 0 : (2 * shared[index]) / titles,
      text: dots[index] / norm,
      campaigns: jaccard(local.campaigns, national.campaigns),
      agencies: jaccard(local.agencies, national.agencies),
    };
    const score = WEIGHTS.title * parts.title + WEIGHTS.text * parts.text + WEIGHTS.campaigns * parts.campaigns + WEIGHTS.agencies * parts.agencies;
    return { index, score, parts };
  });
  const best = Math.max(...all.map((c) => c.score));
  return all
    .filter((c) => c.score >= MATCH_THRESHOLD && c.score >= best * MERGE_RATIO)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
}

/** |a ∩ b| / |a ∪ b|, and 0 when both are empty. */
function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
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
 * hands a task whose title and text are unchanged the same bigram array, so
 * a keystroke rescores only the task it touched (and any whose clauses name
 * other agencies now).
 */
export function align(plan: NationalPlan, tasks: Task[], draftYear?: number, previous?: Alignment): Alignment {
  const matches: Match[] = [];
  const byLocal = new Map<Heading, Match[]>();
  const byNational = new Map<string, Match[]>();
  const scored = new Map<readonly Gram[], Scored>();
  const reusable = previous?.plan === plan ? previous.scored : undefined;
  for (const local of tasks) {
    const earlier = reusable?.get(local.textGrams);
    const candidates = earlier && sameSet(earlier.agencies, local.agencies) ? earlier.candidates : candidatesOf(plan, local);
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
