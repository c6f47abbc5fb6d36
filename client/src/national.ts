// The client side of national plan alignment: the commands the server's code
// lenses name (showNationalTask, coverageReport), the palette command that
// inserts every missing national task, and the status bar item showing which
// level, region and parent plan a work plan is checked against. All the
// analysis happens in the server; this only asks it and shows the answers.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import { errorText, t, type MessageKey } from './messages';
import {
  CONTEXT_REQUEST,
  COVERAGE_REPORT_COMMAND,
  COVERAGE_REPORT_REQUEST,
  INSERT_ALL_MISSING_COMMAND,
  INSERT_ALL_MISSING_TASKS_COMMAND,
  SELECT_NATIONAL_PLAN_COMMAND,
  SHOW_NATIONAL_COMMAND,
  type DocumentParams,
  type PlanContext,
} from '../../server/src/protocol';

export const LANGUAGE_ID = 'workplan';

/** Starts the client when needed; undefined when it could not start. */
export type ClientProvider = () => Promise<LanguageClient | undefined>;

interface LspPosition {
  line: number;
  character: number;
}

interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

/**
 * Coverage reports as read-only Markdown documents (`workplan-report:/<plan>.md?<plan uri>`):
 * unlike untitled documents they never ask to be saved, and asking again for
 * the same plan refreshes the open preview.
 */
const REPORT_SCHEME = 'workplan-report';

