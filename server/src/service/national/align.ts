import type { Heading } from '../syntax/model';
import type { NationalPlan, NationalTask } from './plan';
import { cosine, dice, jaccard, tfidf } from './similarity';
import type { Task } from './tasks';

/**
 * Aligns a draft's tasks with a national plan's tasks.
 *
 * Method. Each (local, national) pair gets a score in 0..1:
 *   0.40 × title similarity   (Dice coefficient of character bigrams)
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

export const MATCH_THRESHOLD = 0.18;
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

export function scorePair(local: Task, localVector: Map<string, number>, national: NationalTask): Match {
  const parts = {
    title: dice(local.titleGrams, national.titleGrams),
    text: cosine(localVector, national.vector),
    campaigns: jaccard(local.campaigns, national.campaigns),
    agencies: jaccard(local.agencies, national.agencies),
  };
  const score = WEIGHTS.title * parts.title + WEIGHTS.text * parts.text + WEIGHTS.campaigns * parts.campaigns + WEIGHTS.agencies * parts.agencies;
  return { local, national, score, parts };
}

export function align(plan: NationalPlan, tasks: Task[]): Alignment {
  const matches: Match[] = [];
  const byLocal = new Map<Heading, Match[]>();
  const byNational = new Map<string, Match[]>();
  for (const local of tasks) {
    const vector = tfidf(local.textGrams, plan.idf);
    const scored = plan.tasks.map((n) => scorePair(local, vector, n)).sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.score < MATCH_THRESHOLD) continue;
    const chosen = scored.filter((m) => m.score >= MATCH_THRESHOLD && m.score >= best.score * MERGE_RATIO).slice(0, 3);
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
