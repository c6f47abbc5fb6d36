import { checkArtifacts } from './checks/artifacts';
import { analyzeNumbering, checkNumbering, type LevelNumbering } from './checks/numbering';
import type { Problem } from './checks/problem';
import { codeActions, fixAllEdits, type CodeActionContext } from './features/codeActions';
import { toDiagnostics } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { toTextEdits } from './features/edits';
import { foldingRanges } from './features/foldingRanges';
import { resolveLocale, type Locale } from './l10n';
import { parsePlan } from './syntax/parser';
import type { PlanDocument } from './syntax/model';
import type { CodeAction, Diagnostic, DiagnosticRef, DocumentSymbol, FoldingRange, PlanTextDocument, Range, TextEdit } from './types';

export * from './types';
export type { PlanDocument, Heading, Clause, Marker, Notice, TextSpan, Span } from './syntax/model';
export type { CodeActionContext } from './features/codeActions';
export type { DiagnosticData } from './features/diagnostics';
export { RULES, type Rule, type RuleCode, type SeveritySetting } from './rules';
export { parsePlan } from './syntax/parser';
export { resolveLocale, type Locale } from './l10n';

export interface LanguageServiceOptions {
  /** The client's locale (e.g. `zh-cn`, `en`); Chinese unless it says otherwise. */
  locale?: string;
}

export interface DiagnosticOptions {
  /** Per-code severity: `error` | `warning` | `information` | `hint` | `off`. */
  severities?: Readonly<Record<string, unknown>>;
}

export interface WorkplanLanguageService {
  readonly locale: Locale;
  parse(document: PlanTextDocument): PlanDocument;
  computeDiagnostics(document: PlanTextDocument, options?: DiagnosticOptions): Diagnostic[];
  getCodeActions<D extends DiagnosticRef>(document: PlanTextDocument, range: Range, context: CodeActionContext<D>): CodeAction<D>[];
  /** The edits of `source.fixAll.workplan`, as one list. */
  getFixAllEdits(document: PlanTextDocument): TextEdit[];
  getDocumentSymbols(document: PlanTextDocument): DocumentSymbol[];
  getFoldingRanges(document: PlanTextDocument): FoldingRange[];
  /** Drops what the service remembers about a document that was closed. */
  forget(uri: string): void;
}

interface Analysis {
  version: number;
  text: string;
  doc: PlanDocument;
  numbering: LevelNumbering[];
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

  function analyze(document: PlanTextDocument): Analysis {
    const text = document.getText();
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.text === text) return cached;
    const doc = parsePlan(text);
    const numbering = analyzeNumbering(doc);
    const problems = [...checkNumbering(doc, numbering), ...checkArtifacts(doc)];
    const analysis = { version: document.version, text, doc, numbering, problems };
    cache.set(document.uri, analysis);
    return analysis;
  }

  return Object.freeze({
    locale,
    parse: (document: PlanTextDocument) => analyze(document).doc,
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
    getDocumentSymbols: (document: PlanTextDocument) => documentSymbols(analyze(document).doc, locale),
    getFoldingRanges: (document: PlanTextDocument) => foldingRanges(analyze(document).doc),
    forget: (uri: string) => void cache.delete(uri),
  });
}
