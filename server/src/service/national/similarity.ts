import { isDigit } from '../text/chars';

/**
 * Text similarity for aligning local items with national tasks: character
 * bigrams (Chinese has no spaces; two characters carry most of a word),
 * weighted by TF-IDF; align.ts compares them.
 */

/** Characters that carry no meaning for similarity: whitespace, digits, punctuation. */
const NOISE_CHARS = ' \t\r\n\v\f\u3000\u00a0\u2028\u2029\ufeff0123456789０１２３４５６７８９，。、；：？！“”‘’（）《》〔〕【】()[],.;:!?"\'—-…·';
const NOISE = new Uint8Array(0x10000);
for (const c of NOISE_CHARS) NOISE[c.charCodeAt(0)] = 1;

/**
 * A bigram as one 32-bit integer (two UTF-16 code units), so that no
 * substring is allocated per bigram (most CJK characters are above U+8000,
 * so the high half is often negative as an int32).
 */
export type Gram = number;

/** A text's bigrams in order. */
export type Grams = Int32Array;

/**
 * Writes the bigrams of a text with its noise characters left out (so
 * 知识/产权 across a line break still pairs) into `out` from `at`, which must
 * have room for text.length − 1 of them; returns how many it wrote.
 */
export function bigramsInto(text: string, out: Int32Array, at: number): number {
  let n = at;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (NOISE[c] === 1) continue;
    if (previous >= 0) out[n++] = (previous << 16) | c;
    previous = c;
  }
  return n - at;
}

/** The bigrams of one text (buildTasks writes a document's into one buffer instead). */
export function bigrams(text: string): Grams {
  const out = new Int32Array(Math.max(0, text.length - 1));
  return out.subarray(0, bigramsInto(text, out, 0));
}

export type Vector = Map<Gram, number>;

/** A unit-length TF-IDF vector of a text's bigrams. */
export function tfidf(grams: Grams, idf: (gram: Gram) => number): Vector {
  const v: Vector = new Map();
  for (const g of grams) v.set(g, (v.get(g) ?? 0) + 1);
  let norm = 0;
  for (const [g, tf] of v) {
    const w = tf * idf(g);
    v.set(g, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [g, w] of v) v.set(g, w / norm);
  return v;
}

const NO_CAMPAIGNS: ReadonlySet<string> = new Set<string>();

const isOpenQuote = (c: number) => c === 0x201c /* “ */ || c === 0x22; /* " */
const isCloseQuote = (c: number) => c === 0x201d /* ” */ || c === 0x22; /* " */
/** What the regex class \\s matches. */
const isWhitespace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Campaign names in quotes, without their year: “剑网2020” → 剑网, “铁拳” → 铁拳;
 * a line break inside the quotes does not count. A quote runs from “ or " to
 * the first ” or " after it, 1 to 40 characters on; read by character code,
 * since every task's text is read on every check.
 */
export function campaigns(text: string): ReadonlySet<string> {
  // Most tasks quote nothing: the native search says so faster than the loop below.
  const curly = text.indexOf('“');
  const straight = text.indexOf('"');
  if (curly < 0 && straight < 0) return NO_CAMPAIGNS;
  const out = new Set<string>();
  for (let open = curly < 0 ? straight : straight < 0 ? curly : Math.min(curly, straight); open < text.length; open++) {
    if (!isOpenQuote(text.charCodeAt(open))) continue;
    let close = open + 1;
    while (close < text.length && close - open <= 41 && !isCloseQuote(text.charCodeAt(close))) close++;
    if (close >= text.length || close - open > 41 || close === open + 1) continue;
    let written = 0;
    let name = '';
    for (let i = open + 1; i < close; i++) {
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) continue;
      written++;
      if (!isDigit(c)) name += text[i];
    }
    if (written <= 12 && name.length >= 2) out.add(name);
    open = close;
  }
  return out;
}
