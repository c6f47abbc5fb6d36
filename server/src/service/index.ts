import { checkClauses, type ClauseAnalysis } from './checks/agencies';
import { checkArtifacts } from './checks/artifacts';
import { analyzeNumbering, checkNumbering, type LevelNumbering } from './checks/numbering';
import type { Problem } from './checks/problem';
import { codeActions, fixAllEdits, renumberAllEdits, type CodeActionContext } from './features/codeActions';
import { clauseCompletions } from './features/completion';
import { DIAGNOSTIC_SOURCE, toDiagnostics, type DiagnosticData } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { toTextEdits } from './features/edits';
import { foldingRanges } from './features/foldingRanges';
import { semanticTokens } from './features/semanticTokens';
import { unitHover } from './features/hover';
import { formatTaskBreakdown, taskBreakdown, type TaskBreakdownFormat, type TaskBreakdownRow } from './features/taskBreakdown';
import { coverageReport, nationalCodeLenses, nationalDefinition, nationalHover } from './features/national';
import { checkCoverage } from './checks/coverage';
import { align, type Alignment } from './national/align';
import { loadNationalPlan, type NationalPlan, type NationalPlanSource } from './national/plan';
import { buildTasks, type TaskMemo } from './national/tasks';
import { localize, resolveLocale, type Locale } from './l10n';
import { effectiveSeverity, RULES_BY_CODE } from './rules';
import { detectContext, type ContextSettings, type DocumentContext } from './registry/context';
import type { LevelId, RegistryLayer } from './registry/format';
import { Registry, type RegistryView } from './registry/registry';
import { parsePlan } from './syntax/parser';
import type { PlanDocument } from './syntax/model';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DiagnosticRef,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  PlanTextDocument,
  Position,
  Range,
  TextEdit,
} from './types';

export * from './types';
export type { PlanDocument, Heading, Clause, Marker, Notice, TextSpan, Span } from './syntax/model';
export { isTask, taskHeadings } from './syntax/model';
export { LEVEL_IDS } from './registry/format';
export type { CodeActionContext } from './features/codeActions';
export type { DiagnosticData } from './features/diagnostics';
export type { RegistryLayer, LevelId, RegionPreset, RegionUnit, NationalAgency, LocalCore } from './registry/format';
export type { DocumentContext } from './registry/context';
export { RULES, type Rule, type RuleCode, type SeveritySetting } from './rules';
export { parsePlan } from './syntax/parser';
export { parseClause, type ParsedClause, type ClauseUnit, type Role } from './syntax/clauses';
export { resolveLocale, type Locale } from './l10n';
export { ADD_TO_REGISTRY_COMMAND, SHOW_NATIONAL_COMMAND, COVERAGE_REPORT_COMMAND } from '../protocol';
export { SEMANTIC_TOKEN_LEGEND } from './features/semanticTokens';
export type { TaskBreakdownRow, TaskBreakdownFormat } from './features/taskBreakdown';
export type { NationalPlanSource } from './national/plan';
export { MATCH_THRESHOLD } from './national/align';
export { parseRegistryFile, addUnitToRegistryText, registryErrorMessage, type RegistryFileResult } from './registry/load';
export { message, type MessageKey } from './l10n';
export { parseWorkspaceConfig, WORKSPACE_CONFIG_FILE, type WorkspaceConfig, type WorkspaceConfigResult } from './workspaceConfig';

/**
 * The longest document (in UTF-16 code units, i.e. JavaScript string length)
 * the service reads. Above it, computeDiagnostics returns the one diagnostic
 * `document.too-large` and every other feature answers empty without parsing.
 *
 * Ten million characters is twice the 5-million-character plan the unit
 * tests check to the end, about 28 MB of Chinese text in UTF-8 and some 400
 * times the largest real plan (~25,000 characters). A synthetic plan of that
 * size takes about two seconds to check in full, again after every edit,
 * with the cost growing linearly beyond; and it stays well below the
 * 50-million-character documents VS Code still hands to extensions, so the
 * diagnostic is seen.
 */
