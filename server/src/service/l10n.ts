/**
 * Locale handling for the service. Every user-facing string lives in one of
 * two tables: the rule table (diagnostic messages, `rules.ts`) and `MESSAGES`
 * below (quick-fix titles and other labels). Simplified Chinese is the first
 * language; English is used when the client's locale is not Chinese.
 */

export type Locale = 'zh-cn' | 'en';

export interface LocalizedText {
  'zh-cn': string;
  en: string;
}

export function resolveLocale(locale: string | undefined): Locale {
  return locale && /^zh/i.test(locale) ? 'zh-cn' : 'en';
}

export type MessageArgs = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, args: MessageArgs = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

export function localize(text: LocalizedText, locale: Locale, args?: MessageArgs): string {
  return format(text[locale], args);
}

export const MESSAGES = {
  'fix.marker': { 'zh-cn': '将序号改为{expected}', en: 'Change the marker to {expected}' },
  'fix.renumber': { 'zh-cn': '从此处起重新编排{levelName}序号', en: 'Renumber {levelName} markers from here on' },
  'fix.width': { 'zh-cn': '将全文{levelName}序号统一为{widthName}', en: 'Make every {levelName} marker {widthName}' },
  'fix.removePageMarker': { 'zh-cn': '删除页码标记“{actual}”', en: 'Remove the page marker “{actual}”' },
  'fix.joinLine': { 'zh-cn': '合并断行', en: 'Join the broken line' },
  'fix.joinAllLines': { 'zh-cn': '合并全文所有断行', en: 'Join every broken line in the document' },
  'fix.closeClause': { 'zh-cn': '补上右括号“）”', en: 'Close the clause with “）”' },
  'fix.all': { 'zh-cn': '修复全部可自动修复的问题', en: 'Fix all auto-fixable problems' },
  'level.1': { 'zh-cn': '一级', en: 'level-1' },
  'level.2': { 'zh-cn': '二级', en: 'level-2' },
  'level.3': { 'zh-cn': '三级', en: 'level-3' },
  'level.4': { 'zh-cn': '四级', en: 'level-4' },
  'width.full': { 'zh-cn': '全角', en: 'full-width' },
  'width.half': { 'zh-cn': '半角', en: 'half-width' },
  'convention.continuous': { 'zh-cn': '全文连续编号', en: 'runs on through the whole plan' },
  'convention.restart': { 'zh-cn': '在每一部分内重新编号', en: 'restarts in every section' },
  'place.documentStart': { 'zh-cn': '正文开头', en: 'the start of the plan' },
  'symbol.notice': { 'zh-cn': '印发通知', en: 'Issuing notice' },
  'symbol.preamble': { 'zh-cn': '导语', en: 'Preamble' },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, locale: Locale, args?: MessageArgs): string {
  return localize(MESSAGES[key], locale, args);
}
