import type { Gram } from './similarity';

/**
 * A fixed set of bigrams with a dense number each, looked up by open
 * addressing. Alignment looks up every bigram of every local task, a few
 * thousand per check of a seed: a Map's lookups cost several times this
 * table's (a multiply and a probe or two in one small typed array), which
 * the first-check and textlint budgets cannot spare.
 */
export class GramTable {
  /** Key and number of each slot side by side (a number of −1 marks an empty slot), so a probe reads one cache line. */
  private readonly slots: Int32Array;
  private readonly shift: number;

  constructor(grams: readonly Gram[]) {
    let bits = 4;
    while (1 << bits < grams.length * 2) bits++;
    this.slots = new Int32Array(2 << bits);
    for (let slot = 0; slot < 1 << bits; slot++) this.slots[2 * slot + 1] = -1;
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    grams.forEach((g, id) => {
      let slot = this.slotOf(g);
      while (this.slots[2 * slot + 1] !== -1 && this.slots[2 * slot] !== g) slot = (slot + 1) & mask;
      this.slots[2 * slot] = g;
      this.slots[2 * slot + 1] = id;
    });
  }

  /** The bigram's number (its index in the constructor's list), or −1 when it is not in the table. */
  numberOf(g: Gram): number {
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    for (let slot = this.slotOf(g); ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1];
      if (id === -1 || slots[2 * slot] === g) return id;
    }
  }

  private slotOf(g: Gram): number {
    return Math.imul(g, 0x9e3779b1) >>> this.shift;
  }
}

/**
 * Counts the bigrams of one text at a time without allocating: an
 * open-addressing table whose slots belong to the current text only while
 * stamped with its generation, so that starting the next text costs nothing.
 */
export class GramCounter {
  /** Stamp, key and count of each slot side by side, for one cache line per probe. */
  private slots = new Int32Array(0);
  private shift = 32;
  private mask = 0;
  private generation = 0;

  /** Forgets the previous text's counts, with room for a text of `length` bigrams. */
  next(length: number): void {
    if (length * 2 > this.mask + 1) {
      let bits = 4;
      while (1 << bits < length * 2) bits++;
      this.slots = new Int32Array(3 << bits);
      this.shift = 32 - bits;
      this.mask = (1 << bits) - 1;
      this.generation = 0;
    }
    this.generation = (this.generation + 1) | 0;
    // After 2³² texts the stamps come round again: start from a clean table.
    if (this.generation === 0) {
      this.slots.fill(0);
      this.generation = 1;
    }
  }

  /** Counts one more occurrence of `g` and returns its count so far. */
  add(g: Gram): number {
    const { slots, generation, mask } = this;
    for (let slot = Math.imul(g, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const at = 3 * slot;
      if (slots[at] !== generation) {
        slots[at] = generation;
        slots[at + 1] = g;
        slots[at + 2] = 1;
        return 1;
      }
      if (slots[at + 1] === g) return ++slots[at + 2];
    }
  }
}
