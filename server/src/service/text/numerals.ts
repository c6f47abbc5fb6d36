import { isDigit } from './chars';

/** Chinese and full-width numerals as used in plan markers (一、 （十四） １．). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const DIGIT_CODES = new Map(Object.entries(DIGITS).map(([c, d]) => [c.charCodeAt(0), d]));
const NUMERAL_CHARS = '零〇一二两三四五六七八九十百';
const NUMERAL_CODES = new Set([...NUMERAL_CHARS].map((c) => c.charCodeAt(0)));
export const CHINESE_NUMERAL_CLASS = `[${NUMERAL_CHARS}]`;

/**
 * Value of a Chinese numeral from 1 to 999 written the standard way
 * (十四, 二十, 一百零五), or NaN when the string is not one. Read by character
 * code: every marker of every plan goes through here.
 */
export function parseChineseNumeral(s: string): number {
  if (s.length === 0 || s.length > 6) return NaN;
  let i = 0;
  let value = 0;
  const hundred = s.indexOf('百');
  if (hundred >= 0) {
    const h = digitAt(s, 0);
    if (hundred !== 1 || !(h >= 1)) return NaN;
    value += h * 100;
    i = 2;
    if (i < s.length && digitAt(s, i) === 0) {
      i++;
      if (s.length - i !== 1 || !(digitAt(s, i) >= 1)) return NaN;
    }
  }
  const ten = s.indexOf('十', i);
  if (ten >= 0) {
    if (ten - i > 1) return NaN;
    const t = ten === i ? 1 : digitAt(s, i);
    if (!(t >= 1)) return NaN;
    value += t * 10;
    i = ten + 1;
  }
  if (s.length - i > 1) return NaN;
  if (s.length - i === 1) {
    const d = digitAt(s, i);
    if (!(d >= 1)) return NaN;
    value += d;
  }
  return value > 0 ? value : NaN;
}

/** The digit a numeral character stands for (零 and 〇 are 0, 两 is 2), or −1. */
function digitAt(s: string, i: number): number {
  return DIGIT_CODES.get(s.charCodeAt(i)) ?? -1;
}

const UNITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The standard Chinese numeral for 1..999 (14 → 十四, 105 → 一百零五). */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const d = n % 10;
  let out = h ? UNITS[h] + '百' : '';
  if (t) out += (t === 1 && !h ? '' : UNITS[t]) + '十';
  else if (h && d) out += '零';
  if (d) out += UNITS[d];
  return out;
}

/** Whether a UTF-16 code is one of the characters Chinese numerals are written with. */
export function isChineseNumeralChar(ch: number): boolean {
  return NUMERAL_CODES.has(ch);
}

/** The value of a run of ASCII and full-width digits (１２, 12, １2), or NaN when it holds anything else. */
export function digitsValue(s: string): number {
  if (s.length === 0) return NaN;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (!isDigit(ch)) return NaN;
    value = value * 10 + (ch >= 0xff10 ? ch - 0xff10 : ch - 48);
  }
  return value;
}

export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 48 + 0xff10));
}
