// Client commands on the whole work plan: export its 任务分解表 (task
// breakdown table) as CSV for Excel or as Markdown, and renumber every level.
// The server computes both; this asks for the text or runs the server's
// command, and saves or shows the result.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { errorText, t } from './messages';
import { targetUri, type ClientProvider } from './national';
import { EXPORT_TASK_BREAKDOWN_COMMAND, RENUMBER_COMMAND, RENUMBER_DOCUMENT_COMMAND, TASK_BREAKDOWN_REQUEST, type TaskBreakdownParams } from '../../server/src/protocol';

/** Appended to the plan's base name for the default CSV file name (the plans and the table are Chinese). */
const CSV_FILE_SUFFIX = '-任务分解表.csv';

type BreakdownFormat = NonNullable<TaskBreakdownParams['format']>;

export function registerDocumentCommands(getClient: ClientProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(EXPORT_TASK_BREAKDOWN_COMMAND, (arg?: unknown) => exportTaskBreakdown(getClient, arg)),
    vscode.commands.registerCommand(RENUMBER_DOCUMENT_COMMAND, (arg?: unknown) => renumberDocument(getClient, arg)),
  ];
}

/** Asks for the format, then for the table's text, and saves (CSV) or shows (Markdown) it. */
async function exportTaskBreakdown(getClient: ClientProvider, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) {
    return;
  }
  const items: (vscode.QuickPickItem & { format: BreakdownFormat })[] = [
    { label: t('breakdown.csv'), detail: t('breakdown.csvDetail'), format: 'csv' },
    { label: t('breakdown.markdown'), detail: t('breakdown.markdownDetail'), format: 'markdown' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t('breakdown.pickFormat') });
  if (!picked) {
    return;
  }
  const client = await getClient();
  if (!client) {
    return;
  }
  let text: string | null;
  try {
    text = await client.sendRequest<string | null>(TASK_BREAKDOWN_REQUEST, { uri, format: picked.format } satisfies TaskBreakdownParams);
  } catch (err) {
    void vscode.window.showErrorMessage(t('breakdown.failed', { error: errorText(err) }));
    return;
  }
  if (typeof text !== 'string') {
    void vscode.window.showInformationMessage(t('breakdown.none'));
    return;
  }
  if (picked.format === 'csv') {
    await saveCsv(vscode.Uri.parse(uri), text);
  } else {
    await showMarkdown(text);
  }
}

/** The plan's file name without its extension (`2021年工作要点.txt` → `2021年工作要点`). */
function baseName(planUri: vscode.Uri): string {
  return posix.basename(planUri.path).replace(/(\.wp)?\.[^.]*$/, '') || 'plan';
}

/** Next to the plan; for an untitled plan, in the first workspace folder or the home directory. */
function defaultCsvUri(planUri: vscode.Uri): vscode.Uri {
  const name = `${baseName(planUri)}${CSV_FILE_SUFFIX}`;
  if (planUri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    return vscode.Uri.joinPath(folder, name);
  }
  return planUri.with({ path: posix.join(posix.dirname(planUri.path), name), query: '', fragment: '' });
}

/** Saves the CSV text (BOM and CRLF included, as the server made it) where the user chooses. */
async function saveCsv(planUri: vscode.Uri, text: string): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultCsvUri(planUri),
    filters: { [t('breakdown.csvFilter')]: ['csv'] },
    title: t('breakdown.saveTitle'),
  });
  if (!target) {
    return;
  }
  const file = posix.basename(target.path);
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  } catch (err) {
    void vscode.window.showErrorMessage(t('breakdown.writeFailed', { error: errorText(err), file }));
    return;
  }
  const open = t('breakdown.open');
  const answer = await vscode.window.showInformationMessage(t('breakdown.saved', { file }), open);
  if (answer === open) {
    try {
      await vscode.commands.executeCommand('vscode.open', target);
    } catch (err) {
      void vscode.window.showErrorMessage(t('breakdown.openFailed', { error: errorText(err), file }));
    }
  }
}

/** Opens the Markdown table as an untitled document beside the plan, and offers its preview. */
async function showMarkdown(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const preview = t('breakdown.preview');
  const answer = await vscode.window.showInformationMessage(t('breakdown.markdownOpened'), preview);
  if (answer === preview) {
    try {
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    } catch {
      // Without the built-in Markdown extension there is no preview; the Markdown text is open.
    }
  }
}

/**
 * Runs the server's renumber command on a work plan. The request goes to the
 * server directly: the client command has the same id, so it is not run
 * through vscode.commands. The server applies the edit (one undo step) or
 * says there is nothing to renumber.
 */
async function renumberDocument(getClient: ClientProvider, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  const client = uri ? await getClient() : undefined;
  if (!uri || !client) {
    return;
  }
  try {
    // Already loaded by the running client: this costs nothing, and keeps the library out of activation.
    const { ExecuteCommandRequest } = await import('vscode-languageclient/node');
    await client.sendRequest(ExecuteCommandRequest.type, { command: RENUMBER_COMMAND, arguments: [uri] });
  } catch (err) {
    void vscode.window.showErrorMessage(t('renumber.failed', { error: errorText(err) }));
  }
}
