/**
 * The Jaccard similarity of one small set of names (a local task's
 * agencies or campaigns) against every national task's set at once. A
 * membership matrix over the names the national plan uses replaces a Set
 * walk per pair: the pairwise walks were a quarter of the alignment's time.
 */
export class SetMatrix {
  private readonly ids = new Map<string, number>();
  private readonly member: Uint8Array;
  private readonly sizes: Int32Array;
  private readonly shared: Int32Array;

  constructor(sets: ReadonlyArray<ReadonlySet<string>>) {
    for (const set of sets) for (const name of set) if (!this.ids.has(name)) this.ids.set(name, this.ids.size);
    const width = this.ids.size;
    this.member = new Uint8Array(sets.length * width);
    this.sizes = Int32Array.from(sets, (s) => s.size);
    this.shared = new Int32Array(sets.length);
    sets.forEach((set, row) => {
      for (const name of set) this.member[row * width + this.ids.get(name)!] = 1;
    });
  }

  /** Writes jaccard(local, set i) into `out[i]` for every national set (0 when both are empty). */
  jaccardInto(local: ReadonlySet<string>, out: Float64Array): void {
    const width = this.ids.size;
    const { member, sizes, shared } = this;
    shared.fill(0);
    for (const name of local) {
      const id = this.ids.get(name);
      if (id === undefined) continue;
      for (let row = 0, at = id; row < sizes.length; row++, at += width) shared[row] += member[at];
    }
    for (let row = 0; row < sizes.length; row++) {
      const union = local.size + sizes[row] - shared[row];
      out[row] = union === 0 ? 0 : shared[row] / union;
    }
  }
}
