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
  /** Each task's candidates by its bigram array, for the next version's align() to reuse. */
  scored: ScoredTasks;
}

/** A task's candidates with what they were computed from besides its text. */
type ScoredTasks = Map<Grams, { titleGrams: Grams; agencies: ReadonlySet<string>; candidates: Candidates }>;

/**
 * Each bigram of the national plan, by its number: the tasks whose vectors
 * hold it with its weight in each, its IDF, the tasks whose titles hold it.
 * Stored flat (bigram b's entries are at start[b] … start[b + 1] − 1): an
 * object with typed arrays per bigram made every entry twice as slow to read.
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
  /** Numbers every bigram of the national plan; `postings` is indexed by that number. */
  grams: GramTable;
  postings: Postings;
  /** Sum of the title bigrams' IDF, per national task. */
  titleTotals: Float64Array;
  agencies: SetMatrix;
  campaigns: SetMatrix;
  /** Working arrays reused by every scoring run (the service is single-threaded). */
  scratch: { dots: Float64Array; titleShared: Float64Array; agencies: Float64Array; campaigns: Float64Array; scores: Float64Array; seen: Int32Array; touched: Int32Array; unseen: GramCounter; textIds: Int32Array; firsts: Uint8Array };
}

/** Bigrams of one task the scratch arrays hold; a longer task (rare: a whole section without items) takes the slower paths. */
const SCRATCH_GRAMS = 4096;

/** A plan's index, built on its first alignment and kept as long as the plan. */
const indexOf = memoizedBy((plan: NationalPlan): Index => {
  // Titles are part of each task's text, so every title bigram has a posting.
  const lists = new Map<Gram, { tasks: number[]; weights: number[]; titles: number[] }>();
  plan.tasks.forEach((t, i) => {
    const titleGrams = new Set(t.titleGrams);
    for (const [g, w] of t.vector) {
      const list = lists.get(g) ?? { tasks: [], weights: [], titles: [] };
      list.tasks.push(i);
      list.weights.push(w);
      if (titleGrams.has(g)) list.titles.push(i);
      lists.set(g, list);
    }
  });
  const postings = flatten([...lists.values()], [...lists.keys()].map((g) => plan.idf(g)));
  const titleTotals = Float64Array.from(plan.tasks, (t) => [...new Set(t.titleGrams)].reduce((sum, g) => sum + plan.idf(g), 0));
  const count = plan.tasks.length;
  const scratch = {
    dots: new Float64Array(count),
    titleShared: new Float64Array(count),
    agencies: new Float64Array(count),
    campaigns: new Float64Array(count),
    scores: new Float64Array(count),
    seen: new Int32Array(lists.size),
    // The postings a text touched, in order: a typed array, since emptying a JS array with length = 0 frees its store and every task grew it again.
    touched: new Int32Array(lists.size),
    unseen: new GramCounter(SCRATCH_GRAMS),
    textIds: new Int32Array(SCRATCH_GRAMS),
    firsts: new Uint8Array(SCRATCH_GRAMS),
  };
  return {
    grams: new GramTable([...lists.keys()]),
    postings,
    titleTotals,
    agencies: new SetMatrix(plan.tasks.map((t) => t.agencies)),
    campaigns: new SetMatrix(plan.tasks.map((t) => t.campaigns)),
    scratch,
  };
});

function flatten(lists: ReadonlyArray<{ tasks: number[]; weights: number[]; titles: number[] }>, idf: number[]): Postings {
  const start = new Int32Array(lists.length + 1);
  const titleStart = new Int32Array(lists.length + 1);
  lists.forEach((l, b) => {
    start[b + 1] = start[b] + l.tasks.length;
    titleStart[b + 1] = titleStart[b] + l.titles.length;
  });
  return {
    start,
    tasks: Int32Array.from(lists.flatMap((l) => l.tasks)),
    weights: Float64Array.from(lists.flatMap((l) => l.weights)),
    idf: Float64Array.from(idf),
    titleStart,
    titles: Int32Array.from(lists.flatMap((l) => l.titles)),
  };
}

/** A local task's candidates: national task index, score and its parts, best first. */
type Candidates = ReadonlyArray<{ index: number; score: number; parts: Match['parts'] }>;

