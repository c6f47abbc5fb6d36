import type { PlanDocument } from '../syntax/model';
import type { TextEdit } from '../types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Orders edits and drops any that overlap one already kept (two inserts at
 * one point included), so that a combined edit is always applicable.
 */
export function mergeEdits(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = kept[kept.length - 1];
    const overlaps = last !== undefined && (e.start < last.end || (e.start === last.start && e.start === last.end));
    if (overlaps) continue;
    kept.push(e);
  }
  return kept;
}

export function toTextEdits(doc: PlanDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: doc.lines.range(e.start, e.end), newText: e.newText }));
}
