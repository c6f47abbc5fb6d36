// Client commands on the whole work plan: export its 任务分解表 (task
// breakdown table) as CSV, an Excel workbook, a Word table or Markdown, the
// plan itself as a 公文-format Word document, and renumber every level.
// The server computes them; this asks for the text or the file's bytes, or
// runs the server's command, and saves or shows the result.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import { errorText, t } from './messages';
import { targetUri, type ClientProvider } from './national';
import {
  EXPORT_DOCUMENT_REQUEST,
  EXPORT_OFFICIAL_DOCX_COMMAND,
  EXPORT_TASK_BREAKDOWN_COMMAND,
  RENUMBER_COMMAND,
  RENUMBER_DOCUMENT_COMMAND,
  TASK_BREAKDOWN_REQUEST,
  type ExportDocumentParams,
  type ExportDocumentResult,
  type TaskBreakdownParams,
} from '../../server/src/protocol';
import type { MessageKey } from './messageTable';

type BinaryFormat = ExportDocumentParams['format'];
type BreakdownFormat = NonNullable<TaskBreakdownParams['format']> | Exclude<BinaryFormat, 'docx'>;

/** How each saved export is named beside the plan (the plans and the table are Chinese) and filtered in the save dialog. */
const SAVED: Record<'csv' | BinaryFormat, { suffix: string; extension: string; filter: MessageKey }> = {
  csv: { suffix: '-任务分解表', extension: 'csv', filter: 'breakdown.csvFilter' },
  xlsx: { suffix: '-任务分解表', extension: 'xlsx', filter: 'breakdown.xlsxFilter' },
  'table-docx': { suffix: '-任务分解表', extension: 'docx', filter: 'breakdown.docxFilter' },
  // Not the plan's own name: a plan opened from 要点.docx must not be offered its original to write over.
  docx: { suffix: '（公文格式）', extension: 'docx', filter: 'breakdown.docxFilter' },
};

export function registerDocumentCommands(getClient: ClientProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(EXPORT_TASK_BREAKDOWN_COMMAND, (arg?: unknown) => exportTaskBreakdown(getClient, arg)),
    vscode.commands.registerCommand(EXPORT_OFFICIAL_DOCX_COMMAND, (arg?: unknown) => exportOfficialDocx(getClient, arg)),
    vscode.commands.registerCommand(RENUMBER_DOCUMENT_COMMAND, (arg?: unknown) => renumberDocument(getClient, arg)),
  ];
}

/** Asks for the format, then for the table, and saves (CSV, Excel, Word) or shows (Markdown) it. */
async function exportTaskBreakdown(getClient: ClientProvider, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  if (!uri) {
    return;
  }
  const items: (vscode.QuickPickItem & { format: BreakdownFormat })[] = [
    { label: t('breakdown.xlsx'), detail: t('breakdown.xlsxDetail'), format: 'xlsx' },
    { label: t('breakdown.csv'), detail: t('breakdown.csvDetail'), format: 'csv' },
    { label: t('breakdown.docx'), detail: t('breakdown.docxDetail'), format: 'table-docx' },
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
  if (picked.format !== 'csv' && picked.format !== 'markdown') {
    await exportBinary(client, uri, picked.format, 'breakdown.failed');
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
    // BOM and CRLF included, as the server made it.
    await saveBeside(vscode.Uri.parse(uri), Buffer.from(text, 'utf8'), 'csv');
  } else {
    await showMarkdown(text);
  }
}

/** The plan as a Word document laid out as GB/T 9704 lays out an official document, saved where the user chooses. */
async function exportOfficialDocx(getClient: ClientProvider, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  const client = uri ? await getClient() : undefined;
  if (!uri || !client) {
    return;
  }
  await exportBinary(client, uri, 'docx', 'officialDocx.failed');
}

/** Asks the server for the file's bytes and saves them. */
async function exportBinary(
  client: NonNullable<Awaited<ReturnType<ClientProvider>>>,
  uri: string,
  format: BinaryFormat,
  failed: MessageKey,
): Promise<void> {
  let result: ExportDocumentResult | null;
  try {
    result = await client.sendRequest<ExportDocumentResult | null>(EXPORT_DOCUMENT_REQUEST, { uri, format } satisfies ExportDocumentParams);
  } catch (err) {
    void vscode.window.showErrorMessage(t(failed, { error: errorText(err) }));
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage(t('breakdown.none'));
    return;
  }
  await saveBeside(vscode.Uri.parse(uri), Buffer.from(result.data, 'base64'), format);
}

/** The plan's file name without its extension (`2021年工作要点.txt` → `2021年工作要点`). */
function baseName(planUri: vscode.Uri): string {
  return posix.basename(planUri.path).replace(/(\.wp)?\.[^.]*$/, '') || 'plan';
}

/** Next to the plan; for an untitled plan, in the first workspace folder or the home directory. */
function defaultUri(planUri: vscode.Uri, format: keyof typeof SAVED): vscode.Uri {
  const name = `${baseName(planUri)}${SAVED[format].suffix}.${SAVED[format].extension}`;
  if (planUri.scheme === 'untitled') {
    // An untitled plan opened from a Word or PDF file carries that file's folder in its path.
    const folder = posix.isAbsolute(planUri.path)
      ? vscode.Uri.file(posix.dirname(planUri.path))
      : (vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()));
    return vscode.Uri.joinPath(folder, name);
  }
  return planUri.with({ path: posix.join(posix.dirname(planUri.path), name), query: '', fragment: '' });
}

/** Saves an export where the user chooses, offered beside the plan, and offers to open it. */
async function saveBeside(planUri: vscode.Uri, bytes: Uint8Array, format: keyof typeof SAVED): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultUri(planUri, format),
    filters: { [t(SAVED[format].filter)]: [SAVED[format].extension] },
    title: t(format === 'docx' ? 'officialDocx.saveTitle' : 'breakdown.saveTitle'),
  });
  if (!target) {
    return;
  }
  const file = posix.basename(target.path);
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (err) {
    void vscode.window.showErrorMessage(t('breakdown.writeFailed', { error: errorText(err), file }));
    return;
  }
  const open = t('breakdown.open');
  const answer = await vscode.window.showInformationMessage(t(format === 'docx' ? 'officialDocx.saved' : 'breakdown.saved', { file }), open);
  if (answer === open) {
    try {
      // Word and Excel files open in the system's application; VS Code opens only text.
      const opened = format === 'csv' ? await vscode.commands.executeCommand('vscode.open', target) : await vscode.env.openExternal(target);
      if (opened === false) throw new Error(file);
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
