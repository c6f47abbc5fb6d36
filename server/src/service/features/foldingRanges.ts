import type { PlanDocument } from '../syntax/model';
import type { FoldingRange } from '../types';

/** One fold for the issuing notice and one for every section or item that spans lines. */
export function foldingRanges(doc: PlanDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const { lines } = doc;
  const noticeEnd = doc.title?.start ?? (doc.headings[0]?.start ?? doc.text.length);
  const parts = Object.values(doc.notice);
  if (parts.length > 0) {
    const startLine = lines.lineAt(Math.min(...parts.map((p) => p.start)));
    const endLine = lines.lineAt(Math.max(...parts.map((p) => p.end), 0));
    if (endLine > startLine && lines.lineAt(noticeEnd) > startLine) ranges.push({ startLine, endLine, kind: 'region' });
  }
  for (const h of doc.headings) {
    const endLine = lines.lineAt(h.end);
    if (endLine > h.line) ranges.push({ startLine: h.line, endLine });
  }
  return ranges;
}
