// Choosing the parent plan (上级工作要点) the work plans are aligned with: a
// QuickPick of automatic choice, the plans the server knows (built-in ones and
// the one the setting names) and a file of the user's, written to the setting
// `workplan.nationalPlan`. The server re-reads its settings on the change.
import * as vscode from 'vscode';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { errorText, t } from './messages';
import type { ClientProvider } from './national';
import { NATIONAL_PLANS_REQUEST, SELECT_NATIONAL_PLAN_COMMAND, type NationalPlanInfo, type NationalPlans } from '../../server/src/protocol';

/** A choice of the QuickPick: the setting's new value, or a file to choose. */
type PlanItem = vscode.QuickPickItem & { choice: { kind: 'auto' } | { kind: 'plan'; plan: NationalPlanInfo } | { kind: 'file' } };

export function registerPlanSelection(getClient: ClientProvider): vscode.Disposable[] {
  return [vscode.commands.registerCommand(SELECT_NATIONAL_PLAN_COMMAND, () => selectNationalPlan(getClient))];
}

/** The folder the server resolves relative plan paths from: the first workspace folder, when it is on disk. */
function baseFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder?.scheme === 'file' ? folder.fsPath : undefined;
}

/** Whether the setting names this plan: its id, or its path (relative to the workspace folder or absolute). */
function isCurrent(plan: NationalPlanInfo, setting: string | undefined): boolean {
  if (!setting) {
    return false;
  }
  if (setting === plan.id) {
    return true;
  }
  if (!plan.path) {
    return false;
  }
  const base = baseFolder();
  const path = isAbsolute(setting) || !base ? setting : resolve(base, setting);
  return resolve(path) === resolve(plan.path);
}

/** A plan file as the setting stores it: relative to the workspace folder when inside it, else absolute. */
function settingPath(file: string): string {
  const base = baseFolder();
  if (base) {
    const rel = relative(base, file);
    if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) {
      // Forward slashes: the setting then reads the same on every platform (Node accepts them on Windows).
      return rel.split(sep).join('/');
    }
  }
  return file;
}

async function selectNationalPlan(getClient: ClientProvider): Promise<void> {
  const client = await getClient();
  if (!client) {
    return;
  }
  let answer: NationalPlans | null;
  try {
    answer = await client.sendRequest<NationalPlans | null>(NATIONAL_PLANS_REQUEST, {});
  } catch (err) {
    void vscode.window.showErrorMessage(t('plans.failed', { error: errorText(err) }));
    return;
  }
  if (!answer || !Array.isArray(answer.plans)) {
    void vscode.window.showErrorMessage(t('plans.none'));
    return;
  }
  const setting = answer.setting?.trim() || undefined;
  const current = t('plans.current');
  const items: PlanItem[] = [
    {
      label: t('plans.auto'),
      description: setting ? undefined : current,
      detail: t('plans.autoDetail'),
      choice: { kind: 'auto' },
    },
    ...answer.plans.map(
      (plan): PlanItem => ({
        label: plan.title || plan.id,
        description: isCurrent(plan, setting) ? `${plan.id} · ${current}` : plan.id,
        detail: plan.builtin ? t('plans.builtin') : plan.path,
        choice: { kind: 'plan', plan },
      }),
    ),
    { label: t('plans.chooseFile'), detail: t('plans.chooseFileDetail'), choice: { kind: 'file' } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: t('plans.placeholder'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) {
    return;
  }

  let value: string;
  let name: string;
  const choice = picked.choice;
  if (choice.kind === 'auto') {
    value = '';
    name = '';
  } else if (choice.kind === 'plan') {
    value = choice.plan.builtin || !choice.plan.path ? choice.plan.id : settingPath(choice.plan.path);
    name = choice.plan.title || choice.plan.id;
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const files = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      defaultUri: folder,
      filters: { [t('plans.fileFilter')]: ['txt'] },
      openLabel: t('plans.openLabel'),
      title: t('plans.placeholder'),
    });
    const file = files?.[0];
    if (!file) {
      return;
    }
    if (file.scheme !== 'file') {
      // The server reads the parent plan from disk.
      void vscode.window.showErrorMessage(t('plans.notOnDisk', { file: file.toString(true) }));
      return;
    }
    value = settingPath(file.fsPath);
    name = posix.basename(file.path);
  }

  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  try {
    await vscode.workspace.getConfiguration('workplan').update('nationalPlan', value, target);
  } catch (err) {
    void vscode.window.showErrorMessage(t('plans.updateFailed', { error: errorText(err) }));
    return;
  }
  const chosen = value === '' ? t('plans.chosenAuto') : t('plans.chosen', { plan: name });
  // The server ignores the setting in an untrusted workspace (it may name a file of the workspace).
  void vscode.window.showInformationMessage(vscode.workspace.isTrusted || value === '' ? chosen : `${chosen} ${t('plans.untrusted')}`);
}
