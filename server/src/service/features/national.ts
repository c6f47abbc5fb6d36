import { otherYear, type Alignment, type Match } from '../national/align';
import { message, type Locale } from '../l10n';
import type { RegistryView } from '../registry/registry';
import type { Heading, PlanDocument } from '../syntax/model';
import { bigrams } from '../national/similarity';
import { oneLine } from '../national/tasks';
import type { CodeLens, Hover, Location } from '../types';
import { COVERAGE_REPORT_COMMAND, SHOW_NATIONAL_COMMAND } from '../../protocol';

/** The task heading whose marker or title holds `offset`. */
export function taskAt(alignment: Alignment, offset: number): Heading | undefined {
  return alignment.tasks.find((t) => t.heading.marker.start <= offset && offset <= Math.max(t.heading.title.end, t.heading.marker.end))?.heading;
}

const MAX_TEXT = 300;

/** Sentences of the national task whose words the local item barely shares: what it says that the item does not. */
function notCovered(match: Match): string[] {
  const local = new Set(match.local.textGrams);
  return oneLine(match.national.text)
    .split(/(?<=[。；])/)
    .filter((s) => {
      const grams = bigrams(s);
      return grams.length >= 6 && grams.filter((g) => local.has(g)).length / grams.length < 0.35;
    })
    .slice(0, 3);
}

export function nationalHover(doc: PlanDocument, alignment: Alignment, view: RegistryView, offset: number, locale: Locale): Hover | undefined {
  const heading = taskAt(alignment, offset);
  if (!heading) return undefined;
  const matches = alignment.byLocal.get(heading) ?? [];
  const range = doc.lines.range(heading.marker.start, Math.max(heading.title.end, heading.marker.end));
  if (matches.length === 0) {
    return { contents: { kind: 'markdown', value: message('national.noMatch', locale, { plan: alignment.plan.title }) }, range };
  }
  const parts: string[] = [];
  for (const m of matches) {
    const n = m.national;
    const full = oneLine(n.text);
    const text = full.length > MAX_TEXT ? `${full.slice(0, MAX_TEXT)}…` : full;
    parts.push(`**${message('national.task', locale)}${n.number}${n.title}** · ${message('national.score', locale)}${m.score.toFixed(2)}`);
    parts.push(text);
    if (n.agencies.size > 0) {
      const units = [...n.agencies].map((a) => `${a} → ${view.counterpartOf(a) ?? '？'}`);
      parts.push(`${message('national.units', locale)}${units.join('；')}`);
    }
    const missing = notCovered(m);
    if (missing.length > 0) parts.push(`${message('national.notCovered', locale)}\n${missing.map((s) => `- ${s}`).join('\n')}`);
  }
  parts.push(`*${alignment.plan.title}*`);
  return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range };
}

export function nationalCodeLenses(doc: PlanDocument, alignment: Alignment, uri: string, locale: Locale): CodeLens[] {
  const covered = alignment.plan.tasks.length - alignment.missing.length;
  const first = alignment.tasks[0]?.section ?? alignment.tasks[0]?.heading;
  const lenses: CodeLens[] = [];
  if (first) {
    const years = otherYear(alignment);
    const title = message('national.coverage', locale, { covered, total: alignment.plan.tasks.length, plan: alignment.plan.title }) + (years ? message('national.otherYear', locale, years) : '');
    lenses.push({ range: doc.lines.range(first.start, first.start), command: { title, command: COVERAGE_REPORT_COMMAND, arguments: [uri] } });
  }
  for (const t of alignment.tasks) {
    const matches = alignment.byLocal.get(t.heading) ?? [];
    const title = matches.length > 0
      ? message('national.lens', locale, { numbers: matches.map((m) => `${m.national.number}${m.national.title}`).join('、') })
      : message('national.lensNone', locale);
    const location = matches[0] ? nationalLocation(alignment, matches[0]) : undefined;
    lenses.push({ range: doc.lines.range(t.heading.start, t.heading.start), command: { title, command: location ? SHOW_NATIONAL_COMMAND : '', arguments: location ? [location] : undefined } });
  }
  return lenses;
}

export function nationalLocation(alignment: Alignment, match: Match): Location {
  const h = match.national.heading;
  return { uri: alignment.plan.uri, range: alignment.plan.doc.lines.range(h.start, h.ownText.end) };
}

export function nationalDefinition(alignment: Alignment, offset: number): Location[] {
  const heading = taskAt(alignment, offset);
  const matches = heading ? alignment.byLocal.get(heading) ?? [] : [];
  return matches.map((m) => nationalLocation(alignment, m));
}

/** The coverage table a reviewer reads: national task → local item(s), score; then what is missing. */
export function coverageReport(alignment: Alignment, locale: Locale): string {
  const zh = locale === 'zh-cn';
  const lines = [
    `# ${message('national.reportTitle', locale, { plan: alignment.plan.title })}`,
    '',
    message('national.coverage', locale, { covered: alignment.plan.tasks.length - alignment.missing.length, total: alignment.plan.tasks.length, plan: alignment.plan.title }),
    '',
    zh ? '| 全国任务 | 本文档事项 | 匹配度 |' : '| National task | Items in this plan | Score |',
    '|---|---|---|',
  ];
  for (const n of alignment.plan.tasks) {
    const matches = alignment.byNational.get(n.id) ?? [];
    const local = matches.map((m) => `${m.local.number}${m.local.title}`).join('<br>') || (zh ? '**缺失**' : '**missing**');
    const score = matches.map((m) => m.score.toFixed(2)).join('<br>');
    lines.push(`| ${n.number}${n.title} | ${local} | ${score} |`);
  }
  const extra = alignment.tasks.filter((t) => !alignment.byLocal.has(t.heading));
  if (extra.length > 0) {
    lines.push('', zh ? '## 本地新增事项（无对应全国任务）' : '## Local additions (no national task)', '');
    for (const t of extra) lines.push(`- ${t.number}${t.title}`);
  }
  return lines.join('\n') + '\n';
}

/** A local task and the national tasks it matches, as the CLI reports them. */
export interface AlignmentReport {
  national: { id: string; title: string; year?: number };
  matches: Array<{ local: { number: string; line: number; title: string }; national: { number: string; title: string }; score: number }>;
  missing: Array<{ number: string; title: string }>;
  additions: Array<{ number: string; line: number; title: string }>;
}

export function alignmentReport(doc: PlanDocument, alignment: Alignment): AlignmentReport {
  const line = (h: { start: number }) => doc.lines.positionAt(h.start).line;
  return {
    national: { id: alignment.plan.id, title: alignment.plan.title, year: alignment.plan.year },
    matches: alignment.matches.map((m) => ({
      local: { number: m.local.number, line: line(m.local.heading), title: m.local.title },
      national: { number: m.national.number, title: m.national.title },
      score: Math.round(m.score * 1000) / 1000,
    })),
    missing: alignment.missing.map((n) => ({ number: n.number, title: n.title })),
    additions: alignment.tasks.filter((t) => !alignment.byLocal.has(t.heading)).map((t) => ({ number: t.number, line: line(t.heading), title: t.title })),
  };
}
