import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeActionParams,
  type CodeLensParams,
  type DefinitionParams,
  type CompletionParams,
  type Connection,
  type ExecuteCommandParams,
  type HoverParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type InitializeParams,
  type InitializeResult,
  type SemanticTokensParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_REGISTRY, isBuiltinPlan } from './builtinData';
import {
  ADD_TO_REGISTRY_COMMAND,
  CONTEXT_CHANGED_NOTIFICATION,
  CONTEXT_REQUEST,
  COVERAGE_REPORT_REQUEST,
  INSERT_ALL_MISSING_COMMAND,
  MEMORY_USAGE_REQUEST,
  NATIONAL_PLANS_REQUEST,
  RENUMBER_COMMAND,
  TASK_BREAKDOWN_REQUEST,
  READ_OFFICE_DOCUMENT_REQUEST,
  EXPORT_DOCUMENT_REQUEST,
  type OfficeDocumentResult,
  type ExportDocumentParams,
  type ExportDocumentResult,
  TRUSTED_NOTIFICATION,
  type DocumentParams,
  type MemoryUsage,
  type NationalPlans,
  type PlanContext,
  type TaskBreakdownParams,
} from './protocol';
import { DEFAULT_REGISTRY_FILE, readWorkspace, type SettingNames, type Workspace } from './workspace';
import { readPlanFile } from './planFiles';
import { exportPlan } from './planExports';
import {
  addUnitToRegistryText,
  createLanguageService,
  LEVEL_IDS,
  message,
  SEMANTIC_TOKEN_LEGEND,
  type LevelId,
  type MessageKey,
  type TextEdit,
  type WorkplanLanguageService,
} from './service';

/**
 * The language server: the only place that talks LSP. It owns the open
 * documents, debounces validation, reads settings, and hands everything else
 * to the language service.
 */

interface Settings {
  validation: { delay: number };
  rules: Record<string, unknown>;
  /** The workspace registry file, relative to the workspace folder or absolute. */
  registry: string;
  level?: LevelId;
  region?: string;
  /** A parent plan text every draft is aligned with, instead of choosing by year. */
  nationalPlan?: string;
}

/** How the settings are named in the messages about them. */
const SETTING_NAMES: SettingNames = { kind: 'setting', region: 'workplan.region', nationalPlan: 'workplan.nationalPlan' };
const DEFAULT_SETTINGS: Settings = { validation: { delay: 300 }, rules: {}, registry: DEFAULT_REGISTRY_FILE };
const LEVELS: ReadonlySet<string> = new Set(LEVEL_IDS);

/** Accepts whatever the client sends and keeps only well-formed values. */
function readSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown> & { validation?: { delay?: unknown } };
  const delay = s.validation?.delay;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && v !== 'auto' ? v.trim() : undefined);
  const level = text(s.level);
  return {
    validation: { delay: typeof delay === 'number' && delay >= 0 && delay <= 5000 ? delay : DEFAULT_SETTINGS.validation.delay },
    rules: s.rules && typeof s.rules === 'object' && !Array.isArray(s.rules) ? (s.rules as Record<string, unknown>) : {},
    registry: text(s.registry) ?? DEFAULT_REGISTRY_FILE,
    level: level && LEVELS.has(level) ? (level as LevelId) : undefined,
    region: text(s.region),
    nationalPlan: text(s.nationalPlan),
  };
}

function memoryUsage(): MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers, collected: gc !== undefined };
}

class WorkplanServer {
  private readonly documents = new TextDocuments(TextDocument);
  private service: WorkplanLanguageService = createLanguageService();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settings = new Map<string, Promise<Settings>>();
  private configurationPull = false;
  /** Whether the client re-asks for semantic tokens when told: a registry change turns unknown units known. */
  private semanticTokensRefresh = false;
  /** The settings a client without workspace/configuration pushed with didChangeConfiguration. */
  private pushedSettings: Promise<Settings> | undefined;
  private configurationRegistration = false;
  /** Documents already checked once; the first check after opening runs without delay. */
  private readonly seen = new Set<string>();
  private workspaceFolder: string | undefined;
  /** The workspace as last read: the configuration file, registry and parent plan, with what the settings the user left alone fall back to. */
  private workspace: Workspace | undefined;
  /** The problems of the last reading, each shown once: a broken file or setting is not reported again until it changes. */
  private shownProblems = new Set<string>();
  /**
   * Per open document, the highest version seen and, once the client sent a
   * version not above it, the highest number that may now name two texts:
   * diagnostics carrying such a version may hold fixes for the other text.
   */
  private readonly versions = new Map<string, { highest: number; reusedUpTo?: number }>();
  /**
   * Whether the user trusts the workspace (VS Code's workspace trust). Until
   * then only built-in data is used: no configuration file, registry file or
   * parent plan is read from the workspace, and nothing is written into it.
   */
  private trusted = true;

