/**
 * LSP-shaped data types used at the service boundary.
 *
 * The service must not import `vscode-languageserver` (it is a plain library for
 * the CLI and the tests), so it declares the few protocol shapes it returns.
 * They are structurally identical to the LSP 3.17 types, so the server passes
 * them through unchanged.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset within the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const DiagnosticSeverity = {
  Error: 1,
  Warning: 2,
  Information: 3,
  Hint: 4,
} as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

export interface Diagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  code: string;
  source: string;
  message: string;
  data?: unknown;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface WorkspaceEdit {
  changes: { [uri: string]: TextEdit[] };
}

export const CodeActionKind = {
  QuickFix: 'quickfix',
  SourceFixAll: 'source.fixAll',
  SourceFixAllWorkplan: 'source.fixAll.workplan',
} as const;

/** The part of a diagnostic a code action reads; clients send back the diagnostics they were given. */
export interface DiagnosticRef {
  range: Range;
  code?: string | number;
  source?: string;
  data?: unknown;
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeAction<D extends DiagnosticRef = Diagnostic> {
  title: string;
  kind: string;
  diagnostics?: D[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  /** Run by the server when the action needs IO (writing the workspace registry). */
  command?: Command;
}

export interface Location {
  uri: string;
  range: Range;
}

export interface CodeLens {
  range: Range;
  command?: Command;
}

export interface MarkupContent {
  kind: 'markdown' | 'plaintext';
  value: string;
}

export interface Hover {
  contents: MarkupContent;
  range?: Range;
}

export const CompletionItemKind = {
  Text: 1,
  Module: 9,
  Value: 12,
  Keyword: 14,
  Snippet: 15,
  Reference: 18,
} as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export interface CompletionItem {
  label: string;
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  textEdit?: TextEdit;
}

export const SymbolKind = {
  File: 1,
  Module: 2,
  Namespace: 3,
  Class: 5,
  Method: 6,
  Field: 8,
  Function: 12,
  String: 15,
  Object: 19,
  Key: 20,
  Struct: 23,
  Event: 24,
} as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'imports' | 'region';
}

/** The minimal view of a text document the service needs. */
export interface PlanTextDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}
