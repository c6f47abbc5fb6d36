// Every string the client shows, in Chinese and English, in one table. The
// language follows VS Code's display language (Chinese for zh-*, English
// otherwise), like the server's messages.
import * as vscode from 'vscode';

const MESSAGES = {
  'start.failed': { zh: '工作要点语言服务器启动失败：{error}', en: 'Work Plan language server failed to start: {error}' },
  'editor.none': { zh: '没有打开的编辑器。', en: 'No active editor.' },
  'editor.notPlan': { zh: '请先打开一份工作要点（语言为“工作要点”的文档）。', en: 'Open a work plan first (a document in the Work Plan language).' },
  'report.none': {
    zh: '本文档没有适用的上级工作要点，无法生成全国任务对照表（例如本文档本身就是全国工作要点）。',
    en: 'No parent plan applies to this document, so there is no coverage report (for example, the document is itself a national plan).',
  },
  'report.name': { zh: '全国任务对照表', en: 'National Task Coverage' },
  'report.failed': { zh: '无法生成全国任务对照表：{error}', en: 'Could not produce the coverage report: {error}' },
  'show.failed': { zh: '无法打开全国任务：{error}', en: 'Could not open the national task: {error}' },
  'insertAll.failed': { zh: '补充缺失的全国任务失败：{error}', en: 'Inserting the missing national tasks failed: {error}' },
  'level.national': { zh: '全国', en: 'National' },
  'level.province': { zh: '省级', en: 'Province' },
  'level.city': { zh: '市级', en: 'City' },
  'level.district': { zh: '区级', en: 'District' },
  'level.county': { zh: '县级', en: 'County' },
  'level.zone': { zh: '示范区（功能区）', en: 'Zone' },
  'source.setting': { zh: '设置（workplan.level / workplan.region）', en: 'settings (workplan.level / workplan.region)' },
  'source.title': { zh: '标题、通知标题、发文机关或文号', en: 'the title, notice title, issuer or document number' },
  'source.clauses': { zh: '责任分工中的单位', en: 'the units named in the responsibility clauses' },
  'source.default': { zh: '未能识别，按市级处理', en: 'not recognised; checked as a city plan' },
  'status.noParent': { zh: '无上级工作要点', en: 'no parent plan' },
  'status.tooltipTitle': { zh: '工作要点 · 本文档', en: 'Work Plan · this document' },
  'status.level': { zh: '级别', en: 'Level' },
  'status.region': { zh: '地区', en: 'Region' },
  'status.regionNone': { zh: '无地区预设', en: 'no region preset' },
  'status.detected': { zh: '识别依据', en: 'Detected from' },
  'status.parent': { zh: '对照的上级工作要点', en: 'Aligned with' },
  'status.parentNone': {
    zh: '无（全国工作要点不与上级对照）',
    en: 'none (a national plan is not aligned with a parent)',
  },
  'status.parentNoneLocal': { zh: '无（没有可用的上级工作要点）', en: 'none (no parent plan is available)' },
  'status.chosenBySetting': { zh: '由设置 workplan.nationalPlan 指定', en: 'set by workplan.nationalPlan' },
  'status.chosenByYear': { zh: '与本文档标题中的年份一致', en: 'the year in this document’s title' },
  'status.chosenLatest': { zh: '最新的内置全国工作要点', en: 'the latest built-in national plan' },
  'status.click': { zh: '点击查看全国任务对照表', en: 'Click for the national task coverage report' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** True when VS Code's display language is Chinese. */
export function isChinese(): boolean {
  return vscode.env.language.toLowerCase().startsWith('zh');
}

/** The message in the display language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, args: Record<string, string | number> = {}): string {
  const entry = MESSAGES[key];
  const text: string = isChinese() ? entry.zh : entry.en;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** The message of an error of any kind. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
