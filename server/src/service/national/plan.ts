import { detectContext } from '../registry/context';
import { wholeWord } from '../registry/place';
import type { Registry, RegistryView } from '../registry/registry';
import { resolveClauses } from '../registry/resolve';
import type { PlanDocument } from '../syntax/model';
import { parsePlan } from '../syntax/parser';
import { planTopic } from './family';
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
  /** The units of the plan's own level and place, which its clauses name: national agencies, or a province's for a provincial parent. */
  view: RegistryView;
  /** What the plan is about (planTopic): drafts align only with a parent of their own family. */
  topic?: string;
  /** The word for “the whole of” the plan's area, which a draft's own replaces in an inserted task: 全国, 全省, 全区. */
  whole: string;
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

/**
 * Parses a parent plan with the same parser as drafts: the national plan,
 * or a province's or city's plan that a lower plan derives from. Its tasks
 * carry the national agencies their units stand for, as a draft's do.
 */
export function loadNationalPlan(source: NationalPlanSource, registry: Registry): NationalPlan {
  const doc = parsePlan(source.text);
  const title = doc.title?.text ?? source.id;
  const context = detectContext(doc, registry);
  const year = context.year ?? (Number(/(\d{4})/.exec(source.id)?.[1]) || undefined);
  // A plan names the agencies of its own year and place: 工商总局 in 2015, 市场监管总局 since 2018; 省公安厅 in a province's.
  const view = registry.view({ ...context, year });
  const { tasks } = buildTasks(doc, resolveClauses(doc, view).refs);
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
    view,
    topic: planTopic(doc),
    whole: wholeWord(context.level, view.prefixes[0]),
    tasks: tasks.map((t) => ({ ...t, id: `${source.id}:${t.number}`, vector: tfidf(t.textGrams, idf) })),
    idf,
    unseenIdf: unseen,
  };
}
