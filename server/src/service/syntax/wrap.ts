import { isLowSurrogate } from '../text/chars';

/**
 * The width a pasted PDF breaks its lines at. A PDF paste ends every line
 * at the page's measure, so its hard-wrapped lines are nearly all one
 * width; a Word paste breaks where its author pressed Enter, at no width in
 * particular. Widths are in half-ems, as text is set: Latin letters, digits
 * and spaces half an em, every other character (Chinese, and the
 * punctuation Chinese text sets full-width even when a paste turns it into
 * `,` `(`) a whole em.
 */

/** Lines wider than this (in half-ems: 200 characters) are paragraphs, not the measure of any page. */
const MAX_MEASURE = 400;
/** How far (in half-ems) a wrapped line may fall short of the measure: the character that did not fit. */
const SLACK = 2;
/** A paragraph's first line starts two characters in (GB/T 9704: 每个自然段左空二字). */
const INDENT = 4;

export function lineWidth(text: string, start: number, end: number): number {
  let width = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (isLowSurrogate(ch)) continue;
    const half = ch === 32 || (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
    width += half ? 1 : 2;
  }
  return width;
}

/**
 * The measure the document's hard-wrapped lines share, or undefined when
 * they share none: at least three of them, and most within an em of their
 * median. Counted in a histogram, so the cost is linear in the lines.
 */
export function commonMeasure(widths: readonly number[]): number | undefined {
  const counts = new Int32Array(MAX_MEASURE + 1);
  let n = 0;
  for (const w of widths) {
    if (w > MAX_MEASURE) continue;
    counts[w]++;
    n++;
  }
  if (n < 3) return undefined;
  let median = 0;
  for (let seen = 0; median <= MAX_MEASURE; median++) {
    seen += counts[median];
    if (seen * 2 >= n) break;
  }
  let near = 0;
  for (let w = Math.max(0, median - SLACK); w <= Math.min(MAX_MEASURE, median + SLACK); w++) near += counts[w];
  return near * 2 > n ? median : undefined;
}

/** Whether a paragraph's first line (a heading's line) runs to the measure, so that it was wrapped there rather than ended. */
export function fillsMeasure(width: number, measure: number | undefined): boolean {
  return measure !== undefined && width >= measure - INDENT - SLACK;
}
