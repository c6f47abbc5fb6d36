import { memoizedBy } from '../memo';
import { wholeWord } from '../registry/place';
import type { RegistryView } from '../registry/registry';
import { parseClause } from '../syntax/clauses';
import { formatMarker } from '../syntax/markers';
import type { Heading, PlanDocument } from '../syntax/model';
import { renumberEdits, type LevelNumbering } from '../syntax/numbering';
import type { Alignment } from './align';
import type { NationalPlan, NationalTask } from './plan';

/**
 * Where a missing national task goes in a draft, and the draft's own version
 * of it: units mapped to their local counterparts, 全国 made local, the
 * draft's marker style, and the items after it renumbered.
 */

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Insertion {
  task: NationalTask;
  /** The task the new item goes before, or after when `after` is set. */
  anchor: Heading;
  after: boolean;
  /** The new item's marker and text, without line breaks around it. */
  marker: string;
  text: string;
  /** National units the new item names for want of a counterpart here: the drafter replaces them, and the agency checks mark them. */
  unresolved: string[];
  edits: OffsetEdit[];
}

/** A national task rewritten for a draft: its text, and the national units it still names. */
export interface LocalizedTask {
  text: string;
  unresolved: string[];
}

/**
 * The national task's text with its units replaced by this document's
 * counterparts where the registry knows them — or without its clauses, for
 * a draft that writes none (Nantong). A unit with no counterpart keeps a
 * national name that reads as national (国家药监局, not 药监局, which a
 * district plan would read as its own unit missing its prefix), so that the
 * inserted item is marked where the drafter must decide.
 */
export function localizeTask(plan: NationalPlan, task: NationalTask, view: RegistryView, withClauses = true): LocalizedTask {
  // A pure function of the plan, the task and the view, which never change: every keystroke asks again for each missing task.
  // Keyed by the objects, not by ids: a reloaded plan file keeps its ids but may change its text.
  let byTask = LOCALIZED.get(view);
  if (!byTask) LOCALIZED.set(view, (byTask = new WeakMap()));
  let texts = byTask.get(task);
  if (!texts) byTask.set(task, (texts = {}));
  const key = withClauses ? 'withClauses' : 'withoutClauses';
  return (texts[key] ??= localize(plan, task, view, withClauses));
}

/** Localized task texts by view, then by task, with and without clauses. */
const LOCALIZED = new WeakMap<RegistryView, WeakMap<NationalTask, { withClauses?: LocalizedTask; withoutClauses?: LocalizedTask }>>();

function localize(plan: NationalPlan, task: NationalTask, view: RegistryView, withClauses: boolean): LocalizedTask {
  const h = task.heading;
  const { text } = plan.doc;
  const replacements: OffsetEdit[] = [];
  const unresolved: string[] = [];
  for (const clause of h.clauses) {
    if (!withClauses) {
      replacements.push({ start: clause.start, end: clause.end, newText: '' });
      continue;
    }
    for (const unit of parseClause(clause).units) {
      // The parent's unit stands for a national agency (公安部; 省公安厅 in a province's plan), whose counterpart here replaces it.
      const national = plan.view.lookup(unit.text)?.national[0] ?? unit.text;
      const counterpart = view.counterpartOf(national);
      const name = counterpart ?? view.nationalNameOf(national);
      if (name !== unit.text) replacements.push({ start: unit.start, end: unit.end, newText: name });
      if (!counterpart && !unresolved.includes(name)) unresolved.push(name);
    }
  }
  // A parent pasted from PDF carries its page markers (— 2 —) into the task's text: the inserted item drops them.
  const inside = (m: { start: number; end: number }) => replacements.some((r) => r.start <= m.start && m.end <= r.end);
  for (const m of plan.doc.pageMarkers) {
    if (m.start >= h.title.start && m.end <= h.ownText.end && !inside(m)) replacements.push({ start: m.start, end: m.end, newText: '' });
  }
  replacements.sort((a, b) => a.start - b.start);
  let out = '';
  let at = h.title.start;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.newText;
    at = r.end;
  }
  out += text.slice(at, h.ownText.end);
  const whole = wholeWord(view.level, view.prefixes[0]);
  // 全国 becomes 全市, but not in the name of the national leading group.
  const parentWhole = new RegExp(`${plan.whole}(?!打击侵权假冒工作领导小组)`, 'g');
  return { text: out.replace(/[ \t\u3000]*(\r\n|\r|\n)[\s\u3000]*/g, '').replace(parentWhole, whole), unresolved };
}

