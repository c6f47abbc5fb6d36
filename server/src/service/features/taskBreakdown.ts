import type { AgencyRef, ClauseResolution } from '../registry/resolve';
import { message, type Locale, type MessageKey } from '../l10n';
import type { Alignment } from '../national/align';
import { formatMarker } from '../syntax/markers';
import type { ClauseUnit } from '../syntax/clauses';
import { taskHeadings, type Heading, type PlanDocument } from '../syntax/model';

/**
 * The 任务分解表 (task breakdown table) offices draw up to follow a plan:
 * one row per task with its number, section, title, lead units, the other
 * responsible units and the national task it carries out. Pure functions:
 * the rows come from the analysis, the CSV and Markdown from the rows.
 */

/** One task of the plan, as a row of the breakdown table. */
export interface TaskBreakdownRow {
  /** The task's own number, normalised as the alignment writes it: （五）, 1． */
  number: string;
  /** The numbers from the section down to the task itself: ['一、', '（三）', '2．']. */
  path: string[];
  /** 0-based line of the task's marker. */
  line: number;
  /** Title of the level-1 heading the task is in ('' in a plan without sections). */
  section: string;
  title: string;
  /** Units that lead (牵头) any clause of the task, each once, in document order, as written. */
  leads: string[];
  /**
   * The other units named: partners after a lead and the units of clauses
   * with no lead (负责 only), each once, in document order, as written; a
   * unit that leads elsewhere in the task is only among `leads`.
   */
  partners: string[];
  /** The national task(s) the task implements; empty when none matches or no parent plan applies. */
  national: Array<{ number: string; title: string }>;
}

export type TaskBreakdownFormat = 'csv' | 'markdown';

/** How a task's number appears in the table's first column: the outline path. */
export const PATH_SEPARATOR = '/';
/** Between the units of one cell. */
export const UNIT_SEPARATOR = '、';
/** Between the national tasks of one cell (their titles may hold 、). */
export const NATIONAL_SEPARATOR = '；';

const COLUMNS: MessageKey[] = ['breakdown.number', 'breakdown.section', 'breakdown.task', 'breakdown.leads', 'breakdown.partners', 'breakdown.national'];

/** Parent of every heading below the roots. */
function parents(doc: PlanDocument): Map<Heading, Heading> {
  const map = new Map<Heading, Heading>();
  const visit = (h: Heading) => {
    for (const c of h.children) {
      map.set(c, h);
      visit(c);
    }
  };
  doc.roots.forEach(visit);
  return map;
}

const numberOf = (h: Heading) => formatMarker(h.level, h.marker.value, 'full');

/**
 * Units whose 等 runs on into a placeholder (生态环境局等领导小组有关成员单位):
 * the placeholder is listed next, so the 等 is not repeated after the unit.
 * Any other 等 (“and others”) stays on the unit it follows.
 */
function etcIntoPlaceholder(clauses: ClauseResolution['clauses']): Set<ClauseUnit> {
  const set = new Set<ClauseUnit>();
  for (const { parsed: { units } } of clauses) {
    units.forEach((u, i) => {
      if (u.etc && units[i + 1]?.contentStart === u.contentEnd + 1) set.add(u);
    });
  }
  return set;
}

/** The rows, one per task (headings of level ≥ 2 without sub-headings), in document order. */
export function taskBreakdown(doc: PlanDocument, clauses: ClauseResolution, alignment?: Alignment): TaskBreakdownRow[] {
  const parentOf = parents(doc);
  const noEtc = etcIntoPlaceholder(clauses.clauses);
  const refsOf = new Map<Heading, AgencyRef[]>();
  for (const ref of clauses.refs) {
    const list = refsOf.get(ref.heading) ?? [];
    list.push(ref);
    refsOf.set(ref.heading, list);
  }

  return taskHeadings(doc).map((h): TaskBreakdownRow => {
    const ancestors: Heading[] = [];
    for (let a: Heading | undefined = h; a; a = parentOf.get(a)) ancestors.unshift(a);
    const section = ancestors[0].level === 1 ? ancestors[0].title.text : '';

    // Each unit once: a registered unit by its name (so an elided 市场监管局 is 示范区市场监管局), anything else as written.
    const leads = new Map<string, string>();
    const others = new Map<string, string>();
    for (const { unit, agency } of refsOf.get(h) ?? []) {
      const key = agency?.name ?? unit.text;
      const target = unit.role === 'lead' ? leads : others;
      if (!target.has(key)) target.set(key, unit.etc && !noEtc.has(unit) ? `${unit.text}等` : unit.text);
    }
    for (const key of leads.keys()) others.delete(key);

    return {
      number: numberOf(h),
      path: ancestors.map(numberOf),
      line: h.line,
      section,
      title: h.title.text,
      leads: [...leads.values()],
      partners: [...others.values()],
      national: (alignment?.byLocal.get(h) ?? []).map((m) => ({ number: m.national.number, title: m.national.title })),
    };
  });
}

/** The cells of a row, in the order of the columns: what every format of the table writes. */
export function cells(row: TaskBreakdownRow): string[] {
  return [
    row.path.join(PATH_SEPARATOR),
    row.section,
    row.title,
    row.leads.join(UNIT_SEPARATOR),
    row.partners.join(UNIT_SEPARATOR),
    row.national.map((n) => `${n.number}${n.title}`).join(NATIONAL_SEPARATOR),
  ];
}

/** The columns' headers in the locale. */
export function header(locale: Locale): string[] {
  return COLUMNS.map((key) => message(key, locale));
}

/**
 * Keeps a spreadsheet from reading user text as a formula (CSV injection): a
 * cell that starts with = + - @ (or a tab or carriage return, which some
 * spreadsheets skip before those) gets a leading apostrophe.
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The table as CSV that Excel opens with the Chinese intact: UTF-8 with a
 * byte order mark, CRLF after every record (header included), RFC 4180
 * quoting, and formula-like cells guarded.
 */
export function toCsv(rows: readonly TaskBreakdownRow[], locale: Locale): string {
  const records = [header(locale), ...rows.map(cells)].map((r) => r.map((c) => csvField(guardFormula(c))).join(','));
  return `\uFEFF${records.map((r) => `${r}\r\n`).join('')}`;
}

/** A GitHub table cell: backslashes and | escaped, line breaks as <br>. */
function markdownCell(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>').trim();
}

/** The table as GitHub-flavoured Markdown: a header, the separator, one line per task. */
export function toMarkdown(rows: readonly TaskBreakdownRow[], locale: Locale): string {
  const line = (r: string[]) => `| ${r.map(markdownCell).join(' | ')} |`;
  const head = header(locale);
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n') + '\n';
}

export function formatTaskBreakdown(rows: readonly TaskBreakdownRow[], format: TaskBreakdownFormat, locale: Locale): string {
  return format === 'csv' ? toCsv(rows, locale) : toMarkdown(rows, locale);
}
