import { message, localize, type Locale, type MessageArgs } from '../l10n';
import { effectiveSeverity, RULES_BY_CODE, type Rule, type RuleCode } from '../rules';
import type { Level } from '../syntax/markers';
import type { PlanDocument } from '../syntax/model';
import type { Diagnostic, Position, TextEdit } from '../types';
import type { FixArgs, FixKind, Problem, RuleArgs } from '../checks/problem';

export const DIAGNOSTIC_SOURCE = 'workplan';

/** What a diagnostic carries for its code actions, so they need not re-run the checks. */
export interface DiagnosticData {
  /** The document version the fixes were computed for; they are not offered on any other. */
  version: number;
  fixes?: Array<{ kind: FixKind; edit: TextEdit; more?: TextEdit[]; args?: FixArgs[FixKind] }>;
  /** `at`: the marker to renumber from, when it is not the diagnostic's own (the first of a swapped pair). */
  renumber?: { level: Level; from: number; at?: Position };
  width?: { level: Level };
  /** agency.unknown: the closest registered names, best first. */
  suggestions?: string[];
  /** agency.unknown: what the “add to the workspace registry” fix adds. */
  addToRegistry?: { name: string; level: string; region?: string };
}

/**
 * The words each rule's message is written with beyond its arguments as
 * they are: level, convention and width names, the reason and the hint, in
 * the locale. Passed beside the arguments rather than merged into a copy.
 */
const WORDS: { [C in RuleCode]?: (args: RuleArgs[C], locale: Locale) => MessageArgs } = {
  'numbering.width': (a, locale) => ({ levelName: levelName(a.level, locale), widthName: message(`width.${a.width}`, locale) }),
  'numbering.convention': (a, locale) => ({ levelName: levelName(a.level, locale), conventionName: message(`convention.${a.convention}`, locale) }),
  'numbering.level': (a, locale) => ({ parent: a.parent ?? message('place.documentStart', locale), missingLevel: levelName(a.missingLevel, locale) }),
  'clause.malformed': (a, locale) => ({ detail: message(`clause.${a.reason}`, locale, a) }),
  'coverage.missing': (a, locale) => ({ hint: a.otherYear ? message('hint.otherYear', locale, a.otherYear) : '' }),
  'coverage.other-year': (a, locale) =>
    a.draftYear === undefined
      ? { yearText: message('year.none', locale), yearPlan: message('year.noneParent', locale) }
      : { yearText: message('year.of', locale, { year: a.draftYear }), yearPlan: message('year.ofParent', locale, { year: a.draftYear }) },
  'agency.unknown': (a, locale) => ({ hint: a.suggestion ? message('hint.suggestion', locale, { expected: a.suggestion }) : message('hint.noSuggestion', locale) }),
  'agency.dissolved': (a, locale) => ({ hint: a.expected ? message('hint.expected', locale, { expected: a.expected }) : message('hint.successor', locale) }),
  'agency.national-in-local': (a, locale) => ({ hint: a.counterpart ? message('hint.counterpart', locale, { expected: a.counterpart }) : message('hint.noCounterpart', locale) }),
  'agency.level': (a, locale) => ({
    reason: message(`reason.${a.reason}`, locale, { levelName: message(`levelId.${a.level}`, locale) }),
    hint: a.expected ? message('hint.expected', locale, { expected: a.expected }) : '',
  }),
};

export function levelName(level: Level, locale: Locale): string {
  return message(`level.${level}`, locale);
}

/** A problem's message in the locale: its rule's template filled from its arguments and their words. */
function problemMessage<C extends RuleCode>(rule: Rule, problem: Problem<C>, locale: Locale): string {
  const words = WORDS[problem.code] as ((args: RuleArgs[C], locale: Locale) => MessageArgs) | undefined;
  return localize(rule.message, locale, problem.args as unknown as MessageArgs, words?.(problem.args, locale));
}

/**
 * The one diagnostic of a document too large to read (`length` characters
 * over the `limit`), on its first line, or none when the rule is off.
 */
export function tooLargeDiagnostics(text: string, version: number, limit: number, locale: Locale, severities: Readonly<Record<string, unknown>> | undefined): Diagnostic[] {
  const rule = RULES_BY_CODE.get('document.too-large')!;
  const severity = effectiveSeverity(rule, severities);
  if (severity === undefined) return [];
  const firstLine = /^[^\r\n]{0,200}/.exec(text)![0].length;
  const count = (n: number) => n.toLocaleString('en-US');
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine } },
    severity,
    code: rule.code,
    source: DIAGNOSTIC_SOURCE,
    message: localize(rule.message, locale, { size: count(text.length), limit: count(limit) }),
    data: { version } satisfies DiagnosticData,
  }];
}

export function toDiagnostics(
  doc: PlanDocument,
  version: number,
  problems: Problem[],
  locale: Locale,
  severities: Readonly<Record<string, unknown>> | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sorted = [...problems].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const p of sorted) {
    const rule = RULES_BY_CODE.get(p.code)!;
    const severity = effectiveSeverity(rule, severities);
    if (severity === undefined) continue;
    const data: DiagnosticData = { version };
    if (p.fixes.length > 0) {
      data.fixes = p.fixes.map((f) => ({
        kind: f.kind,
        edit: { range: doc.lines.range(f.start, f.end), newText: f.newText },
        more: f.more?.map((e) => ({ range: doc.lines.range(e.start, e.end), newText: e.newText })),
        args: f.args,
      }));
    }
    if (p.renumber) {
      const { level, from, at } = p.renumber;
      data.renumber = at === undefined ? { level, from } : { level, from, at: doc.lines.positionAt(at) };
    }
    if (p.widthLevel) data.width = { level: p.widthLevel };
    if (p.data) Object.assign(data, p.data);
    diagnostics.push({
      range: doc.lines.range(p.start, p.end),
      severity,
      code: p.code,
      source: DIAGNOSTIC_SOURCE,
      message: problemMessage(rule, p, locale),
      data,
    });
  }
  return diagnostics;
}