/** Scores one local task against every national task. */
function candidatesOf(plan: NationalPlan, index: Index, local: Task): Candidates {
  const { grams, postings, titleTotals, scratch } = index;
  const { dots, titleShared, agencies, campaigns, scores, seen, touched } = scratch;
  const count = plan.tasks.length;
  const unseen = plan.unseenIdf;
  // Text similarity against every national task without building the local TF-IDF vector (a Map per
  // task costs more than the products): the bigrams' term frequencies are counted in a scratch array
  // indexed by posting, then each distinct bigram walks its posting once, adding tf·idf·weight. Bigrams
  // the national plan never uses only add to the norm; a scratch counter counts them (a text longer
  // than it holds sorts them instead).
  dots.fill(0);
  let norm = 0;
  const { textGrams, titleGrams } = local;
  const counter = textGrams.length <= scratch.unseen.capacity ? scratch.unseen : undefined;
  counter?.next();
  const unseenGrams: Gram[] = [];
  let touchedCount = 0;
  // Σ tf² over the bigrams the national plan lacks, as Σ (2·tf − 1) over their occurrences.
  let unseenSquares = 0;
  // Where the title opens the text, each of its positions' bigram number and whether the bigram occurs there
  // for the first time: the title's part reads them.
  const titleOpens = counter !== undefined && titleLeads(titleGrams, textGrams);
  const recorded = titleOpens ? titleGrams.length : 0;
  const { textIds, firsts } = scratch;
  for (let j = 0; j < textGrams.length; j++) {
    const g = textGrams[j];
    const id = grams.idOf(g);
    let first: boolean;
    if (id < 0) {
      if (counter) {
        const tf = counter.add(g);
        unseenSquares += 2 * tf - 1;
        first = tf === 1;
      } else {
        unseenGrams.push(g);
        first = false;
      }
    } else {
      first = seen[id]++ === 0;
      if (first) touched[touchedCount++] = id;
    }
    if (j < recorded) {
      textIds[j] = id;
      firsts[j] = first ? 1 : 0;
    }
  }
  const { start, tasks: holders, weights, idf, titleStart, titles } = postings;
  for (let t = 0; t < touchedCount; t++) {
    const id = touched[t];
    const tf = seen[id];
    seen[id] = 0;
    const tfIdf = tf * idf[id];
    norm += tfIdf * tfIdf;
    for (let k = start[id], end = start[id + 1]; k < end; k++) dots[holders[k]] += tfIdf * weights[k];
  }
  if (unseenGrams.length > 0) {
    const sorted = Int32Array.from(unseenGrams).sort();
    for (let i = 0, tf = 0; i < sorted.length; i++) {
      tf = i > 0 && sorted[i] === sorted[i - 1] ? tf + 1 : 1;
      unseenSquares += 2 * tf - 1;
    }
  }
  norm = Math.sqrt(norm + unseenSquares * unseen * unseen) || 1;
  // The title's distinct bigrams, each weighed once by its IDF. When the title opens the text, its
  // distinct bigrams are the text's first occurrences within it, already looked up; otherwise `seen`
  // marks the national ones and the scratch counter the others (a Set per title cost more than the
  // rest of the task's features).
  titleShared.fill(0);
  let localTitle = 0;
  if (titleOpens) {
    for (let j = 0; j < titleGrams.length; j++) {
      if (firsts[j] === 0) continue;
      const id = textIds[j];
      if (id < 0) {
        localTitle += unseen;
        continue;
      }
      const w = idf[id];
      localTitle += w;
      for (let k = titleStart[id], end = titleStart[id + 1]; k < end; k++) titleShared[titles[k]] += w;
    }
  } else {
    localTitle = titleApart(plan, index, titleGrams);
  }
  const hasCampaigns = local.campaigns.size > 0;
  const hasAgencies = local.agencies.size > 0;
  if (hasCampaigns) index.campaigns.jaccardInto(local.campaigns, campaigns);
  if (hasAgencies) index.agencies.jaccardInto(local.agencies, agencies);
  // Scores without an object per national task, parts only for the candidates; most local tasks name no campaign.
  // No closure here: a double a closure captures is boxed anew on every `+=` above (an eighth of the check's garbage).
  let bestScore = 0;
  for (let i = 0; i < count; i++) {
    const titleTotal = localTitle + titleTotals[i];
    let score = WEIGHTS.title * (titleTotal === 0 ? 0 : (2 * titleShared[i]) / titleTotal) + (WEIGHTS.text * dots[i]) / norm;
    if (hasCampaigns) score += WEIGHTS.campaigns * campaigns[i];
    if (hasAgencies) score += WEIGHTS.agencies * agencies[i];
    scores[i] = score;
    if (score > bestScore) bestScore = score;
  }
  const candidates: Array<{ index: number; score: number; parts: Match['parts'] }> = [];
  if (bestScore >= MATCH_THRESHOLD) {
    for (let i = 0; i < count; i++) {
      if (scores[i] >= MATCH_THRESHOLD && scores[i] >= bestScore * MERGE_RATIO) {
        const titleTotal = localTitle + titleTotals[i];
        const parts = {
          title: titleTotal === 0 ? 0 : (2 * titleShared[i]) / titleTotal,
          text: dots[i] / norm,
          campaigns: hasCampaigns ? campaigns[i] : 0,
          agencies: hasAgencies ? agencies[i] : 0,
        };
        candidates.push({ index: i, score: scores[i], parts });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    candidates.length = Math.min(candidates.length, 3);
  }
  return candidates;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Adds a title's IDF to each national title holding it, distinct bigrams once; returns the title's own total. */
function titleApart(plan: NationalPlan, index: Index, titleGrams: Grams): number {
  const { grams, scratch } = index;
  const { idf, titleStart, titles } = index.postings;
  const { titleShared, seen, touched } = scratch;
  const unseen = plan.unseenIdf;
  const counter = titleGrams.length <= scratch.unseen.capacity ? scratch.unseen : undefined;
  counter?.next();
  const unseenTitle: Gram[] = [];
  let total = 0;
  let touchedCount = 0;
  for (let j = 0; j < titleGrams.length; j++) {
    const g = titleGrams[j];
    const id = grams.idOf(g);
    if (id < 0) {
      if (!counter) unseenTitle.push(g);
      else if (counter.add(g) === 1) total += unseen;
      continue;
    }
    if (seen[id] !== 0) continue;
    seen[id] = 1;
    touched[touchedCount++] = id;
    const w = idf[id];
    total += w;
    for (let k = titleStart[id], end = titleStart[id + 1]; k < end; k++) titleShared[titles[k]] += w;
  }
  for (let t = 0; t < touchedCount; t++) seen[touched[t]] = 0;
  if (unseenTitle.length > 0) total += new Set(unseenTitle).size * unseen;
  return total;
}

/** Whether the text's bigrams begin with all of the title's, as they do when the title opens the item. */
function titleLeads(title: Grams, text: Grams): boolean {
  if (title.length > text.length) return false;
  // buildTasks makes such a title the start of its text's bigrams.
  if (title.buffer === text.buffer && title.byteOffset === text.byteOffset) return true;
  for (let j = 0; j < title.length; j++) if (text[j] !== title[j]) return false;
  return true;
}

/** The draft's year and the plan's, when they are known and differ: the comparison is then with another year's plan. */
export function otherYear(alignment: Alignment): { draftYear: number; planYear: number } | undefined {
  const { draftYear } = alignment;
  const planYear = alignment.plan.year;
  return draftYear !== undefined && planYear !== undefined && draftYear !== planYear ? { draftYear, planYear } : undefined;
}

/**
 * `previous` is the alignment of the document's previous version: buildTasks
 * hands an unchanged task the same bigram arrays, so a keystroke rescores
 * only the task it touched.
 */
export function align(plan: NationalPlan, tasks: Task[], draftYear?: number, previous?: Alignment): Alignment {
  const matches: Match[] = [];
  const byLocal = new Map<Heading, Match[]>();
  const byNational = new Map<string, Match[]>();
  const scored: ScoredTasks = new Map();
  const reusable = previous?.plan === plan ? previous.scored : undefined;
  const index = indexOf(plan);
  for (const local of tasks) {
    const earlier = reusable?.get(local.textGrams);
    const candidates =
      earlier && earlier.titleGrams === local.titleGrams && sameSet(earlier.agencies, local.agencies) ? earlier.candidates : candidatesOf(plan, index, local);
    scored.set(local.textGrams, { titleGrams: local.titleGrams, agencies: local.agencies, candidates });
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
