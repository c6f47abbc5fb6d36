import { checkClauses, type ClauseAnalysis } from './checks/agencies';
import { checkArtifacts } from './checks/artifacts';
import { analyzeNumbering, checkNumbering, type LevelNumbering } from './checks/numbering';
import type { Problem } from './checks/problem';
import { codeActions, fixAllEdits, type CodeActionContext } from './features/codeActions';
import { clauseCompletions } from './features/completion';
import { toDiagnostics } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { toTextEdits } from './features/edits';
import { foldingRanges } from './features/foldingRanges';
import { unitHover } from './features/hover';
import { resolveLocale, type Locale } from './l10n';
import { detectContext, type ContextSettings, type DocumentContext } from './registry/context';
import type { LevelId, RegistryLayer } from './registry/format';
import { Registry, type RegistryView } from './registry/registry';
import { parsePlan } from './syntax/parser';
import type { PlanDocument } from './syntax/model';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DiagnosticRef,
  DocumentSymbol,
  FoldingRange,
  Hover,
  PlanTextDocument,
  Position,
  Range,
  TextEdit,
} from './types';

export * from './types';
export type { PlanDocument, Heading, Clause, Marker, Notice, TextSpan, Span } from './syntax/model';
export type { CodeActionContext } from './features/codeActions';
export type { DiagnosticData } from './features/diagnostics';
export type { RegistryLayer, LevelId, RegionPreset, RegionUnit, NationalAgency, LocalCore } from './registry/format';
export type { DocumentContext } from './registry/context';
export { RULES, type Rule, type RuleCode, type SeveritySetting } from './rules';
export { parsePlan } from './syntax/parser';
export { parseClause, type ParsedClause, type ClauseUnit, type Role } from './syntax/clauses';
export { resolveLocale, type Locale } from './l10n';
export { ADD_TO_REGISTRY_COMMAND } from './features/codeActions';
export { parseRegistryFile, addUnitToRegistryText, registryErrorMessage, type RegistryFileResult } from './registry/load';
export { message } from './l10n';

export interface LanguageServiceOptions {
  /** The client's locale (e.g. `zh-cn`, `en`); Chinese unless it says otherwise. */
  locale?: string;
  /** Registry layers, lowest first: built-in data, then the workspace's file. */
  registry?: RegistryLayer[];
}

export interface ServiceConfiguration extends ContextSettings {
  registry?: RegistryLayer[];
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
  /** The level and region the document is checked for, and how that was decided. */
  getContext(document: PlanTextDocument): DocumentContext & { regionName?: string };
  computeDiagnostics(document: PlanTextDocument, options?: DiagnosticOptions): Diagnostic[];
  getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>): CodeAction<D>[];
  /** The edits of `source.fixAll.workplan`, as one list. */
  getFixAllEdits(document: PlanTextDocument): TextEdit[];
  getHover(document: PlanTextDocument, position: Position): Hover | undefined;
  getCompletions(document: PlanTextDocument, position: Position): CompletionItem[];
  getDocumentSymbols(document: PlanTextDocument): DocumentSymbol[];
  getFoldingRanges(document: PlanTextDocument): FoldingRange[];
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

  function analyze(document: PlanTextDocument): Analysis {
    const text = document.getText();
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === text) return cached;
    const doc = parsePlan(text);
    const context = detectContext(doc, registry, settings);
    const view = registry.view(context.level, context.region);
    const numbering = analyzeNumbering(doc);
    const clauses = checkClauses(doc, view);
    const problems = [...checkNumbering(doc, numbering), ...checkArtifacts(doc), ...clauses.problems];
    const analysis = { version: document.version, text, doc, context, view, numbering, clauses, problems };
    cache.set(document.uri, analysis);
    return analysis;
  }

  return Object.freeze({
    locale,
    configure(configuration: ServiceConfiguration) {
      if (configuration.registry) registry = new Registry(configuration.registry);
      settings = { level: configuration.level as LevelId | undefined, region: configuration.region };
      cache.clear();
    },
    parse: (document: PlanTextDocument) => analyze(document).doc,
    getContext(document: PlanTextDocument) {
      const { context, view } = analyze(document);
      return { ...context, regionName: view.region?.name };
    },
    computeDiagnostics(document: PlanTextDocument, diagnosticOptions: DiagnosticOptions = {}) {
      const { doc, problems } = analyze(document);
      return toDiagnostics(doc, document.version, problems, locale, diagnosticOptions.severities);
    },
    getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>) {
      const { doc, numbering } = analyze(document);
      return codeActions({ uri: document.uri, version: document.version, doc, numbering, locale }, range, context);
    },
    getFixAllEdits(document: PlanTextDocument) {
      const { doc, numbering } = analyze(document);
      return toTextEdits(doc, fixAllEdits(doc, numbering));
    },
    getHover(document: PlanTextDocument, position: Position) {
      const { doc, clauses, view } = analyze(document);
      return unitHover(doc, clauses.refs, view, doc.lines.offsetAt(position), locale);
    },
    getCompletions(document: PlanTextDocument, position: Position) {
      const { doc, clauses, view } = analyze(document);
      return clauseCompletions(doc, clauses.refs, view, doc.lines.offsetAt(position), locale);
    },
    getDocumentSymbols: (document: PlanTextDocument) => documentSymbols(analyze(document).doc, locale),
    getFoldingRanges: (document: PlanTextDocument) => foldingRanges(analyze(document).doc),
    forget: (uri: string) => void cache.delete(uri),
  });
}
