import { isDigit } from '../text/chars';
import {
  CHINESE_NUMERAL_CLASS,
  digitsValue,
  formatChineseNumeral,
  isChineseNumeralChar,
  parseChineseNumeral,
  toFullWidthDigits,
} from '../text/numerals';

/**
 * Heading markers of GB/T 9704-2012 §7.3.3: level 1 `一、`, level 2 `（一）`,
 * level 3 `1.`, level 4 `（1）`, recognised at the start of a line together
 * with the faulty variants seen in real drafts (half-width brackets, `1、`,
 * `一，`, `（一）、`, and the one-character forms Word's numbering writes:
 * `㈠` for （一）, `⒈` for 1., `⑴` for （1）), so that checks can name what is
 * wrong instead of missing the heading altogether.
 */

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/** full: （一） （1） 1． ; half: (一) (1) 1. ; mixed: （一) or １. ; enclosed: one character such as ㈠ ⒈ ⑴ (no width of its own). */
export type MarkerWidth = 'full' | 'half' | 'mixed' | 'enclosed';

export interface MarkerMatch {
  level: Level;
  value: number;
  /** The marker as written, including any punctuation after it. */
  text: string;
  /** Leading whitespace before the marker, in UTF-16 units. */
  indent: number;
  width: MarkerWidth;
  /** Arabic numbers written with full-width digits (１．, （１）); always false for 一、 and （一）. */
  fullDigits: boolean;
  /** Punctuation written after the marker ('' when none). */
  suffix: string;
}

const SPACE = '[ \\t\\u3000\\u00a0]';
const AFTER = '[、，,.．:：]';
const LEVEL1 = new RegExp(`^(${SPACE}*)(${CHINESE_NUMERAL_CLASS}{1,6})${SPACE}*([、，,.．:：])`);
const LEVEL2 = new RegExp(`^(${SPACE}*)([（(])${SPACE}*(${CHINESE_NUMERAL_CLASS}{1,6})${SPACE}*([）)])((?:${SPACE}*${AFTER})+)?`);
const LEVEL3 = new RegExp(`^(${SPACE}*)([0-9０-９]{1,3})${SPACE}*([.．、，,])(?![0-9０-９])`);
const LEVEL4 = new RegExp(`^(${SPACE}*)([（(])${SPACE}*([0-9０-９]{1,3})${SPACE}*([）)])((?:${SPACE}*${AFTER})+)?`);
/** ㈠…㈩ (U+3220–U+3229), ⒈…⒛ (U+2488–U+249B), ⑴…⒇ (U+2474–U+2487), and any punctuation after them. */
const ENCLOSED = new RegExp(`^(${SPACE}*)([\u3220-\u3229\u2474-\u249b])((?:${SPACE}*${AFTER})+)?`);

/** The one-character markers: the first code point of each run, the level it writes and how many numbers it has. */
const ENCLOSED_RUNS: ReadonlyArray<{ first: number; level: Level; count: number }> = [
  { first: 0x3220, level: 2, count: 10 },
  { first: 0x2488, level: 3, count: 20 },
  { first: 0x2474, level: 4, count: 20 },
];

/** The run `ch` belongs to; a loop, not find(): the first character of every line comes here. */
function enclosedRun(ch: number) {
  for (const r of ENCLOSED_RUNS) if (ch >= r.first && ch < r.first + r.count) return r;
  return undefined;
}

function bracketWidth(open: string, close: string): MarkerWidth {
  const o = open === '（';
  const c = close === '）';
  return o && c ? 'full' : !o && !c ? 'half' : 'mixed';
}

/** The matcher for what the line starts with after its indentation: every line is tried, and most start with no marker character. */
function matcherFor(line: string): ((line: string) => MarkerMatch | undefined) | undefined {
  let i = 0;
  for (let ch = line.charCodeAt(0); ch === 32 || ch === 9 || ch === 0x3000 || ch === 0xa0; ch = line.charCodeAt(++i));
  const ch = line.charCodeAt(i);
  if (ch === 0xff08 /* （ */ || ch === 40 /* ( */) return bracketMarker;
  if (isDigit(ch)) return digitMarker;
  if (isChineseNumeralChar(ch)) return numeralMarker;
  return ch >= 0x2474 && enclosedRun(ch) ? enclosedMarker : undefined;
}

function hasFullWidthDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xff10) return true;
  return false;
}

/** Recognises a heading marker at the start of `line`, or returns undefined. */
export function matchMarker(line: string): MarkerMatch | undefined {
  return matcherFor(line)?.(line);
}

/** （一） or （1）. */
function bracketMarker(line: string): MarkerMatch | undefined {
  let m = LEVEL2.exec(line);
  if (m) {
    const value = parseChineseNumeral(m[3]);
    if (!(value > 0)) return undefined;
    const suffix = (m[5] ?? '').trim();
    return { level: 2, value, text: m[0].slice(m[1].length), indent: m[1].length, width: bracketWidth(m[2], m[4]), fullDigits: false, suffix };
  }
  m = LEVEL4.exec(line);
  if (m) {
    const value = digitsValue(m[3]);
    if (!(value > 0)) return undefined;
    const suffix = (m[5] ?? '').trim();
    const fullDigits = hasFullWidthDigit(m[3]);
    return { level: 4, value, text: m[0].slice(m[1].length), indent: m[1].length, width: bracketWidth(m[2], m[4]), fullDigits, suffix };
  }
  return undefined;
}

/** ㈠ ⒈ ⑴: read at their level and number, to be written out as the document writes that level. */
function enclosedMarker(line: string): MarkerMatch | undefined {
  const m = ENCLOSED.exec(line);
  const ch = m ? m[2].charCodeAt(0) : -1;
  const run = enclosedRun(ch);
  if (!m || !run) return undefined;
  // ⒈ already holds its stop: a 、 or ， after it is as stray as after （一）.
  const suffix = (m[3] ?? '').trim();
  return { level: run.level, value: ch - run.first + 1, text: m[0].slice(m[1].length), indent: m[1].length, width: 'enclosed', fullDigits: false, suffix };
}

/** 一、 */
function numeralMarker(line: string): MarkerMatch | undefined {
  const m = LEVEL1.exec(line);
  if (m) {
    const value = parseChineseNumeral(m[2]);
    if (!(value > 0)) return undefined;
    const suffix = m[3] === '、' ? '' : m[3];
    return { level: 1, value, text: m[0].slice(m[1].length), indent: m[1].length, width: 'full', fullDigits: false, suffix };
  }
  return undefined;
}

/** 1. */
function digitMarker(line: string): MarkerMatch | undefined {
  const m = LEVEL3.exec(line);
  if (m) {
    const value = digitsValue(m[2]);
    if (!(value > 0) || value > 199) return undefined;
    const punct = m[3];
    const suffix = punct === '.' || punct === '．' ? '' : punct;
    // The stop decides the width (Word writes 1． as often as 1.); digits are a style of their own.
    const fullDigits = hasFullWidthDigit(m[2]);
    const width: MarkerWidth = punct === '．' || (suffix && fullDigits) ? 'full' : 'half';
    return { level: 3, value, text: m[0].slice(m[1].length), indent: m[1].length, width, fullDigits, suffix };
  }
  return undefined;
}

/** The correctly punctuated marker for a level, value, width and (levels 3 and 4) digit style. */
export function formatMarker(level: Level, value: number, width: 'full' | 'half', fullDigits = false): string {
  const digits = fullDigits ? toFullWidthDigits(String(value)) : String(value);
  switch (level) {
    case 1:
      return `${formatChineseNumeral(value)}、`;
    case 2:
      return width === 'full' ? `（${formatChineseNumeral(value)}）` : `(${formatChineseNumeral(value)})`;
    case 3:
      return width === 'full' ? `${digits}．` : `${digits}.`;
    case 4:
      return width === 'full' ? `（${digits}）` : `(${digits})`;
  }
}

/** How a level's marker is named in messages: 一、 （一） 1. （1）. */
export function levelExample(level: Level): string {
  return formatMarker(level, 1, level === 3 ? 'half' : 'full');
}
