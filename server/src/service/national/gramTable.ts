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
