import { checkClauses } from './checks/agencies';
import { checkArtifacts } from './checks/artifacts';
import { checkCoverage, noParentProblem } from './checks/coverage';
import { checkNumbering } from './checks/numbering';
import type { Problem } from './checks/problem';
import { align, type Alignment } from './national/align';
import { planTopic } from './national/family';
import type { ParentChoice, ParentPlans } from './national/parents';
import { buildTasks, type TaskMemo } from './national/tasks';
import { detectContext, type ContextSettings, type DocumentContext } from './registry/context';
import type { Registry, RegistryView } from './registry/registry';
import { resolveClauses, type ClauseResolution } from './registry/resolve';
import type { PlanDocument } from './syntax/model';
import { analyzeNumbering, type LevelNumbering } from './syntax/numbering';
import { parsePlan } from './syntax/parser';
import type { PlanTextDocument } from './types';

/**
 * One document version read once for every request on it: parsed, placed
 * (level, region), numbered, its clauses resolved, aligned with its parent
 * plan, and checked. The next version of the same document reuses what the
 * edit left unchanged (task features and their alignment scores).
 */

export interface Analysis {
  version: number;
  text: string;
  doc: PlanDocument;
  context: DocumentContext;
  view: RegistryView;
  numbering: LevelNumbering[];
  clauses: ClauseResolution;
  alignment?: Alignment;
  /** Task features by task text, reused by the next version so that an edit re-reads only the tasks it touched. */
  taskMemo?: TaskMemo;
  /** How the parent plan was chosen. */
  parentChoice?: ParentChoice;
  problems: Problem[];
}

/** What a document is analysed against: the configuration of the service. */
export interface AnalysisInputs {
  registry: Registry;
  settings: ContextSettings;
  parents: ParentPlans;
}

export function analyzeText(text: string, version: number, inputs: AnalysisInputs, previous?: Analysis): Analysis {
  const doc = parsePlan(text);
  const context = detectContext(doc, inputs.registry, inputs.settings);
  const view = inputs.registry.view(context);
  const numbering = analyzeNumbering(doc);
  const clauses = resolveClauses(doc, view);
  const { year } = context;
  const topic = planTopic(doc);
  const choice = context.level === 'national' ? undefined : inputs.parents.choose(year, topic);
  const built = choice ? buildTasks(doc, clauses.refs, previous?.taskMemo) : undefined;
  const alignment = choice && built ? align(choice.plan, built.tasks, year, previous?.alignment) : undefined;
  const problems = [
    ...checkNumbering(doc, numbering),
    ...checkArtifacts(doc),
    ...checkClauses(doc, view, clauses),
    ...(alignment ? checkCoverage(doc, alignment, numbering, view, choice?.source !== 'latest') : []),
    ...(context.level !== 'national' && !choice && inputs.parents.any() ? [noParentProblem(doc, topic)] : []),
  ];
  return { version, text, doc, context, view, numbering, clauses, alignment, taskMemo: built?.memo, parentChoice: choice?.source, problems };
}

/**
 * The analysis of each open document's latest version, by uri. A document
 * longer than `maxChars` is not read: every feature sees an empty plan.
 */
export class DocumentAnalyses {
  private readonly byUri = new Map<string, Analysis>();
  private empty: Omit<Analysis, 'version' | 'text'> | undefined;

  constructor(
    private inputs: AnalysisInputs,
    readonly maxChars: number,
  ) {}

  tooLarge(document: PlanTextDocument): boolean {
    return document.getText().length > this.maxChars;
  }

  get(document: PlanTextDocument): Analysis {
    if (this.tooLarge(document)) {
      this.byUri.delete(document.uri);
      return { ...this.emptyAnalysis(), version: document.version, text: '' };
    }
    const text = document.getText();
    const previous = this.byUri.get(document.uri);
    if (previous && previous.version === document.version && previous.text === text) return previous;
    const analysis = analyzeText(text, document.version, this.inputs, previous);
    this.byUri.set(document.uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Every later request is analysed against `inputs`; nothing computed before is reused. */
  reconfigure(inputs: AnalysisInputs): void {
    this.inputs = inputs;
    this.byUri.clear();
    this.empty = undefined;
  }

  private emptyAnalysis(): Omit<Analysis, 'version' | 'text'> {
    if (!this.empty) {
      const doc = parsePlan('');
      const context = detectContext(doc, this.inputs.registry, this.inputs.settings);
      const view = this.inputs.registry.view(context);
      this.empty = { doc, context, view, numbering: [], clauses: resolveClauses(doc, view), problems: [] };
    }
    return this.empty;
  }
}
