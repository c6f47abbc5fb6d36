import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeActionParams,
  type Connection,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type WorkplanLanguageService } from './service';

/**
 * The language server: the only place that talks LSP. It owns the open
 * documents, debounces validation, reads settings, and hands everything else
 * to the language service.
 */

interface Settings {
  validation: { delay: number };
  rules: Record<string, unknown>;
}

const DEFAULT_SETTINGS: Settings = { validation: { delay: 300 }, rules: {} };

/** Accepts whatever the client sends and keeps only well-formed values. */
function readSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as { validation?: { delay?: unknown }; rules?: unknown };
  const delay = s.validation?.delay;
  return {
    validation: { delay: typeof delay === 'number' && delay >= 0 && delay <= 5000 ? delay : DEFAULT_SETTINGS.validation.delay },
    rules: s.rules && typeof s.rules === 'object' && !Array.isArray(s.rules) ? (s.rules as Record<string, unknown>) : {},
  };
}

class WorkplanServer {
  private readonly documents = new TextDocuments(TextDocument);
  private service: WorkplanLanguageService = createLanguageService();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settings = new Map<string, Promise<Settings>>();
  private configurationPull = false;
  private configurationRegistration = false;
  /** Documents already checked once; the first check after opening runs without delay. */
  private readonly seen = new Set<string>();

  constructor(private readonly connection: Connection) {
    connection.onInitialize(this.onInitialize.bind(this));
    connection.onInitialized(this.onInitialized.bind(this));
    connection.onDidChangeConfiguration(this.onDidChangeConfiguration.bind(this));
    connection.onDocumentSymbol(this.guard(this.onDocumentSymbol, []));
    connection.onFoldingRanges(this.guard(this.onFoldingRanges, []));
    connection.onCodeAction(this.guard(this.onCodeAction, []));
    this.documents.onDidChangeContent((e) => this.onDidChangeContent(e.document.uri));
    this.documents.onDidClose((e) => this.onDidClose(e.document.uri));
    this.documents.listen(connection);
    connection.listen();
  }

  private onInitialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as { locale?: unknown };
    const locale = typeof options.locale === 'string' ? options.locale : params.locale;
    this.service = createLanguageService({ locale });
    this.configurationPull = !!params.capabilities.workspace?.configuration;
    this.configurationRegistration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: '工作要点' },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.workplan`] },
      },
      serverInfo: { name: 'workplan-language-server' },
    };
  }

  private onInitialized(): void {
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
      this.settings.set('*', Promise.resolve(readSettings(pushed)));
    }
    for (const doc of this.documents.all()) this.scheduleValidation(doc.uri, 0);
  }

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationPull) return this.settings.get('*') ?? Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.settings.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'workplan' })
        .then(readSettings, () => DEFAULT_SETTINGS);
      this.settings.set(uri, settings);
    }
    return settings;
  }

  /** Opening a document (which also fires a content change) checks it at once; edits are debounced. */
  private onDidChangeContent(uri: string): void {
    if (this.seen.has(uri)) {
      this.scheduleValidation(uri);
    } else {
      this.seen.add(uri);
      void this.validate(uri);
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
      const diagnostics = this.service.computeDiagnostics(document, { severities: settings.rules });
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
    return this.service.getCodeActions(document, params.range, { diagnostics: params.context.diagnostics, only: params.context.only });
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