/** The draft's tasks with the lowest national number each implements and its section, read once per alignment for all its missing tasks. */
interface Locals {
  headings: Heading[];
  values: Array<number | undefined>;
  sections: Array<Heading | undefined>;
}
const localsOf = memoizedBy((alignment: Alignment): Locals => ({
  headings: alignment.tasks.map((t) => t.heading),
  values: alignment.tasks.map((t) => {
    const matches = alignment.byLocal.get(t.heading);
    return matches && matches.length > 0 ? Math.min(...matches.map((m) => m.national.heading.marker.value)) : undefined;
  }),
  sections: alignment.tasks.map((t) => t.section),
}));

/** The anchor of a missing task: in the section of its nearest earlier covered neighbour, before the first item aligned to a later task. */
function placeOf(alignment: Alignment, task: NationalTask): { anchor: Heading; after: boolean } | undefined {
  const k = task.heading.marker.value;
  const { headings, values, sections } = localsOf(alignment);
  if (headings.length === 0) return undefined;
  let previous = -1;
  let previousValue = -Infinity;
  values.forEach((v, i) => {
    if (v !== undefined && v < k && v >= previousValue) {
      previous = i;
      previousValue = v;
    }
  });
  const anchor = headings.findIndex(
    (h, i) => (previous < 0 || (sections[i] === sections[previous] && h.start > headings[previous].start)) && (values[i] ?? -Infinity) > k,
  );
  if (anchor >= 0) return { anchor: headings[anchor], after: false };
  return { anchor: headings[previous >= 0 ? previous : headings.length - 1], after: true };
}

/** What every insertion into a document reads of it, read once per document: the line break it uses, whether it writes clauses. */
const factsOf = memoizedBy((doc: PlanDocument) => ({
  eol: doc.text.includes('\r\n') ? '\r\n' : '\n',
  usesClauses: doc.headings.some((h) => h.clauses.length > 0),
}));

export function planInsertion(
  doc: PlanDocument,
  alignment: Alignment,
  numbering: LevelNumbering[],
  view: RegistryView,
  task: NationalTask,
): Insertion | undefined {
  const place = placeOf(alignment, task);
  if (!place) return undefined;
  const { anchor, after } = place;
  const n = numbering.find((x) => x.level === anchor.level);
  if (!n) return undefined;
  const index = n.headings.indexOf(anchor);
  const { eol, usesClauses } = factsOf(doc);
  // Paragraphs separated by blank lines (Xiamen) or not (Guandu): follow the draft.
  const before = index > 0 ? doc.text.slice(n.headings[index - 1].ownText.end, anchor.start) : eol;
  const separator = /(\r\n|\r|\n)[ \t\u3000]*(\r\n|\r|\n)/.test(before) ? eol + eol : eol;
  // The number the sequence check expects at this place, whatever the markers around it say: after a swapped
  // pair or a mis-numbered group, one after the marker before it would repeat a number or start a new problem
  // (found by the fix round-trip test).
  const { expected, shifts } = n;
  const value = after ? expected[index] + 1 : expected[index];
  const marker = formatMarker(anchor.level, value, n.width, n.fullDigits);
  const { text: localized, unresolved } = localizeTask(alignment.plan, task, view, usesClauses);
  // Where titles stand on a line of their own (Nantong), the body goes on the next paragraph.
  const text = anchor.titleOnly && localized.startsWith(`${task.title}。`)
    ? `${marker}${task.title}${separator}${localized.slice(task.title.length + 1)}`
    : marker + localized;
  const edits: OffsetEdit[] = after
    ? [{ start: anchor.end, end: anchor.end, newText: separator + text }]
    : [{ start: anchor.start, end: anchor.start, newText: text + separator }];
  const renumberFrom = after ? index + 1 : index;
  // The new item joins the anchor's group and takes its numbers, also where the group is numbered in the other
  // convention; the groups after it continue in the document's (found by the fix round-trip test: continuing
  // from a restarted group's （三） renumbered the next section's （十三） to （四）).
  const nextGroup = after && n.groupStarts.has(renumberFrom);
  if (renumberFrom < n.headings.length && !(nextGroup && n.convention === 'restart')) {
    const renumber = nextGroup ? renumberEdits(n, renumberFrom, value + shifts[index] + 1) : renumberEdits(n, renumberFrom, value + 1, shifts[index]);
    // The anchor's own new marker joins the insertion, so that no two edits start at one offset.
    if (!after && renumber[0]?.start === anchor.start) edits[0] = { start: anchor.start, end: renumber[0].end, newText: text + separator + renumber.shift()!.newText };
    edits.push(...renumber);
  }
  return { task, anchor, after, marker, text, unresolved, edits };
}
