/**
 * The Jaccard similarity of one small set of names (a local task's
 * agencies or campaigns) against every national task's set at once. A
 * membership matrix over the names the national plan uses replaces a walk
 * of two Sets per pair, which made a seed's first check up to a fifth slower.
 */
export class SetMatrix {
  private readonly ids = new Map<string, number>();
  private readonly member: Uint8Array;
  private readonly sizes: Int32Array;
  private readonly shared: Int32Array;

  constructor(sets: ReadonlyArray<ReadonlySet<string>>) {
    for (const set of sets) for (const name of set) if (!this.ids.has(name)) this.ids.set(name, this.ids.size);
    // One row of memberships per name, over the sets: a name's row is read in one run.
    this.member = new Uint8Array(this.ids.size * sets.length);
    this.sizes = Int32Array.from(sets, (s) => s.size);
    this.shared = new Int32Array(sets.length);
    sets.forEach((set, column) => {
      for (const name of set) this.member[this.ids.get(name)! * sets.length + column] = 1;
    });
  }

  /** Writes jaccard(local, set i) into `out[i]` for every national set (0 when both are empty). */
  jaccardInto(local: ReadonlySet<string>, out: Float64Array): void {
    const { member, sizes, shared } = this;
    const count = sizes.length;
    // Most local tasks name no campaign.
    if (local.size === 0) {
      out.fill(0);
      return;
    }
    shared.fill(0);
    for (const name of local) {
      const id = this.ids.get(name);
      if (id === undefined) continue;
      for (let set = 0, at = id * count; set < count; set++, at++) shared[set] += member[at];
    }
    for (let set = 0; set < count; set++) {
      const union = local.size + sizes[set] - shared[set];
      out[set] = union === 0 ? 0 : shared[set] / union;
    }
  }
}
