/** Character classes of pasted Chinese text, by UTF-16 code unit. */

/** Whitespace as it appears in pasted text: ASCII, ideographic space, NBSP, BOM. */
export function isSpace(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13) || ch === 0x3000 || ch === 0xa0 || ch === 0xfeff;
}

/** An ASCII or full-width digit (0–9, ０–９). */
export function isDigit(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 0xff10 && ch <= 0xff19);
}

/** The second half of a surrogate pair (characters beyond U+FFFF such as 𠀀). */
export function isLowSurrogate(ch: number): boolean {
  return ch >= 0xdc00 && ch <= 0xdfff;
}