  constructor(private readonly connection: Connection) {
    connection.onInitialize(this.onInitialize.bind(this));
    connection.onInitialized(this.onInitialized.bind(this));
    connection.onDidChangeConfiguration(this.onDidChangeConfiguration.bind(this));
    connection.onDocumentSymbol(this.guard(this.onDocumentSymbol, []));
    connection.onFoldingRanges(this.guard(this.onFoldingRanges, []));
    connection.onCodeAction(this.guard(this.onCodeAction, []));
    connection.onHover(this.guard(this.onHover, null));
    connection.onCodeLens(this.guard(this.onCodeLens, []));
    connection.onDefinition(this.guard(this.onDefinition, []));
    connection.onRequest(COVERAGE_REPORT_REQUEST, this.guard(this.onCoverageReport, null));
    connection.onRequest(CONTEXT_REQUEST, this.guard(this.onContext, null));
    connection.onRequest(TASK_BREAKDOWN_REQUEST, this.guard(this.onTaskBreakdown, null));
    connection.onRequest(NATIONAL_PLANS_REQUEST, this.guard(this.onNationalPlans, null));
    connection.onRequest(READ_OFFICE_DOCUMENT_REQUEST, (params: DocumentParams) => this.onReadOfficeDocument(params));
    connection.onRequest(EXPORT_DOCUMENT_REQUEST, (params: ExportDocumentParams) => this.onExportDocument(params));
    connection.onRequest(MEMORY_USAGE_REQUEST, memoryUsage);
    connection.onCompletion(this.guard(this.onCompletion, []));
    connection.languages.semanticTokens.on(this.guard(this.onSemanticTokens, { data: [] }));
    connection.onExecuteCommand(this.onExecuteCommand.bind(this));
    connection.onDidChangeWatchedFiles(() => this.reconfigure());
    connection.onNotification(TRUSTED_NOTIFICATION, () => {
      this.trusted = true;
      void this.reconfigure();
    });
    this.documents.onDidChangeContent((e) => this.onDidChangeContent(e.document.uri));
    this.documents.onDidClose((e) => this.onDidClose(e.document.uri));
    this.documents.listen(connection);
    connection.listen();
  }

