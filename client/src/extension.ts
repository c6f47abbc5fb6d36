// The VS Code side of the extension: a thin client that starts the language
// server (dist/server.js) when the first work-plan document is open, and
// switches plain-text files whose title names a work plan to the `workplan`
// language. All language logic lives in the server; national plan commands
// and the status bar item are in ./national, the choice of the parent plan in
// ./planSelection, the task breakdown export and renumbering in ./documentCommands.
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { errorText, t } from './messages';
import { registerDocumentCommands } from './documentCommands';
import { registerOfficeDocuments } from './officeDocuments';
import { LANGUAGE_ID, PlanStatus, registerNationalCommands, type ClientProvider } from './national';
import { registerPlanSelection } from './planSelection';
import { DETECTION_MAX_CHARS, DETECTION_MAX_LINES, detectPlanTitle, isDetectableFileName } from './planDetection';
import { CONTEXT_CHANGED_NOTIFICATION, TREAT_AS_PLAN_COMMAND, TRUSTED_NOTIFICATION } from '../../server/src/protocol';

const CONFIG_SECTION = 'workplan';

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
let status: PlanStatus | undefined;

/**
 * Documents already switched to `workplan` by detection (or the command).
 * If the user switches one back to plain text, it is not switched again in
 * this session.
 */
const switched = new Set<string>();

export function activate(context: vscode.ExtensionContext): void {
  const onDocument = (doc: vscode.TextDocument): void => {
    if (doc.languageId === LANGUAGE_ID) {
      void ensureClientStarted(context);
    } else {
      void detect(doc, context.extensionUri);
    }
  };

  // The client, started first if it is not running yet; undefined when it cannot start.
  const getClient: ClientProvider = async () => {
    await ensureClientStarted(context);
    return client;
  };
  // The status bar only waits for a start under way: it never (re)starts the client by itself.
  const planStatus = new PlanStatus(async () => {
    await starting;
    return client;
  });
  status = planStatus;

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      onDocument(doc);
      planStatus.schedule();
    }),
    vscode.workspace.onDidSaveTextDocument(() => planStatus.schedule()),
    vscode.window.onDidChangeActiveTextEditor(() => planStatus.schedule()),
    vscode.commands.registerCommand(TREAT_AS_PLAN_COMMAND, treatActiveEditorAsPlan),
    ...registerNationalCommands(getClient),
    ...registerDocumentCommands(getClient),
    ...registerOfficeDocuments(getClient),
    ...registerPlanSelection(getClient),
    planStatus,
    // deactivate() also stops the client; this covers disposal on extension reload.
    { dispose: () => void stopClient() },
  );

  for (const doc of vscode.workspace.textDocuments) {
    onDocument(doc);
  }
  planStatus.schedule();
}

export function deactivate(): Thenable<void> | undefined {
  return stopClient();
}

/** Starts the language client once; later calls return the same promise. */
function ensureClientStarted(context: vscode.ExtensionContext): Promise<void> {
  starting ??= startClient(context).catch((err: unknown) => {
    starting = undefined;
    void vscode.window.showErrorMessage(t('start.failed', { error: errorText(err) }));
  });
  return starting;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  // Loaded only now, so activation on plain-text files does not evaluate the client library.
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      // Virtual workspaces (a repository opened remotely): checked with the built-in data only.
      { scheme: 'vscode-vfs', language: LANGUAGE_ID },
    ],
    synchronize: {
      configurationSection: CONFIG_SECTION,
      // The server re-reads the workspace registry when it changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.workplan/*.json'),
    },
    // In an untrusted workspace the server reads only its built-in data, until trust is granted.
    initializationOptions: { locale: vscode.env.language, trusted: vscode.workspace.isTrusted },
  };

  // The id 'workplan' makes the client honour the `workplan.trace.server` setting.
  const c = new LanguageClient(LANGUAGE_ID, '工作要点 Work Plan', serverOptions, clientOptions);
  // Settings, the registry or the national plans changed: the status bar asks again.
  c.onNotification(CONTEXT_CHANGED_NOTIFICATION, () => status?.schedule());
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUSTED_NOTIFICATION)));
  client = c;
  try {
    await c.start();
  } catch (err) {
    client = undefined;
    throw err;
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  starting = undefined;
  if (c) {
    await c.stop();
  }
}

/**
 * Switches a plain-text `.txt` document to `workplan` when its head holds a
 * plan title — except the extension's own national plans, opened read-only
 * from a code lens, which are a reference and not a draft to check.
 */
async function detect(doc: vscode.TextDocument, extensionUri: vscode.Uri): Promise<void> {
  if (
    doc.languageId !== 'plaintext' ||
    doc.uri.scheme !== 'file' ||
    doc.uri.path.startsWith(`${extensionUri.path}/`) ||
    !isDetectableFileName(doc.fileName) ||
    switched.has(doc.uri.toString()) ||
    !vscode.workspace.getConfiguration(CONFIG_SECTION, doc).get<boolean>('detectPlanTitle', true)
  ) {
    return;
  }
  const lastLine = Math.min(doc.lineCount, DETECTION_MAX_LINES);
  const head = doc.getText(new vscode.Range(0, 0, lastLine, 0)).slice(0, DETECTION_MAX_CHARS);
  if (!detectPlanTitle(head)) {
    return;
  }
  switched.add(doc.uri.toString());
  try {
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  } catch {
    // The document was closed meanwhile; nothing to do.
  }
}

async function treatActiveEditorAsPlan(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(t('editor.none'));
    return;
  }
  if (doc.languageId === LANGUAGE_ID) {
    return;
  }
  switched.add(doc.uri.toString());
  await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}
