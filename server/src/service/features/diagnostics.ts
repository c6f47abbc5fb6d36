import { message, localize, MESSAGES, type Locale, type MessageArgs, type MessageKey } from '../l10n';
import { effectiveSeverity, RULES_BY_CODE } from '../rules';
import type { Level } from '../syntax/markers';
import type { PlanDocument } from '../syntax/model';
import type { Diagnostic, Position, TextEdit } from '../types';
import type { FixKind, Problem } from '../checks/problem';

export const DIAGNOSTIC_SOURCE = 'workplan';

/** What a diagnostic carries for its code actions, so they need not re-run the checks. */
export interface DiagnosticData {
  /** The document version the fixes were computed for; they are not offered on any other. */
  version: number;
  fixes?: Array<{ kind: FixKind; edit: TextEdit; more?: TextEdit[]; args?: MessageArgs }>;
  /** `at`: the marker to renumber from, when it is not the diagnostic's own (the first of a swapped pair). */
  renumber?: { level: Level; from: number; at?: Position };
  width?: { level: Level };
  /** agency.unknown: the closest registered names, best first. */
  suggestions?: string[];
  /** agency.unknown: what the “add to the workspace registry” fix adds. */
  addToRegistry?: { name: string; level: string; region?: string };
}

/**
 * The words the arguments stand for (level names, conventions …), beside the
 * arguments rather than in a copy of them: copying each diagnostic's
 * arguments, of a different shape per rule, cost more than formatting them.
 */
function localizeArgs(args: MessageArgs, locale: Locale): MessageArgs {
  const out: MessageArgs = {};
  if (args.level !== undefined) out.levelName = message(`level.${args.level}` as MessageKey, locale);
  if (args.missingLevelKey !== undefined) out.missingLevel = message(`level.${args.missingLevelKey}` as MessageKey, locale);
  if (args.conventionKey !== undefined) out.conventionName = message(`convention.${args.conventionKey}` as MessageKey, locale);
  if (args.widthKey !== undefined) out.widthName = message(`width.${args.widthKey}` as MessageKey, locale);
  if (args.parentKey) out.parent = message(`place.${args.parentKey}` as MessageKey, locale);
  if (args.levelKey !== undefined) out.levelName = message(`levelId.${args.levelKey}` as MessageKey, locale);
  if (args.reasonKey !== undefined) {
    const key = `clause.${args.reasonKey}` in MESSAGES ? `clause.${args.reasonKey}` : `reason.${args.reasonKey}`;
    out.detail = out.reason = message(key as MessageKey, locale, args, out);
  }
  if (args.hintKey !== undefined) out.hint = args.hintKey ? message(`hint.${args.hintKey}` as MessageKey, locale, args, out) : '';
  return out;
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
      message: localize(rule.message, locale, p.args, localizeArgs(p.args, locale)),
      data,
    });
  }
  return diagnostics;
}
