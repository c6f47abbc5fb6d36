import type { Registry } from '../registry/registry';
import { resolveClauses } from '../registry/resolve';
import type { PlanDocument } from '../syntax/model';
import { parsePlan } from '../syntax/parser';
import { tfidf, type Gram, type Vector } from './similarity';
import { buildTasks, type Task } from './tasks';

/** A national (or other parent) plan as the service receives it: its text and where it lives. */
export interface NationalPlanSource {
  /** Stable id used by settings and the CLI, e.g. national-2020. */
  id: string;
  /** Where the text can be opened (go to definition). */
  uri: string;
  text: string;
}

export interface NationalPlan {
  id: string;
  uri: string;
  /** The plan's title, or its id when it has none. */
  title: string;
  year?: number;
  doc: PlanDocument;
  tasks: NationalTask[];
  /** Inverse document frequency of a bigram over the plan's tasks. */
  idf(gram: Gram): number;
  /** The IDF of a bigram no task uses. */
  unseenIdf: number;
}

export interface NationalTask extends Task {
  /** 2020:（五） */
  id: string;
  vector: Vector;
}

/** Parses a parent plan with the same parser as drafts; its tasks keep their national agency names. */
export function loadNationalPlan(source: NationalPlanSource, registry: Registry): NationalPlan {
  const doc = parsePlan(source.text);
  const title = doc.title?.text ?? source.id;
  const year = Number(/(\d{4})\s*年/.exec(title)?.[1] ?? /(\d{4})/.exec(source.id)?.[1]) || undefined;
  // A plan names the agencies of its own year: 工商总局 in 2015, 市场监管总局 since 2018.
  const { tasks } = buildTasks(doc, resolveClauses(doc, registry.view({ level: 'national', year })).refs);
  const df = new Map<Gram, number>();
  for (const t of tasks) for (const g of new Set(t.textGrams)) df.set(g, (df.get(g) ?? 0) + 1);
  const n = Math.max(1, tasks.length);
  const unseen = Math.log(1 + n);
  const weights = new Map<Gram, number>();
  for (const [g, count] of df) weights.set(g, Math.log(1 + n / (1 + count)));
  const idf = (g: Gram) => weights.get(g) ?? unseen;
  return {
    id: source.id,
    uri: source.uri,
    title,
    year,
    doc,
    tasks: tasks.map((t) => ({ ...t, id: `${source.id}:${t.number}`, vector: tfidf(t.textGrams, idf) })),
    idf,
    unseenIdf: unseen,
  };
}