export const MAX_DOCUMENT_CHARS = 10_000_000;

export interface LanguageServiceOptions {
  /** The client's locale (e.g. `zh-cn`, `en`); Chinese unless it says otherwise. */
  locale?: string;
  /** Registry layers, lowest first: built-in data, then the workspace's file. */
  registry?: RegistryLayer[];
  /** Parent plans drafts are aligned with (the built-in national plans, a user's own). */
  nationalPlans?: NationalPlanSource[];
  /** Documents longer than this (UTF-16 code units) are not read; MAX_DOCUMENT_CHARS by default (tests lower it). */
  maxDocumentChars?: number;
}

export interface ServiceConfiguration extends ContextSettings {
  registry?: RegistryLayer[];
  nationalPlans?: NationalPlanSource[];
  /** Id of the parent plan every draft is aligned with; otherwise chosen by the year in the draft's title. */
  national?: string;
}

/** A local task and the national tasks it matches, as the CLI reports them. */
export interface AlignmentReport {
  national: { id: string; title: string; year?: number };
  matches: Array<{ local: { number: string; line: number; title: string }; national: { number: string; title: string }; score: number }>;
  missing: Array<{ number: string; title: string }>;
  additions: Array<{ number: string; line: number; title: string }>;
}

export interface DiagnosticOptions {
  /** Per-code severity: `error` | `warning` | `information` | `hint` | `off`. */
  severities?: Readonly<Record<string, unknown>>;
}

export interface WorkplanLanguageService {
  readonly locale: Locale;
  /** Replaces the registry layers and the level/region settings; later requests use them. */
  configure(configuration: ServiceConfiguration): void;
  parse(document: PlanTextDocument): PlanDocument;
  /** The level and region the document is checked for, how that was decided, and the parent plan. */
  getContext(document: PlanTextDocument): DocumentContext & { regionName?: string; national?: { id: string; title: string; source: 'setting' | 'year' | 'latest' } };
  computeDiagnostics(document: PlanTextDocument, options?: DiagnosticOptions): Diagnostic[];
  getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>): CodeAction<D>[];
  /** The edits of `source.fixAll.workplan`, as one list. */
  getFixAllEdits(document: PlanTextDocument): TextEdit[];
  getHover(document: PlanTextDocument, position: Position): Hover | undefined;
  getCompletions(document: PlanTextDocument, position: Position): CompletionItem[];
  getDocumentSymbols(document: PlanTextDocument): DocumentSymbol[];
  /** One lens per task (对应全国（五）…) and one with the coverage n/N. */
  getCodeLenses(document: PlanTextDocument): CodeLens[];
  /** The national task(s) a local item implements. */
  getDefinition(document: PlanTextDocument, position: Position): Location[];
  /** A Markdown table: national task → local item(s), score; missing tasks; local additions. */
  getCoverageReport(document: PlanTextDocument): string | undefined;
  getAlignment(document: PlanTextDocument): AlignmentReport | undefined;
  /** One edit that inserts every missing national task, each where it belongs, with the items renumbered. */
  getInsertAllMissingEdits(document: PlanTextDocument): TextEdit[];
  /** The markers of every level renumbered in the document's own convention and width; nothing else is touched. */
  getRenumberEdits(document: PlanTextDocument): TextEdit[];
  /** The parent plans drafts can be aligned with: the built-in ones and the user's own. */
  getNationalPlans(): Array<{ id: string; title: string; year?: number; uri: string }>;
  getFoldingRanges(document: PlanTextDocument): FoldingRange[];
  /** The units of every clause as semantic tokens (SEMANTIC_TOKEN_LEGEND): agency or placeholder; lead, unknown, otherLevel. */
  getSemanticTokens(document: PlanTextDocument): { data: number[] };
  /** The 任务分解表: one row per task with its lead and other units and the national task it implements. */
  getTaskBreakdown(document: PlanTextDocument): TaskBreakdownRow[];
  /** The 任务分解表 as CSV (UTF-8 BOM, CRLF, for Excel) or as a Markdown table, headers in the service's locale. */
  exportTaskBreakdown(document: PlanTextDocument, format: TaskBreakdownFormat): string;
  /** Drops what the service remembers about a document that was closed. */
  forget(uri: string): void;
}