  private onInitialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as { locale?: unknown; trusted?: unknown };
    this.trusted = options.trusted !== false;
    const locale = typeof options.locale === 'string' ? options.locale : params.locale;
    this.service = createLanguageService({ locale, registry: BUILTIN_REGISTRY });
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.workspaceFolder = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
    this.configurationPull = !!params.capabilities.workspace?.configuration;
    this.configurationRegistration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    this.semanticTokensRefresh = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: '工作要点' },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.workplan`] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['、', '，', '（', '(', ','] },
        semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true },
        executeCommandProvider: { commands: [ADD_TO_REGISTRY_COMMAND, INSERT_ALL_MISSING_COMMAND, RENUMBER_COMMAND] },
      },
      serverInfo: { name: 'workplan-language-server' },
    };
  }

  private onInitialized(): void {
    void this.reconfigure();
    if (this.configurationPull && this.configurationRegistration) {
      this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'workplan' })
        .catch((error: unknown) => this.connection.console.warn(`workplan: configuration changes will not be seen: ${error}`));
    }
  }

  private onDidChangeConfiguration(change: { settings: unknown }): void {
    this.settings.clear();
    if (!this.configurationPull) {
      const pushed = (change.settings as { workplan?: unknown } | null)?.workplan;
      this.pushedSettings = Promise.resolve(readSettings(pushed));
    }
    void this.reconfigure();
  }

  /**
   * Reads the workspace again (its configuration file, registry file and
   * parent plan, under the settings) into the service, then checks every open
   * document again. What cannot be used is reported once and left out; the
   * rest keeps working.
   */
  private async reconfigure(): Promise<void> {
    this.settings.clear();
    const settings = await this.settingsFor('*');
    const workspace = readWorkspace({
      folder: this.workspaceFolder,
      base: this.workspaceFolder,
      settings: {
        level: settings.level,
        region: settings.region,
        registry: settings.registry === DEFAULT_REGISTRY_FILE ? undefined : settings.registry,
        nationalPlan: settings.nationalPlan,
      },
      names: SETTING_NAMES,
      locale: this.service.locale,
      trusted: this.trusted,
    });
    this.workspace = workspace;
    const problems = new Set(workspace.problems.map((p) => p.message));
    for (const text of problems) if (!this.shownProblems.has(text)) void this.connection.window.showWarningMessage(text);
    this.shownProblems = problems;
    this.service.configure(workspace.configuration);
    void this.connection.sendNotification(CONTEXT_CHANGED_NOTIFICATION);
    if (this.semanticTokensRefresh) void this.connection.languages.semanticTokens.refresh();
    for (const doc of this.documents.all()) this.scheduleValidation(doc.uri, 0);
  }

  /** Settings for one document, or for the workspace when `uri` is '*'. */
  private settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationPull) return this.pushedSettings ?? Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.settings.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration(uri === '*' ? { section: 'workplan' } : { scopeUri: uri, section: 'workplan' })
        .then(readSettings, () => DEFAULT_SETTINGS);
      this.settings.set(uri, settings);
    }
    return settings;
  }

  /** Opening a document (which also fires a content change) checks it at once; edits are debounced. */
  private onDidChangeContent(uri: string): void {
    this.noteVersion(uri);
    if (this.seen.has(uri)) {
      this.scheduleValidation(uri);
    } else {
      this.seen.add(uri);
      void this.validate(uri);
    }
  }

  /**
   * Versions must increase; a client that sends a lower or equal one makes a
   * version number name two texts, so quick fixes carried by diagnostics are
   * withheld until the version passes every number used before.
   */
  private noteVersion(uri: string): void {
    const version = this.documents.get(uri)?.version;
    if (version === undefined) return;
    const known = this.versions.get(uri);
    if (!known) {
      this.versions.set(uri, { highest: version });
    } else if (version > known.highest) {
      known.highest = version;
    } else {
      known.reusedUpTo = known.highest;
      this.connection.console.warn(`workplan: ${uri}: version ${version} after version ${known.highest}; quick fixes are withheld until the version passes ${known.highest}`);
    }
  }

  /** A burst of keystrokes costs one check: each change restarts the document's timer. */
  private scheduleValidation(uri: string, delay?: number): void {
    clearTimeout(this.timers.get(uri));
    void this.settingsFor(uri).then((settings) => {
      clearTimeout(this.timers.get(uri));
      this.timers.set(uri, setTimeout(() => this.validate(uri), delay ?? settings.validation.delay));
    });
  }

  private async validate(uri: string): Promise<void> {
    this.timers.delete(uri);
    const settings = await this.settingsFor(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    try {
      // A rule the user set wins over the configuration file's.
      const severities = { ...this.workspace?.configRules, ...settings.rules };
      const diagnostics = this.service.computeDiagnostics(document, { severities });
      if (this.documents.get(uri)?.version !== document.version) return;
      await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    } catch (error) {
      this.connection.console.error(`workplan: checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
    }
  }

  private onDidClose(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.settings.delete(uri);
    this.seen.delete(uri);
    this.versions.delete(uri);
    this.service.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private onDocumentSymbol(params: DocumentSymbolParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getDocumentSymbols(document) : [];
  }

  private onFoldingRanges(params: FoldingRangeParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getFoldingRanges(document) : [];
  }

  private onCodeAction(params: CodeActionParams) {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    const reused = this.versions.get(document.uri)?.reusedUpTo;
    const diagnostics = reused !== undefined && document.version <= reused ? [] : params.context.diagnostics;
    const actions = this.service.getCodeActions(document, params.range, { diagnostics, only: params.context.only });
    // In a workspace the user has not trusted, nothing is written into it.
    return this.trusted ? actions : actions.filter((a) => a.command?.command !== ADD_TO_REGISTRY_COMMAND);
  }

  private onHover(params: HoverParams) {
    const document = this.documents.get(params.textDocument.uri);
    return (document && this.service.getHover(document, params.position)) ?? null;
  }

  private onCodeLens(params: CodeLensParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getCodeLenses(document) : [];
  }

  private onDefinition(params: DefinitionParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getDefinition(document, params.position) : [];
  }

  private onTaskBreakdown(params: TaskBreakdownParams): string | null {
    const document = this.documents.get(params.uri);
    if (!document) return null;
    return this.service.exportTaskBreakdown(document, params.format === 'markdown' ? 'markdown' : 'csv');
  }

  /** Reads the file on this machine, as the CLI does: the size limit, the encodings and the readers are the same. */
  private async onReadOfficeDocument(params: DocumentParams): Promise<OfficeDocumentResult> {
    const locale = this.service.locale;
    let path: string;
    try {
      path = fileURLToPath(params.uri);
    } catch {
      return { error: message('office.notLocal', locale, { file: params.uri }) };
    }
    const read = await readPlanFile(path, locale);
    if ('error' in read) return read;
    if (!read.office) return { error: message('office.unsupported', locale, { file: path, ext: extname(path) || path }) };
    return { text: read.text, format: read.office.format, notes: read.office.notes.map((n) => message(n.key, locale, n.args)) };
  }

  private async onExportDocument(params: ExportDocumentParams): Promise<ExportDocumentResult | null> {
    const document = this.documents.get(params.uri);
    if (!document) return null;
    try {
      return { data: Buffer.from(await exportPlan(this.service, document, params.format)).toString('base64') };
    } catch (error) {
      this.connection.console.error(`workplan: export failed: ${(error as Error)?.stack ?? error}`);
      throw error;
    }
  }

  private onNationalPlans(): NationalPlans {
    const plans = this.service.getNationalPlans().map((p) => {
      const builtin = isBuiltinPlan(p);
      return { id: p.id, title: p.title, year: p.year, builtin, path: builtin ? undefined : fileURLToPath(p.uri) };
    });
    return { plans, setting: this.workspace?.nationalPlan };
  }

  private onCoverageReport(params: DocumentParams): string | null {
    const document = this.documents.get(params.uri);
    return (document && this.service.getCoverageReport(document)) ?? null;
  }

  /** Level, region and parent plan of a document, for the client's status bar. */
  private onContext(params: DocumentParams): PlanContext | null {
    const document = this.documents.get(params.uri);
    return document ? this.service.getContext(document) : null;
  }

  private onCompletion(params: CompletionParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getCompletions(document, params.position) : [];
  }

  private onSemanticTokens(params: SemanticTokensParams) {
    const document = this.documents.get(params.textDocument.uri);
    return document ? this.service.getSemanticTokens(document) : { data: [] };
  }

  private async onExecuteCommand(params: ExecuteCommandParams): Promise<void> {
    const uri = params.arguments?.[0];
    if (params.command === INSERT_ALL_MISSING_COMMAND) return this.applyDocumentEdits(uri, (d) => this.service.getInsertAllMissingEdits(d), 'national.nothingMissing', 'national.insertAll');
    if (params.command === RENUMBER_COMMAND) return this.applyDocumentEdits(uri, (d) => this.service.getRenumberEdits(d), 'renumber.nothing', 'renumber.label');
    if (params.command === ADD_TO_REGISTRY_COMMAND) return this.addToRegistry(params);
  }

  /**
   * Applies a whole-document command (insert all missing tasks, renumber) as
   * one edit the user can undo, or says there is nothing to do.
   */
  private async applyDocumentEdits(uri: unknown, edits: (document: TextDocument) => TextEdit[], nothing: MessageKey, label: MessageKey): Promise<void> {
    const document = typeof uri === 'string' ? this.documents.get(uri) : undefined;
    if (!document) return;
    const changes = edits(document);
    if (changes.length === 0) {
      void this.connection.window.showInformationMessage(message(nothing, this.service.locale));
      return;
    }
    await this.connection.workspace.applyEdit({ label: message(label, this.service.locale), edit: { changes: { [document.uri]: changes } } });
  }

  /** Writes a unit into the workspace registry file (creating it), then checks again with it. */
  private async addToRegistry(params: ExecuteCommandParams): Promise<void> {
    const unit = params.arguments?.[0] as { name?: unknown; level?: string; region?: string } | undefined;
    const path = this.workspace?.registryFile;
    if (!unit || typeof unit.name !== 'string') return;
    if (!this.trusted) {
      void this.connection.window.showWarningMessage(message('registry.untrusted', this.service.locale));
      return;
    }
    if (!path) {
      void this.connection.window.showWarningMessage(message('registry.noWorkspace', this.service.locale));
      return;
    }
    try {
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, addUnitToRegistryText(current, { name: unit.name, level: unit.level, region: unit.region }));
      const shown = this.workspaceFolder ? relative(this.workspaceFolder, path) : path;
      void this.connection.window.showInformationMessage(message('registry.added', this.service.locale, { unit: unit.name, file: shown }));
    } catch (error) {
      void this.connection.window.showErrorMessage(`workplan: ${path}: ${(error as Error).message}`);
    }
    await this.reconfigure();
  }

  /** A request that fails is logged and answered empty; it never takes the server down. */
  private guard<P, R>(handler: (params: P) => R, fallback: R): (params: P) => R {
    return (params: P) => {
      try {
        return handler.call(this, params);
      } catch (error) {
        this.connection.console.error(`workplan: request failed: ${(error as Error)?.stack ?? error}`);
        return fallback;
      }
    };
  }
}

new WorkplanServer(createConnection(ProposedFeatures.all));
