// Opening a Word or PDF file as a work plan: the server reads the file (as
// the CLI does) and returns its text, which opens as an untitled work plan
// named after the file, beside it. Saving it writes a text file there; the
// Word or PDF file itself is never written.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import { errorText, t } from './messages';
import { LANGUAGE_ID, type ClientProvider } from './national';
import { READ_OFFICE_DOCUMENT_REQUEST, OPEN_OFFICE_DOCUMENT_COMMAND, type DocumentParams, type OfficeDocumentResult } from '../../server/src/protocol';

export function registerOfficeDocuments(getClient: ClientProvider): vscode.Disposable[] {
  return [vscode.commands.registerCommand(OPEN_OFFICE_DOCUMENT_COMMAND, (arg?: unknown) => openOfficeDocument(getClient, arg))];
}

/** The file of the explorer's context menu, or the one the user picks. */
async function officeFile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [t('office.filter')]: ['docx', 'doc', 'pdf'] },
    title: t('office.openTitle'),
  });
  return picked?.[0];
}

async function openOfficeDocument(getClient: ClientProvider, arg: unknown): Promise<void> {
  const file = await officeFile(arg);
  const client = file ? await getClient() : undefined;
  if (!file || !client) {
    return;
  }
  const name = posix.basename(file.path);
  let result: OfficeDocumentResult;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('office.reading', { file: name }) }, () =>
      client.sendRequest<OfficeDocumentResult>(READ_OFFICE_DOCUMENT_REQUEST, { uri: file.toString() } satisfies DocumentParams),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(t('office.failed', { file: name, error: errorText(err) }));
    return;
  }
  if ('error' in result) {
    void vscode.window.showErrorMessage(result.error);
    return;
  }
  const document = await vscode.workspace.openTextDocument(await untitledBeside(file));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), result.text);
  await vscode.workspace.applyEdit(edit);
  const plan = document.languageId === LANGUAGE_ID ? document : await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  await vscode.window.showTextDocument(plan, { preview: false });
  if (result.notes.length > 0) {
    void vscode.window.showInformationMessage(t('office.opened', { file: name, notes: result.notes.join('；') }));
  }
}

/**
 * An untitled document named after the file (要点.docx → 要点.wp.txt) in its
 * folder, under a name that is neither a file there nor an open document,
 * so that opening the same file again never overwrites what was edited.
 */
async function untitledBeside(file: vscode.Uri): Promise<vscode.Uri> {
  const base = file.path.replace(/\.[^./]*$/, '');
  for (let n = 1; ; n++) {
    const path = `${base}${n === 1 ? '' : ` (${n})`}.wp.txt`;
    const open = vscode.workspace.textDocuments.some((d) => d.uri.path === path);
    if (!open && !(await exists(file.with({ path })))) {
      return vscode.Uri.from({ scheme: 'untitled', path });
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
