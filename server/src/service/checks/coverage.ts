import { otherYear, type Alignment } from '../national/align';
import { planInsertion } from '../national/insert';
import type { RegistryView } from '../registry/registry';
import type { PlanDocument } from '../syntax/model';
import type { LevelNumbering } from '../syntax/numbering';
import type { Problem } from './problem';

/**
 * One `coverage.missing` per national task the draft has no counterpart
 * for, placed where the task would go, with the fix that inserts it there.
 */
export function checkCoverage(doc: PlanDocument, alignment: Alignment, numbering: LevelNumbering[], view: RegistryView): Problem[] {
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
      fixes: [{ kind: 'insertTask', ...first, more, args: { number: task.number } }],
      data: { national: { id: task.id, number: task.number, title: task.title } },
    });
  }
  return problems;
}
