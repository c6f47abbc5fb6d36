/** Chinese and full-width numerals as used in plan markers (一、 （十四） １．). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const NUMERAL_CHARS = '零〇一二两三四五六七八九十百';
export const CHINESE_NUMERAL_CLASS = `[${NUMERAL_CHARS}]`;

/**
 * Value of a Chinese numeral from 1 to 999 written the standard way
 * (十四, 二十, 一百零五), or NaN when the string is not one.
 */
export function parseChineseNumeral(s: string): number {
  if (s.length === 0 || s.length > 6) return NaN;
  let rest = s;
  let value = 0;
  const hundred = rest.indexOf('百');
  if (hundred >= 0) {
    const h = hundred === 0 ? NaN : DIGITS[rest.slice(0, hundred)];
    if (hundred !== 1 || !(h >= 1)) return NaN;
    value += h * 100;
    rest = rest.slice(hundred + 1);
    if (rest.startsWith('零') || rest.startsWith('〇')) {
      rest = rest.slice(1);
      if (rest.length !== 1 || !(DIGITS[rest] >= 1)) return NaN;
    }
  }
  const ten = rest.indexOf('十');
  if (ten >= 0) {
    if (ten > 1) return NaN;
    const t = ten === 0 ? 1 : DIGITS[rest[0]];
    if (!(t >= 1)) return NaN;
    value += t * 10;
    rest = rest.slice(ten + 1);
  }
  if (rest.length > 1) return NaN;
  if (rest.length === 1) {
    const d = DIGITS[rest];
    if (!(d >= 1)) return NaN;
    value += d;
  }
  return value > 0 ? value : NaN;
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
  return NUMERAL_CHARS.includes(String.fromCharCode(ch));
}

/** The value of a run of ASCII and full-width digits (１２, 12, １2), or NaN when it holds anything else. */
export function digitsValue(s: string): number {
  if (s.length === 0) return NaN;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const digit = ch >= 0xff10 && ch <= 0xff19 ? ch - 0xff10 : ch >= 48 && ch <= 57 ? ch - 48 : -1;
    if (digit < 0) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

export function toFullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 48 + 0xff10));
}
