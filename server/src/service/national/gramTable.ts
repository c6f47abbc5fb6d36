import type { Gram } from './similarity';

/**
 * A fixed set of bigrams with a dense number each, looked up by open
 * addressing. The alignment looks up every bigram of every local task; with
 * a Map those lookups were most of its time, with this table they are a
 * multiply and a probe or two.
 */
export class GramTable {
  private readonly keys: Int32Array;
  private readonly ids: Int32Array;
  private readonly shift: number;

  constructor(grams: readonly Gram[]) {
    let bits = 4;
    while (1 << bits < grams.length * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    grams.forEach((g, id) => {
      let slot = this.slotOf(g);
      while (this.ids[slot] !== -1 && this.keys[slot] !== g) slot = (slot + 1) & (this.ids.length - 1);
      this.keys[slot] = g;
      this.ids[slot] = id;
    });
  }

  /** The bigram's number (its index in the constructor's list), or −1 when it is not in the table. */
  idOf(g: Gram): number {
    const mask = this.ids.length - 1;
    for (let slot = this.slotOf(g); ; slot = (slot + 1) & mask) {
      const id = this.ids[slot];
      if (id === -1 || this.keys[slot] === g) return id;
    }
  }

  private slotOf(g: Gram): number {
    return Math.imul(g, 0x9e3779b1) >>> this.shift;
  }
}

/**
 * Counts bigrams of one text at a time without allocating: an open-addressing
 * table whose slots belong to the current text only while stamped with its
 * generation, so that starting the next text costs nothing. Sized for texts
 * of up to `capacity` bigrams; a longer text reports `undefined`.
 */
export class GramCounter {
  private readonly keys: Int32Array;
  private readonly counts: Int32Array;
  private readonly stamps: Uint32Array;
  private readonly shift: number;
  private generation = 0;

  constructor(readonly capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.counts = new Int32Array(1 << bits);
    this.stamps = new Uint32Array(1 << bits);
    this.shift = 32 - bits;
  }

  /** Forgets the previous text's counts. */
  next(): void {
    this.generation++;
  }

  /** Counts one more occurrence of `g` and returns its count so far. */
  add(g: Gram): number {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(g, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.keys[slot] = g;
        this.counts[slot] = 1;
        return 1;
      }
      if (this.keys[slot] === g) return ++this.counts[slot];
    }
  }
}
