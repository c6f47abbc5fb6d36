import type { Analysis } from '../analysis';
import { planInsertion, type Insertion } from '../national/insert';
import type { PlanTextDocument, TextEdit } from '../types';

/**
 * One edit that inserts every missing national task, each where it belongs:
 * one task at a time, aligned again after each, so that each lands among
 * the tasks already inserted and the items after it are renumbered.
 * `analyze` reads a scratch document; `discard` forgets it afterwards.
 */
export function insertAllMissingEdits(document: PlanTextDocument, analyze: (document: PlanTextDocument) => Analysis, discard: (uri: string) => void): TextEdit[] {
  const original = document.getText();
  let text = original;
  const uri = `${document.uri}#insert-all`;
  for (let round = 0; round < 200; round++) {
    const insertion = firstInsertion(analyze({ uri, version: round, getText: () => text }));
    if (!insertion) break;
    const before = text;
    for (const e of [...insertion.edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    if (before === text) break;
  }
  discard(uri);
  if (text === original) return [];
  // One replacement of the span that changed, so that the user's undo takes it back in one step.
  let start = 0;
  while (start < original.length && start < text.length && original[start] === text[start]) start++;
  let end = 0;
  while (end < original.length - start && end < text.length - start && original[original.length - 1 - end] === text[text.length - 1 - end]) end++;
  const lines = analyze(document).doc.lines;
  return [{ range: lines.range(start, original.length - end), newText: text.slice(start, text.length - end) }];
}

/** The first missing task that has a place in the draft, planned; the others wait for the next round's alignment. */
function firstInsertion({ doc, alignment, numbering, view }: Analysis): Insertion | undefined {
  for (const task of alignment?.missing ?? []) {
    const insertion = planInsertion(doc, alignment!, numbering, view, task);
    if (insertion) return insertion;
  }
  return undefined;
}