interface Analysis {
  version: number;
  text: string;
  doc: PlanDocument;
  context: DocumentContext;
  view: RegistryView;
  numbering: LevelNumbering[];
  clauses: ClauseAnalysis;
  alignment?: Alignment;
  /** Task features by task text, reused by the next version so that an edit re-reads only the tasks it touched. */
  taskMemo?: TaskMemo;
  /** How the parent plan was chosen. */
  nationalSource?: 'setting' | 'year' | 'latest';
  problems: Problem[];
}

/**
 * The work plan language service: a plain library with no connection and no
 * file system, used by the language server, the CLI and the tests alike.
 * One parse and one run of the checks per document version serves every
 * request on that version.
 */
export function createLanguageService(options: LanguageServiceOptions = {}): WorkplanLanguageService {
  const locale = resolveLocale(options.locale ?? 'zh-cn');
  const cache = new Map<string, Analysis>();
  let registry = new Registry(options.registry ?? []);
  let settings: ContextSettings = {};
  let nationalSources = options.nationalPlans ?? [];
  let nationalId: string | undefined;
  const nationalPlans = new Map<string, NationalPlan>();
  const maxDocumentChars = options.maxDocumentChars ?? MAX_DOCUMENT_CHARS;
  /** What every feature sees of a document too large to read: an empty plan, no alignment, no problems. */
  let emptyAnalysis: Omit<Analysis, 'version' | 'text'> | undefined;

  const tooLarge = (document: PlanTextDocument): boolean => document.getText().length > maxDocumentChars;

  function analyzeEmpty(document: PlanTextDocument): Analysis {
    if (!emptyAnalysis) {
      const doc = parsePlan('');
      const context = detectContext(doc, registry, settings);
      const view = registry.view(context.level, context.region);
      emptyAnalysis = { doc, context, view, numbering: [], clauses: checkClauses(doc, view), problems: [] };
    }
    return { ...emptyAnalysis, version: document.version, text: '' };
  }

  /** The one diagnostic of a document too large to read, on its first line. */
  function tooLargeDiagnostics(document: PlanTextDocument, severities: DiagnosticOptions['severities']): Diagnostic[] {
    const rule = RULES_BY_CODE.get('document.too-large')!;
    const severity = effectiveSeverity(rule, severities);
    if (severity === undefined) return [];
    const text = document.getText();
    const firstLine = /^[^\r\n]{0,200}/.exec(text)![0].length;
    const count = (n: number) => n.toLocaleString('en-US');
    return [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine } },
      severity,
      code: rule.code,
      source: DIAGNOSTIC_SOURCE,
      message: localize(rule.message, locale, { size: count(text.length), limit: count(maxDocumentChars) }),
      data: { version: document.version } satisfies DiagnosticData,
    }];
  }

  function nationalPlan(source: NationalPlanSource): NationalPlan {
    let plan = nationalPlans.get(source.id);
    if (!plan) {
      plan = loadNationalPlan(source, registry);
      nationalPlans.set(source.id, plan);
    }
    return plan;
  }

  function draftYear(doc: PlanDocument): number | undefined {
    return Number(/(\d{4})\s*年/.exec((doc.title?.text ?? doc.notice.title?.text ?? '').replace(/\s+/g, ''))?.[1]) || undefined;
  }

  /** The setting's plan; else the one of the draft's `year`; else the latest. */
  function choosePlan(year: number | undefined): { plan: NationalPlan; source: 'setting' | 'year' | 'latest' } | undefined {
    if (nationalSources.length === 0) return undefined;
    const chosen = nationalSources.find((s) => s.id === nationalId);
    if (chosen) return { plan: nationalPlan(chosen), source: 'setting' };
    const plans = nationalSources.map(nationalPlan);
    const ofYear = plans.find((p) => p.year === year);
    if (ofYear) return { plan: ofYear, source: 'year' };
    return { plan: [...plans].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0], source: 'latest' };
  }

  function analyze(document: PlanTextDocument): Analysis {
    if (tooLarge(document)) {
      cache.delete(document.uri);
      return analyzeEmpty(document);
    }
    const text = document.getText();
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === text) return cached;
    const doc = parsePlan(text);
    const context = detectContext(doc, registry, settings);
    const view = registry.view(context.level, context.region);
    const numbering = analyzeNumbering(doc);
    const clauses = checkClauses(doc, view);
    const year = draftYear(doc);
    const choice = context.level === 'national' ? undefined : choosePlan(year);
    const built = choice ? buildTasks(doc, clauses.refs, cached?.taskMemo) : undefined;
    const alignment = choice && built ? align(choice.plan, built.tasks, year, cached?.alignment) : undefined;
    // The numbering check first: its walk records the numbers each missing task's insertion continues from.
    const numberingProblems = checkNumbering(doc, numbering);
    const coverage = alignment ? checkCoverage(doc, alignment, numbering, view) : [];
    const problems = [...numberingProblems, ...checkArtifacts(doc), ...clauses.problems, ...coverage];
    const analysis = { version: document.version, text, doc, context, view, numbering, clauses, alignment, taskMemo: built?.memo, nationalSource: choice?.source, problems };
    cache.set(document.uri, analysis);
    return analysis;
  }

  return Object.freeze({
    locale,
    configure(configuration: ServiceConfiguration) {
      if (configuration.registry) registry = new Registry(configuration.registry);
      if (configuration.nationalPlans) nationalSources = configuration.nationalPlans;
      settings = { level: configuration.level as LevelId | undefined, region: configuration.region };
      nationalId = configuration.national;
      // National plans hold agencies resolved against the registry: rebuild them with it.
      nationalPlans.clear();
      cache.clear();
      emptyAnalysis = undefined;
    },
    parse: (document: PlanTextDocument) => analyze(document).doc,
    getContext(document: PlanTextDocument) {
      const { context, view, alignment, nationalSource } = analyze(document);
      const national = alignment && nationalSource ? { id: alignment.plan.id, title: alignment.plan.title, source: nationalSource } : undefined;
      return { ...context, regionName: view.region?.name, national };
    },
    computeDiagnostics(document: PlanTextDocument, diagnosticOptions: DiagnosticOptions = {}) {
      if (tooLarge(document)) return tooLargeDiagnostics(document, diagnosticOptions.severities);
      const { doc, problems } = analyze(document);
      return toDiagnostics(doc, document.version, problems, locale, diagnosticOptions.severities);
    },
    getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>) {
      if (tooLarge(document)) return [];
      const { doc, numbering, problems } = analyze(document);
      return codeActions({ uri: document.uri, version: document.version, doc, numbering, problems, locale }, range, context);
    },
    getFixAllEdits(document: PlanTextDocument) {
      const { doc, numbering, problems } = analyze(document);
      return toTextEdits(doc, fixAllEdits(numbering, problems));
    },
    getHover(document: PlanTextDocument, position: Position) {
      const { doc, clauses, view, alignment } = analyze(document);
      const offset = doc.lines.offsetAt(position);
      return unitHover(doc, clauses.refs, view, offset, locale) ?? (alignment ? nationalHover(doc, alignment, view, offset, locale) : undefined);
    },
    getCodeLenses(document: PlanTextDocument) {
      const { doc, alignment } = analyze(document);
      return alignment ? nationalCodeLenses(doc, alignment, document.uri, locale) : [];
    },
    getDefinition(document: PlanTextDocument, position: Position) {
      const { doc, alignment } = analyze(document);
      return alignment ? nationalDefinition(alignment, doc.lines.offsetAt(position)) : [];
    },
    getCoverageReport(document: PlanTextDocument) {
      const { alignment } = analyze(document);
      return alignment ? coverageReport(alignment, locale) : undefined;
    },
    getInsertAllMissingEdits(document: PlanTextDocument) {
      // Insert one task at a time and align again, so that each lands among the tasks already inserted.
      const original = document.getText();
      let text = original;
      const uri = `${document.uri}#insert-all`;
      for (let round = 0; round < 200; round++) {
        const { doc, problems } = analyze({ uri, version: round, getText: () => text });
        const fix = problems.find((p) => p.code === 'coverage.missing')?.fixes[0];
        if (!fix) break;
        const edits = [fix, ...(fix.more ?? [])].sort((a, b) => b.start - a.start);
        for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
        if (doc.text === text) break;
      }
      cache.delete(uri);
      if (text === original) return [];
      let start = 0;
      while (start < original.length && start < text.length && original[start] === text[start]) start++;
      let end = 0;
      while (end < original.length - start && end < text.length - start && original[original.length - 1 - end] === text[text.length - 1 - end]) end++;
      const lines = analyze(document).doc.lines;
      return [{ range: lines.range(start, original.length - end), newText: text.slice(start, text.length - end) }];
    },
    getRenumberEdits(document: PlanTextDocument) {
      const { doc, numbering } = analyze(document);
      return toTextEdits(doc, renumberAllEdits(numbering));
    },
    getNationalPlans() {
      return nationalSources.map((source) => {
        const plan = nationalPlan(source);
        return { id: plan.id, title: plan.title, year: plan.year, uri: plan.uri };
      });
    },
    getAlignment(document: PlanTextDocument) {
      const { doc, alignment } = analyze(document);
      if (!alignment) return undefined;
      const line = (h: { start: number }) => doc.lines.positionAt(h.start).line;
      return {
        national: { id: alignment.plan.id, title: alignment.plan.title, year: alignment.plan.year },
        matches: alignment.matches.map((m) => ({
          local: { number: m.local.number, line: line(m.local.heading), title: m.local.title },
          national: { number: m.national.number, title: m.national.title },
          score: Math.round(m.score * 1000) / 1000,
        })),
        missing: alignment.missing.map((n) => ({ number: n.number, title: n.title })),
        additions: alignment.tasks.filter((t) => !alignment.byLocal.has(t.heading)).map((t) => ({ number: t.number, line: line(t.heading), title: t.title })),
      };
    },
    getCompletions(document: PlanTextDocument, position: Position) {
      const { doc, clauses, view } = analyze(document);
      return clauseCompletions(doc, clauses.refs, view, doc.lines.offsetAt(position), locale);
    },
    getDocumentSymbols: (document: PlanTextDocument) => documentSymbols(analyze(document).doc, locale),
    getFoldingRanges: (document: PlanTextDocument) => foldingRanges(analyze(document).doc),
    getSemanticTokens(document: PlanTextDocument) {
      const { doc, clauses, problems } = analyze(document);
      return semanticTokens(doc, clauses.refs, problems);
    },
    getTaskBreakdown(document: PlanTextDocument) {
      const { doc, clauses, alignment } = analyze(document);
      return taskBreakdown(doc, clauses, alignment);
    },
    exportTaskBreakdown(document: PlanTextDocument, format: TaskBreakdownFormat) {
      const { doc, clauses, alignment } = analyze(document);
      return formatTaskBreakdown(taskBreakdown(doc, clauses, alignment), format, locale);
    },
    forget: (uri: string) => void cache.delete(uri),
  });
}
