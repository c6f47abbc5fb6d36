import { formatChineseNumeral, toFullWidthDigits } from '../service/text/numerals';

/**
 * The number formats of Word's list numbering (ST_NumberFormat), rendered
 * as Word renders them, as far as it is known. LibreOffice 7.4 differs in
 * places: it writes decimalEnclosedParen, decimalEnclosedFullstop and
 * decimalFullWidth as plain digits, circles numbers beyond 20 (㉑) and
 * renders ideographDigital like chineseCounting; Word's rendering is the one
 * a drafter saw. The Chinese counting forms follow Microsoft's Open XML
 * PowerTools (ListItemTextGetter_zh_CN): 十一, 二十一; from 100 on
 * chineseCounting writes digit by digit (一○一) and chineseCountingThousand
 * with 百 (一百〇一). ideographDigital is read digit by digit (一〇 for 10),
 * as its name says; no rendering by Word was at hand to confirm it. A plan's
 * list never reaches a thousand: beyond what a format has characters for,
 * the number is written in digits.
 */

const IDEOGRAPH_DIGITS = '〇一二三四五六七八九';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const LEGAL: Record<string, string> = { 一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖', 十: '拾', 百: '佰', 零: '零' };

/** Enclosed forms of 1–20 (①, ⑴, ⒈) and of 1–10 (㊀). */
const ENCLOSED: Record<string, { first: number; count: number }> = {
  decimalEnclosedCircle: { first: 0x2460, count: 20 },
  decimalEnclosedCircleChinese: { first: 0x2460, count: 20 },
  decimalEnclosedParen: { first: 0x2474, count: 20 },
  decimalEnclosedFullstop: { first: 0x2488, count: 20 },
  ideographEnclosedCircle: { first: 0x3280, count: 10 },
};

/** Symbol and Wingdings bullets, which Word stores in the private use area (U+F000 + the font's code). */
const SYMBOL_FONT_CHARS: Record<number, string> = {
  0xf0b7: '•',
  0xf06c: '●',
  0xf06e: '■',
  0xf075: '◆',
  0xf076: '❖',
  0xf0a7: '▪',
  0xf0d8: '➢',
  0xf0fc: '✓',
};

export function formatListNumber(n: number, format: string): string {
  const enclosed = ENCLOSED[format];
  if (enclosed) return n >= 1 && n <= enclosed.count ? String.fromCharCode(enclosed.first + n - 1) : String(n);
  switch (format) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return toFullWidthDigits(String(n));
    case 'chineseCounting':
    case 'taiwaneseCounting':
      return n >= 100 && n <= 999 ? [...String(n)].map((d) => (d === '0' ? '○' : IDEOGRAPH_DIGITS[Number(d)])).join('') : formatChineseNumeral(n);
    case 'chineseCountingThousand':
    case 'taiwaneseCountingThousand':
      return formatChineseNumeral(n).replace('零', '〇');
    case 'chineseLegalSimplified': {
      const c = formatChineseNumeral(n);
      return c === String(n) ? c : [...(c.startsWith('十') ? `一${c}` : c)].map((ch) => LEGAL[ch]).join('');
    }
    case 'ideographDigital':
      return n >= 0 ? [...String(n)].map((d) => IDEOGRAPH_DIGITS[Number(d)]).join('') : String(n);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? HEAVENLY_STEMS[n - 1] : String(n);
    case 'lowerLetter':
    case 'upperLetter':
      return letters(n, format === 'upperLetter');
    case 'lowerRoman':
    case 'upperRoman':
      return roman(n, format === 'upperRoman');
    default:
      return String(n);
  }
}

/** a … z, aa … zz, aaa …: Word repeats the letter; beyond 26 × 30 (no list gets there) digits. */
function letters(n: number, upper: boolean): string {
  if (n < 1 || n > 26 * 30) return String(n);
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.ceil(n / 26));
}

function roman(n: number, upper: boolean): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [value, digits] of table) for (; n >= value; n -= value) out += digits;
  return upper ? out.toUpperCase() : out;
}

/** A character of a symbol font as the Unicode character it shows (U+F0B7 in Symbol is •); others as they are. */
export function symbolFontChar(code: number): string {
  return SYMBOL_FONT_CHARS[code] ?? String.fromCharCode(code);
}
