/**
 * Text similarity for aligning local items with national tasks: character
 * bigrams (Chinese has no spaces; two characters carry most of a word),
 * weighted by TF-IDF; align.ts compares them.
 */

const NOISE = /[\s\d０-９，。、；：？！“”‘’（）《》〔〕【】()\[\],.;:!?"'—\-…·]/g;

/** A bigram as one number (two UTF-16 code units), so that no substring is allocated per bigram. */
export type Gram = number;

export function bigrams(text: string): Gram[] {
  const clean = text.replace(NOISE, '');
  const out: Gram[] = [];
  for (let i = 0; i + 1 < clean.length; i++) out.push(clean.charCodeAt(i) * 0x10000 + clean.charCodeAt(i + 1));
  return out;
}

export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export type Vector = Map<Gram, number>;

/** A unit-length TF-IDF vector of a text's bigrams. */
export function tfidf(grams: Gram[], idf: (gram: Gram) => number): Vector {
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

/** Campaign names in quotes, without their year: “剑网2020” → 剑网, “铁拳” → 铁拳. */
export function campaigns(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[“"]([^”"]{1,12})[”"]/g)) {
    const name = m[1].replace(/[\s\d０-９]+/g, '');
    if (name.length >= 2) out.add(name);
  }
  return out;
}
