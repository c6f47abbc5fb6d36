import type { PlanDocument } from '../syntax/model';
import { isLowSurrogate } from '../text/chars';
import type { Problem } from './problem';

/**
 * Turns what the parser noticed while reading through pasted text (page
 * markers, hard line breaks, clauses that never close) into problems with
 * their fixes.
 */

const ASCII_WORD = /[A-Za-z0-9]/;

/** Up to `n` characters ending at `end`, from the same line, never half a surrogate pair. */
function before(text: string, end: number, n: number): string {
  let start = Math.max(0, end - n);
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  const piece = text.slice(start, end);
  return piece.slice(Math.max(piece.lastIndexOf('\n'), piece.lastIndexOf('\r')) + 1).trim();
}

/** Up to `n` characters starting at `start`, from the same line, never half a surrogate pair. */
function after(text: string, start: number, n: number): string {
  let end = Math.min(text.length, start + n);
  if (isLowSurrogate(text.charCodeAt(end))) end--;
  return text.slice(start, end).split(/[\r\n]/)[0].trim();
}

export function checkArtifacts(doc: PlanDocument): Problem[] {
  const { text, lines } = doc;
  const problems: Problem[] = [];
  for (const p of doc.problems) {
    switch (p.code) {
      case 'text.page-marker': {
        const line = lines.lineAt(p.start);
        const removeFrom = lines.lineStarts[line];
        const removeTo = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : text.length;
        const actual = text.slice(p.start, p.end);
        problems.push({
          code: p.code, start: p.start, end: p.end, args: { actual },
          fixes: [{ kind: 'removePageMarker', start: removeFrom, end: removeTo, newText: '', args: { actual } }],
        });
        break;
      }
      case 'text.broken-line': {
        const { end, next } = p.data;
        // Chinese joins without a space; two Latin words keep one between them.
        const joiner = ASCII_WORD.test(text[end - 1] ?? '') && ASCII_WORD.test(text[next] ?? '') ? ' ' : '';
        problems.push({
          code: p.code, start: p.start, end: p.end,
          args: { before: before(text, end, 8), after: after(text, next, 8) },
          fixes: [{ kind: 'joinLine', start: end, end: next, newText: joiner }],
        });
        break;
      }
      case 'clause.malformed': {
        const at = p.data.insertAt;
        const close = text[p.start] === '(' ? ')' : '）';
        problems.push({
          code: p.code, start: p.start, end: p.end, args: { reason: 'unclosed', after: before(text, at, 8) },
          fixes: [{ kind: 'closeClause', start: at, end: at, newText: close }],
        });
        break;
      }
    }
  }
  return problems;
}
