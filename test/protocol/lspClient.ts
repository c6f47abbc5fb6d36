import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type ConfigurationParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type RegistrationParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type CodeAction,
  type Command,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as assert from 'node:assert/strict';

/** The built server, as the extension ships it. */
export const SERVER_JS = resolve(__dirname, '../../../dist/server.js');

export interface ClientOptions {
  /** Declare `workspace.configuration` and answer `workspace/configuration` with `settings`. */
  configuration: boolean;
  /** Declare dynamic registration of `workspace/didChangeConfiguration` and accept `client/registerCapability`. */
  dynamicConfigurationRegistration?: boolean;
  /** The `workplan` section answered to configuration requests; can be changed later. */
  settings?: unknown;
  locale?: string;
  /** A folder on disk opened as the workspace (rootUri and workspaceFolders); none when absent. */
  workspaceFolder?: string;
  /** Whether the editor trusts the workspace (sent as the extension sends it); trusted when absent. */
  trusted?: boolean;
}

interface Waiter {
  uri: string;
  since: number;
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

/**
 * A minimal LSP client driving the built server over stdio. Every
 * notification the server publishes is logged, so tests can wait for "the
 * next publish after this point" without sleeping: a waiter is resolved by
 * the notification itself, or rejected by its timeout.
 */
export class TestClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  /**
   * Every message the server shows, in arrival order: window/showMessage
   * notifications and window/showMessageRequest requests (answered with no
   * choice), `method` telling which.
   */
  readonly messages: Array<ShowMessageParams & { method: string }> = [];
  stderr = '';
  settings: unknown;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited = false;
  private readonly waiters = new Set<Waiter>();
  private readonly messageWaiters = new Set<(m: ShowMessageParams & { method: string }) => void>();
  private readonly exitWaiters = new Set<(reason: Error) => void>();

  constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? { validation: { delay: 50 }, rules: {} };
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exit = new Promise((resolveExit) => {
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        for (const fail of this.exitWaiters) fail(new Error(`server exited (code ${code}, signal ${signal}); stderr:\n${this.stderr}`));
        resolveExit({ code, signal });
      });
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const index = this.published.length - 1;
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && index >= w.since && w.predicate(params)) {
          this.waiters.delete(w);
          w.resolve(params);
        }
      }
    });
    if (options.configuration) {
      this.connection.onRequest(ConfigurationRequest.type, (params) => {
        this.configurationRequests.push(params);
        return params.items.map((item) => (item.section === 'workplan' ? this.settings : null));
      });
    }
    // Recorded either way; refused, as by a client without dynamic registration, unless offered.
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(params);
      if (!options.dynamicConfigurationRegistration) {
        return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${RegistrationRequest.method}`);
      }
      return undefined;
    });
    const shown = (method: string, params: ShowMessageParams) => {
      const m = { ...params, method };
      this.messages.push(m);
      for (const w of [...this.messageWaiters]) w(m);
    };
    this.connection.onNotification(ShowMessageNotification.type, (params) => shown(ShowMessageNotification.method, params));
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      shown(ShowMessageRequest.method, params);
      return null;
    });
    // Log messages are not asserted on; swallow them so they do not count as unhandled.
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  capabilities(): ClientCapabilities {
    const workspace: ClientCapabilities['workspace'] = {};
    if (this.options.configuration) workspace.configuration = true;
    if (this.options.dynamicConfigurationRegistration) workspace.didChangeConfiguration = { dynamicRegistration: true };
    return {
      workspace,
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
        },
        foldingRange: {},
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
      },
    };
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.withExitGuard(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: this.options.workspaceFolder ? pathToFileURL(this.options.workspaceFolder).href : null,
        capabilities: this.capabilities(),
        initializationOptions: { locale: this.options.locale ?? 'zh-cn', ...(this.options.trusted === undefined ? {} : { trusted: this.options.trusted }) },
        workspaceFolders: this.options.workspaceFolder ? [{ uri: pathToFileURL(this.options.workspaceFolder).href, name: 'workspace' }] : null,
      }),
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Position in the publish log; pass it to `waitForDiagnostics` to see only what comes after. */
  mark(): number {
    return this.published.length;
  }

  /**
   * Resolves with the first publishDiagnostics for `uri` at or after log
   * index `since` that satisfies `predicate`; rejects after `timeoutMs` or if
   * the server dies first.
   */
  waitForDiagnostics(
    uri: string,
    options: { since?: number; predicate?: (p: PublishDiagnosticsParams) => boolean; timeoutMs?: number; what?: string } = {},
  ): Promise<PublishDiagnosticsParams> {
    const since = options.since ?? 0;
    const predicate = options.predicate ?? (() => true);
    const timeoutMs = options.timeoutMs ?? 5000;
    for (let i = since; i < this.published.length; i++) {
      const p = this.published[i];
      if (p.uri === uri && predicate(p)) return Promise.resolve(p);
    }
    return new Promise((resolveWait, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.exitWaiters.delete(fail);
        reject(error);
      };
      const waiter: Waiter = {
        uri,
        since,
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          this.exitWaiters.delete(fail);
          resolveWait(p);
        },
      };
      const timer = setTimeout(() => {
        const seen = this.published.slice(since).filter((p) => p.uri === uri).map((p) => `v${p.version}:${p.diagnostics.length}`);
        fail(new Error(`timed out after ${timeoutMs} ms waiting for publishDiagnostics ${options.what ?? ''} for ${uri}; seen since mark: [${seen.join(', ')}]`));
      }, timeoutMs);
      this.waiters.add(waiter);
      this.exitWaiters.add(fail);
      if (this.exited) fail(new Error(`server already exited; stderr:\n${this.stderr}`));
    });
  }

  /** Resolves with the first message shown (already received or to come) that satisfies `predicate`. */
  waitForMessage(predicate: (m: ShowMessageParams & { method: string }) => boolean, timeoutMs = 5000): Promise<ShowMessageParams & { method: string }> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolveWait, reject) => {
      const waiter = (m: ShowMessageParams & { method: string }) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        this.messageWaiters.delete(waiter);
        resolveWait(m);
      };
      const timer = setTimeout(() => {
        this.messageWaiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a shown message; seen: ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      this.messageWaiters.add(waiter);
    });
  }

  /** Rejects a request's promise as soon as the server dies instead of hanging until mocha's timeout. */
  withExitGuard<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolveReq, reject) => {
      const fail = (error: Error) => reject(error);
      if (this.exited) return reject(new Error(`server already exited; stderr:\n${this.stderr}`));
      this.exitWaiters.add(fail);
      promise.then(
        (v) => {
          this.exitWaiters.delete(fail);
          resolveReq(v);
        },
        (e) => {
          this.exitWaiters.delete(fail);
          reject(e);
        },
      );
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.withExitGuard(this.connection.sendRequest(method, params) as Promise<R>);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'workplan', version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** workspace/didChangeWatchedFiles for files the client's watcher saw change (1 created, 2 changed, 3 deleted). */
  changeWatchedFiles(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** shutdown, then exit; resolves with the process's exit status. */
  async shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await this.withExitGuard(this.connection.sendRequest(ShutdownRequest.type));
    await this.connection.sendNotification(ExitNotification.type);
    return this.exit;
  }

  /** For after(): whatever state the test left the server in, it does not outlive the suite. */
  async dispose(): Promise<void> {
    this.connection.dispose();
    if (!this.exited) {
      this.child.kill();
      await this.exit;
    }
  }
}

/** The codes of a publishDiagnostics notification. */
export const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));

export const isCodeAction = (a: CodeAction | Command): a is CodeAction => typeof (a as Command).command !== 'string';

/** The position `into` characters after the start of `needle` in `text`. */
export function positionOf(text: string, needle: string, into = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in the fixture`);
  return TextDocument.create('x', 'workplan', 1, text).positionAt(at + into);
}

/**
 * A WorkspaceEdit's text edits as incremental content changes, applied one
 * after another (as the server does), bottom-up so that each range is still
 * valid when its turn comes.
 */
export function toContentChanges(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  const before = (a: Range, b: Range) => a.start.line - b.start.line || a.start.character - b.start.character;
  return [...edits].sort((a, b) => before(b.range, a.range)).map((e) => ({ range: e.range, text: e.newText }));
}

/** A client that declares workspace.applyEdit and answers workspace/applyEdit, recording what it was asked. */
export class EditingClient extends TestClient {
  readonly applyEdits: ApplyWorkspaceEditParams[] = [];
  private onApply?: (params: ApplyWorkspaceEditParams) => void;

  constructor(options: ClientOptions) {
    super(options);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applyEdits.push(params);
      this.onApply?.(params);
      return { applied: true };
    });
  }

  override capabilities(): ClientCapabilities {
    const caps = super.capabilities();
    return { ...caps, workspace: { ...caps.workspace, applyEdit: true } };
  }

  /** Resolves with the next workspace/applyEdit the server sends. */
  nextApplyEdit(timeoutMs = 5000): Promise<ApplyWorkspaceEditParams> {
    return new Promise((resolveApply, reject) => {
      const timer = setTimeout(() => reject(new Error(`no workspace/applyEdit within ${timeoutMs} ms`)), timeoutMs);
      this.onApply = (params) => {
        clearTimeout(timer);
        this.onApply = undefined;
        resolveApply(params);
      };
    });
  }
}