class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly reports = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }

  /** The report's uri for a plan, with the new content. */
  set(planUri: string, content: string): vscode.Uri {
    const name = basename(vscode.Uri.parse(planUri).path).replace(/(\.wp)?\.[^.]*$/, '') || 'plan';
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name} · ${t('report.name')}.md`, query: planUri });
    this.reports.set(uri.toString(), content);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerNationalCommands(getClient: ClientProvider): vscode.Disposable[] {
  const reports = new ReportDocuments();
  return [
    reports,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.commands.registerCommand(SHOW_NATIONAL_COMMAND, showNationalTask),
    vscode.commands.registerCommand(COVERAGE_REPORT_COMMAND, (arg?: unknown) => coverageReport(getClient, reports, arg)),
    vscode.commands.registerCommand(INSERT_ALL_MISSING_TASKS_COMMAND, (arg?: unknown) => insertAllMissingTasks(getClient, arg)),
  ];
}

function isLocation(value: unknown): value is LspLocation {
  const v = value as Partial<LspLocation> | undefined;
  return !!v && typeof v.uri === 'string' && !!v.range?.start && !!v.range.end;
}

/** Opens the national plan beside the draft with the task selected. */
async function showNationalTask(arg?: unknown): Promise<void> {
  const location = Array.isArray(arg) ? arg.find(isLocation) : isLocation(arg) ? arg : undefined;
  if (!location) {
    return;
  }
  const { start, end } = location.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  try {
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  } catch (err) {
    void vscode.window.showErrorMessage(t('show.failed', { error: errorText(err) }));
  }
}

/**
 * The work plan a command acts on: the uri string a code lens or the status
 * bar passes, the document an editor context menu passes, or the active
 * editor's. Undefined (with a message) when there is none.
 */
export function targetUri(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') {
    return arg;
  }
  let doc: vscode.TextDocument | undefined;
  if (arg instanceof vscode.Uri) {
    doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
  } else {
    doc = vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage(t('editor.none'));
      return undefined;
    }
  }
  if (doc?.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(t('editor.notPlan'));
    return undefined;
  }
  return doc.uri.toString();
}

/** Asks the server for the Markdown coverage table and previews it beside the draft (the Markdown text: the preview's “Open Source”). */
async function coverageReport(getClient: ClientProvider, reports: ReportDocuments, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  const client = uri ? await getClient() : undefined;
  if (!uri || !client) {
    return;
  }
  let report: string | null;
  try {
    report = await client.sendRequest<string | null>(COVERAGE_REPORT_REQUEST, { uri } satisfies DocumentParams);
  } catch (err) {
    void vscode.window.showErrorMessage(t('report.failed', { error: errorText(err) }));
    return;
  }
  if (!report) {
    void vscode.window.showInformationMessage(t('report.none'));
    return;
  }
  const reportUri = reports.set(uri, report);
  const doc = await vscode.workspace.openTextDocument(reportUri);
  if (doc.languageId !== 'markdown') {
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', reportUri);
  } catch {
    // Without the built-in Markdown extension, the Markdown text itself.
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

/** Runs the server's insert-all command on a work plan; the server applies the edit. */
async function insertAllMissingTasks(getClient: ClientProvider, arg: unknown): Promise<void> {
  const uri = targetUri(arg);
  const client = uri ? await getClient() : undefined;
  if (!uri || !client) {
    return;
  }
  try {
    // The server's command, registered by the language client under its id.
    await vscode.commands.executeCommand(INSERT_ALL_MISSING_COMMAND, uri);
  } catch (err) {
    void vscode.window.showErrorMessage(t('insertAll.failed', { error: errorText(err) }));
  }
}

const LEVEL_KEYS: Record<string, MessageKey> = {
  national: 'level.national',
  province: 'level.province',
  city: 'level.city',
  district: 'level.district',
  county: 'level.county',
  zone: 'level.zone',
};

const SOURCE_KEYS: Record<string, MessageKey> = {
  setting: 'source.setting',
  title: 'source.title',
  clauses: 'source.clauses',
  default: 'source.default',
};

/** 2020年全国打击侵犯知识产权和制售假冒伪劣商品工作要点 → 2020年全国…要点 */
function shortTitle(title: string): string {
  const chars = [...title.replace(/\s+/g, '')];
  return chars.length <= 12 ? chars.join('') : `${chars.slice(0, 7).join('')}…${chars.slice(-2).join('')}`;
}

/** How the server chose the parent plan: the setting, the draft's year, or the latest built-in plan. */
const CHOSEN_BY: Record<string, MessageKey> = {
  setting: 'status.chosenBySetting',
  year: 'status.chosenByYear',
  latest: 'status.chosenLatest',
};

/** What the checks of this document could not know: its level, or a parent plan of its year. */
function limitsOf(context: PlanContext): string[] {
  const limits: string[] = [];
  if (context.source === 'default') limits.push(t('status.limitLevel'));
  if (context.national?.source === 'latest') limits.push(context.year === undefined ? t('status.limitYear') : t('status.limitParent', { year: String(context.year) }));
  return limits;
}

/** Text from the document or the settings, shown literally in Markdown. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

/**
 * The status bar item of the active work plan: region · level · parent plan.
 * Shown only while a work plan editor is active; clicking it opens the
 * coverage report, and its tooltip links to the choice of the parent plan.
 */
export class PlanStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  /** Answers to older requests are dropped. */
  private generation = 0;

  constructor(private readonly getClient: ClientProvider) {
    // Right-aligned items with a higher priority sit further left. The editor's items are
    // Ln/Col 100.5, indentation 100.4, encoding 100.3, end of line 100.2, language mode 100.1:
    // 100.15 puts this one right next to the language mode, on its left.
    this.item = vscode.window.createStatusBarItem('workplan.context', vscode.StatusBarAlignment.Right, 100.15);
    this.item.name = '工作要点 Work Plan';
  }

  /** Refreshes soon: events come in bursts, and the server must have seen the document first. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 150);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId !== LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    const client = await this.getClient();
    let context: PlanContext | null = null;
    try {
      context = client ? await client.sendRequest<PlanContext | null>(CONTEXT_REQUEST, { uri: doc.uri.toString() } satisfies DocumentParams) : null;
    } catch {
      context = null;
    }
    if (generation !== this.generation) {
      return;
    }
    if (!context || vscode.window.activeTextEditor?.document !== doc) {
      this.item.hide();
      return;
    }
    this.show(doc, context);
  }

  private show(doc: vscode.TextDocument, context: PlanContext): void {
    const levelKey = LEVEL_KEYS[context.level];
    const level = levelKey ? t(levelKey) : context.level;
    const parts = [context.regionName ?? context.place, level].filter((p): p is string => !!p);
    if (context.national) {
      parts.push(shortTitle(context.national.title));
    } else if (context.level !== 'national') {
      parts.push(t('status.noParent'));
    }
    const limits = limitsOf(context);
    // What the checks could not know is shown once, here, rather than left to a silent fallback.
    this.item.text = `$(${limits.length > 0 ? 'warning' : 'library'}) ${parts.join(' · ')}`;

    const sourceKey = SOURCE_KEYS[context.source];
    const region = context.regionName ? `${context.regionName}${context.region ? `（${context.region}）` : ''}` : (context.place ?? t('status.regionNone'));
    const parent = context.national
      ? `${context.national.title}（${context.national.id}；${t(CHOSEN_BY[context.national.source])}）`
      : t(context.level === 'national' ? 'status.parentNone' : 'status.parentNoneLocal');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${t('status.tooltipTitle')}**\n\n`);
    tooltip.appendMarkdown(`- ${t('status.level')}：${escape(level)}\n`);
    tooltip.appendMarkdown(`- ${t('status.region')}：${escape(region)}\n`);
    tooltip.appendMarkdown(`- ${t('status.detected')}：${escape(sourceKey ? t(sourceKey) : context.source)}\n`);
    tooltip.appendMarkdown(`- ${t('status.parent')}：${escape(parent)}\n\n`);
    if (limits.length > 0) tooltip.appendMarkdown(`**${t('status.limits')}**\n\n${limits.map((l) => `- ${escape(l)}\n`).join('')}\n`);
    tooltip.appendMarkdown(`*${t('status.click')}*`);
    if (context.level !== 'national') {
      // The one command link of the tooltip; only it is enabled (no other command: links run).
      tooltip.appendMarkdown(`\n\n[${escape(t('status.selectPlan'))}](command:${SELECT_NATIONAL_PLAN_COMMAND})`);
      tooltip.isTrusted = { enabledCommands: [SELECT_NATIONAL_PLAN_COMMAND] };
    }
    this.item.tooltip = tooltip;
    this.item.command = { command: COVERAGE_REPORT_COMMAND, title: t('status.click'), arguments: [doc.uri.toString()] };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }
}
