import { DocumentAnalyses, type AnalysisInputs } from './analysis';
import { codeActions, fixAllEdits, renumberAllEdits, type CodeActionContext } from './features/codeActions';
import { clauseCompletions } from './features/completion';
import { toDiagnostics, tooLargeDiagnostics } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { toTextEdits } from './features/edits';
import { foldingRanges } from './features/foldingRanges';
import { insertAllMissingEdits } from './features/insertAll';
import { regionPreset } from './features/regionPreset';
import { semanticTokens } from './features/semanticTokens';
import { unitHover } from './features/hover';
import { formatTaskBreakdown, taskBreakdown, type TaskBreakdownFormat, type TaskBreakdownRow } from './features/taskBreakdown';
import { alignmentReport, coverageReport, nationalCodeLenses, nationalDefinition, nationalHover, type AlignmentReport } from './features/national';
import { ParentPlans, type ParentChoice } from './national/parents';
import type { NationalPlanSource } from './national/plan';
import { resolveLocale, type Locale } from './l10n';
import type { ContextSettings, DocumentContext } from './registry/context';
import type { LevelId, RegionPreset, RegistryLayer } from './registry/format';
import { Registry } from './registry/registry';
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
export type { NoticeRole } from './syntax/notice';
export { LEVEL_IDS } from './registry/format';
export type { CodeActionContext } from './features/codeActions';
export type { DiagnosticData } from './features/diagnostics';
export type { AlignmentReport } from './features/national';
export type { RegistryLayer, LevelId, RegionPreset, RegionUnit, NationalAgency, LocalCore } from './registry/format';
export type { DocumentContext } from './registry/context';
export { RULES, type Rule, type RuleCode, type SeveritySetting } from './rules';
export { parsePlan } from './syntax/parser';
export { parseClause, type ParsedClause, type ClauseUnit, type Role } from './syntax/clauses';
export { resolveLocale, type Locale } from './l10n';
export { ADD_TO_REGISTRY_COMMAND, SHOW_NATIONAL_COMMAND, COVERAGE_REPORT_COMMAND } from '../protocol';
export { SEMANTIC_TOKEN_LEGEND } from './features/semanticTokens';
export type { TaskBreakdownRow, TaskBreakdownFormat } from './features/taskBreakdown';
export { cells as taskBreakdownCells, header as taskBreakdownHeader } from './features/taskBreakdown';
export type { NationalPlanSource } from './national/plan';
export { MATCH_THRESHOLD } from './national/align';
export { parseRegistryFile, addUnitToRegistryText, addRegionToRegistryText, registryErrorMessage, type RegistryFileResult } from './registry/load';
export { message, type MessageKey, type MessageArgs } from './l10n';
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
  getContext(document: PlanTextDocument): DocumentContext & { regionName?: string; national?: { id: string; title: string; source: ParentChoice } };
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
  /** A region preset from this plan, as confirmed by a reviewer: its place, level, prefix and the units it names beyond the generic ones. */
  getRegionPreset(document: PlanTextDocument, id?: string): RegionPreset;
  /** Drops what the service remembers about a document that was closed. */
  forget(uri: string): void;
}

/**
 * The work plan language service: a plain library with no connection and no
 * file system, used by the language server, the CLI and the tests alike.
 * One analysis per document version (analysis.ts) serves every request on
 * that version; each request is answered by its feature module.
 */
export function createLanguageService(options: LanguageServiceOptions = {}): WorkplanLanguageService {
  const locale = resolveLocale(options.locale ?? 'zh-cn');
  let sources = options.nationalPlans ?? [];
  const inputsOf = (registry: Registry, settings: ContextSettings, national?: string): AnalysisInputs => ({ registry, settings, parents: new ParentPlans(sources, registry, national) });
  let inputs = inputsOf(new Registry(options.registry ?? []), {});
  const analyses = new DocumentAnalyses(inputs, options.maxDocumentChars ?? MAX_DOCUMENT_CHARS);
  const analyze = (document: PlanTextDocument) => analyses.get(document);

  return Object.freeze({
    locale,
    configure(configuration: ServiceConfiguration) {
      if (configuration.nationalPlans) sources = configuration.nationalPlans;
      const registry = configuration.registry ? new Registry(configuration.registry) : inputs.registry;
      inputs = inputsOf(registry, { level: configuration.level as LevelId | undefined, region: configuration.region }, configuration.national);
      analyses.reconfigure(inputs);
    },
    parse: (document: PlanTextDocument) => analyze(document).doc,
    getContext(document: PlanTextDocument) {
      const { context, view, alignment, parentChoice } = analyze(document);
      const national = alignment && parentChoice ? { id: alignment.plan.id, title: alignment.plan.title, source: parentChoice } : undefined;
      return { ...context, regionName: view.region?.name, national };
    },
    computeDiagnostics(document: PlanTextDocument, diagnosticOptions: DiagnosticOptions = {}) {
      const { severities } = diagnosticOptions;
      if (analyses.tooLarge(document)) return tooLargeDiagnostics(document.getText(), document.version, analyses.maxChars, locale, severities);
      const { doc, problems } = analyze(document);
      return toDiagnostics(doc, document.version, problems, locale, severities);
    },
    getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>) {
      if (analyses.tooLarge(document)) return [];
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
    getInsertAllMissingEdits: (document: PlanTextDocument) => insertAllMissingEdits(document, analyze, (uri) => analyses.forget(uri)),
    getRenumberEdits(document: PlanTextDocument) {
      const { doc, numbering } = analyze(document);
      return toTextEdits(doc, renumberAllEdits(numbering));
    },
    getNationalPlans: () => inputs.parents.all().map((plan) => ({ id: plan.id, title: plan.title, year: plan.year, uri: plan.uri })),
    getAlignment(document: PlanTextDocument) {
      const { doc, alignment } = analyze(document);
      return alignment ? alignmentReport(doc, alignment) : undefined;
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
    getRegionPreset: (document: PlanTextDocument, id?: string) => regionPreset(analyze(document), id),
    forget: (uri: string) => analyses.forget(uri),
  });
}
