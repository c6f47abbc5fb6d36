import { otherYear, type Alignment } from '../national/align';
import { planInsertion } from '../national/insert';
import type { RegistryView } from '../registry/registry';
import type { PlanDocument } from '../syntax/model';
import type { LevelNumbering } from '../syntax/numbering';
import type { Problem } from './problem';

/**
 * One `coverage.missing` per national task the draft has no counterpart
 * for, placed where the task would go, with the fix that inserts it there —
 * when the parent plan is the draft's own: of its year, or the one the user
 * chose. Against a plan of another year (the latest built in, for want of
 * the draft's own) most national tasks are simply not that year's, so a
 * report per task would bury the draft in noise: one `coverage.other-year`
 * says what it was compared with, and how many tasks have a counterpart.
 */
export function checkCoverage(doc: PlanDocument, alignment: Alignment, numbering: LevelNumbering[], view: RegistryView, ownParent: boolean): Problem[] {
  if (!ownParent) return [otherYearProblem(doc, alignment)];
  const problems: Problem[] = [];
  // Against another year's plan the drafter should know, on every report, which plan it was.
  const years = otherYear(alignment);
  for (const task of alignment.missing) {
    const insertion = planInsertion(doc, alignment, numbering, view, task);
    if (!insertion) continue;
    const [first, ...more] = insertion.edits;
    const marker = insertion.anchor.marker;
    const expected = insertion.marker + task.title;
    problems.push({
      code: 'coverage.missing',
      start: marker.start,
      end: marker.end,
      args: { number: task.number, title: task.title, expected, otherYear: years },
      fixes: [{ kind: 'insertTask', ...first, more, args: { number: task.number, ...(insertion.unresolved.length > 0 && { units: insertion.unresolved.join('、') }) } }],
      data: { national: { id: task.id, number: task.number, title: task.title } },
    });
  }
  return problems;
}

/** Where a note on the whole plan goes: its title, else its notice's title, else its first marker. */
function titleSpan(doc: PlanDocument): { start: number; end: number } {
  return doc.title ?? doc.notice.title ?? doc.headings[0]?.marker ?? { start: 0, end: 0 };
}

function otherYearProblem(doc: PlanDocument, alignment: Alignment): Problem {
  const at = titleSpan(doc);
  const total = alignment.plan.tasks.length;
  return {
    code: 'coverage.other-year',
    start: at.start,
    end: at.end,
    args: { draftYear: alignment.draftYear, plan: alignment.plan.title, covered: total - alignment.missing.length, total },
    fixes: [],
  };
}

/** A draft of a family no parent plan is of (a 政务公开 plan with only anti-counterfeiting parents): said once, no coverage checked. */
export function noParentProblem(doc: PlanDocument, topic: string | undefined): Problem {
  const at = titleSpan(doc);
  return { code: 'coverage.no-parent', start: at.start, end: at.end, args: { topic: topic ?? '' }, fixes: [] };
}
