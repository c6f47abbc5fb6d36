import type { Heading } from '../syntax/model';
import type { NationalPlan, NationalTask } from './plan';
import { jaccard, type Gram } from './similarity';
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
  tasks: Task[];
  matches: Match[];
  byLocal: Map<Heading, Match[]>;
  byNational: Map<string, Match[]>;
  missing: NationalTask[];
}

/** The national tasks whose vectors hold a bigram, its weight in each, and its IDF (one lookup gives all three). */
interface Posting {
  tasks: Int32Array;
  weights: Float64Array;
  idf: number;
}

interface Index {
  postings: Map<Gram, Posting>;
  /** For each title bigram, the national tasks whose titles hold it. */
  titlePostings: Map<Gram, Int32Array>;
  /** Sum of the title bigrams' IDF, per national task. */
  titleTotals: Float64Array;
}
const indexCache = new WeakMap<NationalPlan, Index>();

function indexOf(plan: NationalPlan): Index {
  let index = indexCache.get(plan);
  if (!index) {
    const lists = new Map<Gram, Array<[number, number]>>();
    plan.tasks.forEach((t, i) => {
      for (const [g, w] of t.vector) {
        const list = lists.get(g) ?? [];
        list.push([i, w]);
        lists.set(g, list);
      }
    });
    const postings = new Map<Gram, Posting>();
    for (const [g, list] of lists) postings.set(g, { tasks: Int32Array.from(list, (x) => x[0]), weights: Float64Array.from(list, (x) => x[1]), idf: plan.idf(g) });
    const titleLists = new Map<Gram, number[]>();
    plan.tasks.forEach((t, i) => {
      for (const g of t.titleGrams) titleLists.set(g, [...(titleLists.get(g) ?? []), i]);
    });
    const titlePostings = new Map([...titleLists].map(([g, list]) => [g, Int32Array.from(list)]));
    const titleTotals = Float64Array.from(plan.tasks, (t) => [...t.titleGrams].reduce((sum, g) => sum + plan.idf(g), 0));
    index = { postings, titlePostings, titleTotals };
    indexCache.set(plan, index);
  }
  return index;
}

export function align(plan: NationalPlan, tasks: Task[]): Alignment {
  const matches: Match[] = [];
  const byLocal = new Map<Heading, Match[]>();
  const byNational = new Map<string, Match[]>();
  const { postings, titlePostings, titleTotals } = indexOf(plan);
  const count = plan.tasks.length;
  const dots = new Float64Array(count);
  const titleShared = new Float64Array(count);
  const scores = new Float64Array(count);
  const counts = new Map<Gram, number>();
  // The IDF of a bigram no national task uses (bigrams are never negative).
  const unseen = plan.idf(-1);
  const partsOf = (local: Task, i: number, localTitle: number): Match['parts'] => {
    const titleTotal = localTitle + titleTotals[i];
    return {
      title: titleTotal === 0 ? 0 : (2 * titleShared[i]) / titleTotal,
      text: dots[i],
      campaigns: jaccard(local.campaigns, plan.tasks[i].campaigns),
      agencies: jaccard(local.agencies, plan.tasks[i].agencies),
    };
  };
  const weigh = (p: Match['parts']) => WEIGHTS.title * p.title + WEIGHTS.text * p.text + WEIGHTS.campaigns * p.campaigns + WEIGHTS.agencies * p.agencies;
  for (const local of tasks) {
    // Text and title similarity against every national task in one pass over the local bigrams.
    // The local TF-IDF vector is never built: its weights go straight into the dot products, normalised once at the end.
    dots.fill(0);
    counts.clear();
    for (const g of local.textGrams) counts.set(g, (counts.get(g) ?? 0) + 1);
    let norm = 0;
    for (const [g, tf] of counts) {
      const p = postings.get(g);
      const w = tf * (p ? p.idf : unseen);
      norm += w * w;
      if (p) for (let k = 0; k < p.tasks.length; k++) dots[p.tasks[k]] += w * p.weights[k];
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < count; i++) dots[i] /= norm;
    titleShared.fill(0);
    let localTitle = 0;
    for (const g of local.titleGrams) {
      const w = postings.get(g)?.idf ?? unseen;
      localTitle += w;
      for (const i of titlePostings.get(g) ?? []) titleShared[i] += w;
    }
    let bestScore = 0;
    for (let i = 0; i < count; i++) {
      scores[i] = weigh(partsOf(local, i, localTitle));
      if (scores[i] > bestScore) bestScore = scores[i];
    }
    if (bestScore < MATCH_THRESHOLD) continue;
    // Only the candidates become Match objects.
    const scored: Match[] = [];
    for (let i = 0; i < count; i++) {
      if (scores[i] >= MATCH_THRESHOLD && scores[i] >= bestScore * MERGE_RATIO) {
        scored.push({ local, national: plan.tasks[i], score: scores[i], parts: partsOf(local, i, localTitle) });
      }
    }
    scored.sort((a, b) => b.score - a.score);
    const chosen = scored.slice(0, 3);
    byLocal.set(local.heading, chosen);
    for (const m of chosen) {
      matches.push(m);
      const list = byNational.get(m.national.id) ?? [];
      list.push(m);
      byNational.set(m.national.id, list);
    }
  }
  const missing = plan.tasks.filter((n) => !byNational.has(n.id));
  return { plan, tasks, matches, byLocal, byNational, missing };
}
