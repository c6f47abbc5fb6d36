import { DiagnosticSeverity } from './types';
import type { LocalizedText } from './l10n';

/**
 * The rule table: every diagnostic the service can report, with its stable
 * code, default severity and message. Messages name the expected value.
 * Severities can be overridden (or a rule turned off) per code by settings.
 */

export interface Rule {
  code: string;
  severity: DiagnosticSeverity;
  message: LocalizedText;
}

function rule<C extends string>(code: C, severity: DiagnosticSeverity, zh: string, en: string): Rule & { code: C } {
  return { code, severity, message: { 'zh-cn': zh, en } };
}

const { Error, Warning, Information } = DiagnosticSeverity;

export const RULES = [
  rule('numbering.gap', Error,
    '序号不连续：缺少{missing}，此处应为{expected}',
    'Numbering gap: {missing} is missing; expected {expected} here'),
  rule('numbering.duplicate', Error,
    '序号重复：{actual}与上一项相同，应为{expected}',
    'Duplicate number: {actual} repeats the previous item; expected {expected}'),
  rule('numbering.order', Error,
    '序号顺序错误：此处为{actual}，应为{expected}',
    'Numbering out of order: found {actual}, expected {expected}'),
  rule('numbering.level', Error,
    '层级跳跃：{actual}直接出现在{parent}之下，缺少{missingLevel}标题；应先有{expected}',
    'Level skipped: {actual} comes directly under {parent} without a {missingLevel} heading; expected {expected} first'),
  rule('numbering.punctuation', Warning,
    '序号标点不规范：{actual}应为{expected}',
    'Marker punctuation: {actual} should be {expected}'),
  rule('numbering.width', Warning,
    '序号全角半角混用：本文档{levelName}序号为{widthName}，{actual}应为{expected}',
    'Mixed marker width: this document writes {levelName} markers {widthName}; {actual} should be {expected}'),
  rule('numbering.enclosed', Warning,
    '序号“{actual}”是一个带括号的单字符（Word 自动编号所致）：应为{expected}',
    'Marker “{actual}” is one enclosed character (as Word numbering writes it); expected {expected}'),
  rule('numbering.convention', Error,
    '编号方式不一致：本文档{levelName}序号{conventionName}，此处应为{expected}',
    'Inconsistent numbering: in this document {levelName} numbering {conventionName}; expected {expected} here'),
  rule('text.page-marker', Warning,
    '页码标记“{actual}”随粘贴带入正文，应删除',
    'Page marker “{actual}” was pasted into the text; expected no page marker'),
  rule('text.broken-line', Warning,
    '句中断行：“{before}”与下一行“{after}”本是一句，应合并为一行',
    'Hard line break inside a sentence: “{before}” continues on the next line with “{after}”; expected one line'),
  rule('clause.malformed', Error,
    '责任分工格式有误：{detail}',
    'Malformed responsibility clause: {detail}'),
  rule('clause.missing', Warning,
    '“{item}”没有责任分工：应注明牵头或负责单位',
    '“{item}” has no responsibility clause: expected the units that lead or carry it out'),
  rule('coverage.missing', Information,
    '全国任务{number}“{title}”在本文档中没有对应事项：可在此处补充为{expected}{hint}',
    'National task {number} “{title}” has no counterpart in this plan: expected it here as {expected}{hint}'),
  rule('coverage.other-year', Information,
    '本文档{yearText}，没有同年的上级工作要点，已改与《{plan}》对照，未逐项提示缺失任务（{covered}/{total} 项全国任务有对应事项）：应在设置 workplan.nationalPlan 或命令行 --national 中指定{yearPlan}上级工作要点',
    'Not compared task by task: this plan {yearText} and no parent plan of {yearPlan} is available, so it is compared with “{plan}” ({covered} of {total} national tasks have a counterpart); expected the parent plan of {yearPlan} in the setting workplan.nationalPlan or with --national'),
  rule('coverage.no-parent', Information,
    '本文档是“{topic}”方面的工作要点，没有同类的上级工作要点可对照，未检查对上级任务的覆盖：如有，应在设置 workplan.nationalPlan 或命令行 --national 中指定上级工作要点',
    'This plan is about “{topic}” and no parent plan of that kind is available, so its coverage of a parent’s tasks is not checked; expected the parent plan in the setting workplan.nationalPlan or with --national, if there is one'),
  rule('agency.unknown', Warning,
    '未登记的单位“{unit}”{hint}',
    'Unknown unit “{unit}”{hint}'),
  rule('agency.duplicate', Warning,
    '单位“{unit}”在同一责任分工中重复出现：应只列一次',
    'Unit “{unit}” appears twice in one clause: expected it once'),
  rule('agency.dissolved', Warning,
    '“{unit}”是{until}年机构改革前的单位名称，本文档的年份已不再使用{hint}',
    '“{unit}” is a name from before the {until} reform of government agencies, no longer in use in the year of this plan{hint}'),
  rule('agency.national-in-local', Warning,
    '地方工作要点中出现国家部门“{unit}”{hint}',
    'National agency “{unit}” in a local plan{hint}'),
  rule('agency.level', Warning,
    '单位“{unit}”{reason}{hint}',
    'Unit “{unit}” {reason}{hint}'),
  rule('document.too-large', Warning,
    '文档过大（{size} 个字符，超过上限 {limit} 个字符），已停止检查：应拆分为不超过 {limit} 个字符的文档',
    'Document too large ({size} characters, over the limit of {limit}): checking stopped; expected at most {limit} characters, so split the document'),
] as const satisfies readonly Rule[];

export type RuleCode = (typeof RULES)[number]['code'];

export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

const SEVERITY_SETTINGS: Record<SeveritySetting, DiagnosticSeverity | undefined> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
  off: undefined,
};

/**
 * The severity a rule reports at under the given overrides, or undefined when
 * it is turned off: the rule's own code first, then its group (`text.*`).
 * Unknown setting values fall back to the default.
 */
export function effectiveSeverity(rule: Rule, overrides: Readonly<Record<string, unknown>> | undefined): DiagnosticSeverity | undefined {
  if (!overrides) return rule.severity;
  for (const key of [rule.code, `${rule.code.split('.')[0]}.*`]) {
    const setting = overrides[key];
    if (typeof setting === 'string' && setting in SEVERITY_SETTINGS) return SEVERITY_SETTINGS[setting as SeveritySetting];
  }
  return rule.severity;
}
