import { get as levenshtein } from 'fast-levenshtein';
import type { LevelId, LevelNaming, LocalCore, NationalAgency, RegionPreset, RegionUnit, RegistryLayer, UnitPattern } from './format';

/**
 * The agency registry: national agencies, generic local cores, region
 * presets and the workspace's own units, merged from layers. A
 * `RegistryView` answers for one document context (level and region):
 * which names are units there, what a name that is not one is instead, and
 * which registered names are closest to a typo.
 */

export interface Agency {
  /** Canonical name for this document's context. */
  name: string;
  fullName?: string;
  level: LevelId;
  scope: 'national' | 'local' | 'upper' | 'vertical';
  /** Short names of the national counterparts. */
  national: string[];
  /** The region preset the unit comes from. */
  region?: string;
}

/** A unit as written, read against a view (RegistryView.reading). */
export interface NameReading {
  placeholder: boolean;
  prefix?: string;
  /** The unit the name is an accepted spelling of. */
  agency?: Agency;
}

/** Why a name that is not a unit of this document is wrong, and what it should be. */
export type Misplacement =
  | { kind: 'national'; agency: NationalAgency; counterpart?: string }
  | { kind: 'level'; expected?: string; reason: 'bare-core' | 'other-level' | 'other-region' | 'local-in-national' }
  /** A name of a unit merged away before the plan's year: its last year, and the unit that now does its work. */
  | { kind: 'dissolved'; until: number; expected?: string };

/** Which units a view answers for: a level, and the region preset, unit prefix and year of the plan when they are known. */
export interface ViewContext {
  level: LevelId;
  region?: string;
  /** The prefix of the plan's own units (州, 自治区 …); the region's or the level's usual one when absent. */
  prefix?: string;
  /** Names merged away before this year are not units of the plan; with no year, every name is. */
  year?: number;
}

/** The units concerned, not a unit: 有关部门, 领导小组各成员单位, 各县(区)政府, 各管理区管委会. */
const PLACEHOLDER = /(有关|相关|各)[^、，]{0,12}(部门|单位|成员单位)$|^各[^、，]{0,12}(政府|管委会|办事处)$/;

function mergeByKey<T>(items: T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), { ...map.get(key(item)), ...item });
  return [...map.values()];
}

export class Registry {
  readonly national: NationalAgency[];
  readonly levels: LevelNaming[];
  readonly cores: LocalCore[];
  readonly placeholders: Set<string>;
  readonly regions: RegionPreset[];
  readonly patterns: UnitPattern[];
  /** Workspace units not tied to one region. */
  readonly extraUnits: Array<RegionUnit & { level?: LevelId }>;
  private readonly nationalByName = new Map<string, NationalAgency>();
  private readonly coresBySpelling = new Map<string, LocalCore>();
  private readonly views = new Map<string, RegistryView>();
  private readonly placeholderMemo = new NameMemo<boolean>((name) => this.placeholders.has(name) || PLACEHOLDER.test(name));
  private readonly prefixes: Array<{ prefix: string; level: LevelId }>;
  /** The latest year after which some name is no longer used: every later year reads the same units. */
  private readonly lastChange: number;

  constructor(layers: RegistryLayer[]) {
    this.national = mergeByKey(layers.flatMap((l) => l.national ?? []), (a) => a.name);
    this.levels = mergeByKey(layers.flatMap((l) => l.levels ?? []), (l) => l.id);
    this.cores = mergeByKey(layers.flatMap((l) => l.cores ?? []), (c) => c.core);
    this.placeholders = new Set(layers.flatMap((l) => l.placeholders ?? []));
    this.patterns = mergeByKey(layers.flatMap((l) => l.patterns ?? []), (p) => p.pattern);
    const regions = mergeByKey(layers.flatMap((l) => l.regions ?? []), (r) => r.id).map((r) => ({ ...r, units: [...r.units] }));
    this.extraUnits = [];
    for (const layer of layers) {
      for (const unit of layer.units ?? []) {
        const region = unit.region ? regions.find((r) => r.id === unit.region) : undefined;
        if (region) region.units.push(unit);
        else this.extraUnits.push(unit);
      }
    }
    this.regions = regions;
    for (const a of this.national) {
      this.nationalByName.set(a.name, a);
      for (const alias of a.aliases ?? []) this.nationalByName.set(alias, a);
    }
    for (const c of this.cores) {
      for (const spelling of [c.core, ...(c.aliases ?? [])]) if (!this.coresBySpelling.has(spelling)) this.coresBySpelling.set(spelling, c);
    }
    this.lastChange = Math.max(0, ...[...this.cores, ...this.national, ...this.patterns].map((named) => named.until ?? 0));
    this.prefixes = this.levels
      .flatMap((l) => l.prefixes.map((prefix) => ({ prefix, level: l.id })))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The core a text names without its prefix (公安局), by any of its spellings. */
  core(text: string): LocalCore | undefined {
    return this.coresBySpelling.get(text);
  }

  nationalAgency(name: string): NationalAgency | undefined {
    return this.nationalByName.get(name);
  }

  region(id: string | undefined): RegionPreset | undefined {
    return id ? this.regions.find((r) => r.id === id) : undefined;
  }

  prefixesOf(level: LevelId): string[] {
    return this.levels.find((l) => l.id === level)?.prefixes ?? [];
  }

  /** All level prefixes, longest first, so that 示范区 is tried before 区. */
  allPrefixes(): Array<{ prefix: string; level: LevelId }> {
    return this.prefixes;
  }

  isPlaceholder(name: string): boolean {
    return this.placeholderMemo.get(name);
  }

  view(level: LevelId, regionId?: string): RegistryView;
  view(context: ViewContext): RegistryView;
  view(levelOrContext: LevelId | ViewContext, regionId?: string): RegistryView {
    const context = typeof levelOrContext === 'string' ? { level: levelOrContext, region: regionId } : levelOrContext;
    // Only the names merged away before the year tell two years apart: every later year shares one view.
    const dated = context.year === undefined ? '' : String(Math.min(context.year, this.lastChange + 1));
    const key = `${context.level}/${context.region ?? ''}/${context.prefix ?? ''}/${dated}`;
    let view = this.views.get(key);
    if (!view) {
      view = new RegistryView(this, { ...context, year: dated === '' ? undefined : Number(dated) }, this.region(context.region));
      this.views.set(key, view);
    }
    return view;
  }


}

export class RegistryView {
  /** Every accepted spelling → the unit it names. */
  private readonly units = new Map<string, Agency>();
  /** Names of other regions' units, for telling a misplaced unit from a typo. */
  private readonly foreign = new Map<string, RegionPreset>();
  /** Names of units merged away before the plan's year, with the year and the name that replaced them here. */
  private readonly dissolved = new Map<string, { until: number; expected?: string }>();
  private readonly patterns: Array<{ test: RegExp; agency: (name: string) => Agency }>;
  private readonly suggestionMemo = new NameMemo<string[]>((name) => this.rankSuggestions(name));
  private readonly readingMemo = new NameMemo<NameReading>((name) => {
    const placeholder = this.isPlaceholder(name);
    return { placeholder, prefix: placeholder ? undefined : this.findPrefix(name), agency: this.units.get(name) ?? this.patternUnit(name) };
  });
  private distinct: Agency[] | undefined;
  readonly level: LevelId;
  readonly year?: number;
  readonly prefixes: string[];

  constructor(
    readonly registry: Registry,
    context: ViewContext,
    readonly region: RegionPreset | undefined,
  ) {
    const { level, year } = context;
    this.level = level;
    this.year = year;
    const current = (named: { until?: number }) => year === undefined || named.until === undefined || year <= named.until;
    // Units are composed with the region's own prefix, the plan's, or the level's usual one (市, not 州).
    this.prefixes = region?.prefixes ?? (context.prefix ? [context.prefix] : registry.prefixesOf(level).slice(0, 1));
    if (level === 'national') {
      for (const a of registry.national) {
        const names = [a.name, ...(a.aliases ?? [])];
        if (!current(a)) {
          for (const n of names) this.dissolved.set(n, { until: a.until!, expected: a.successor });
          continue;
        }
        const agency: Agency = { name: a.name, fullName: a.fullName, level, scope: 'national', national: [a.name] };
        for (const n of names) this.units.set(n, agency);
      }
    } else {
      const replaced = region?.replacedCores ?? {};
      for (const core of registry.cores) {
        if (core.levels && !core.levels.includes(level)) continue;
        if (core.core in replaced) continue;
        for (const prefix of this.prefixes) {
          const spellings = [core.core, ...(core.aliases ?? [])];
          if (!current(core)) {
            for (const spelling of spellings) this.dissolved.set(prefix + spelling, { until: core.until!, expected: core.successor && prefix + core.successor });
            continue;
          }
          const agency: Agency = {
            name: prefix + core.core,
            fullName: core.fullCore ? prefix + core.fullCore : undefined,
            level,
            scope: 'local',
            national: core.national ? [core.national] : [],
          };
          for (const spelling of spellings) {
            if (!this.units.has(prefix + spelling)) this.units.set(prefix + spelling, agency);
          }
        }
      }
    }
    const ownUnits = [...(region?.units ?? []), ...registry.extraUnits.filter((u) => !u.level || u.level === level)];
    for (const unit of ownUnits) {
      const agency: Agency = {
        name: unit.name,
        fullName: unit.fullName,
        level,
        scope: unit.scope ?? 'local',
        national: unit.national ?? [],
        region: region?.id,
      };
      for (const n of [unit.name, ...(unit.aliases ?? [])]) this.units.set(n, agency);
      if (unit.fullName) this.units.set(unit.fullName, agency);
    }
    for (const other of registry.regions) {
      if (other === region) continue;
      for (const unit of other.units) if (!this.units.has(unit.name)) this.foreign.set(unit.name, other);
    }
    for (const name of this.units.keys()) this.dissolved.delete(name);
    this.patterns = level === 'national' ? [] : registry.patterns.filter((p) => (!p.levels || p.levels.includes(level)) && current(p)).map((p) => this.compile(p));
  }

  /** A pattern's test and the unit a name of that form is. */
  private compile(p: UnitPattern): { test: RegExp; agency: (name: string) => Agency } {
    const source = p.pattern.split('{place}').map(escapeRegExp).join(PLACE);
    const scope = p.scope ?? 'vertical';
    return { test: new RegExp(`^${source}$`, 'u'), agency: (name) => ({ name, level: this.level, scope, national: p.national ?? [] }) };
  }

  /**
   * The unit a name of a registered form is (厦门海关, 人民银行济源中心支行). In
   * a region's plan, another region's own unit stays another region's.
   */
  private patternUnit(name: string): Agency | undefined {
    if (this.region && this.foreign.has(name)) return undefined;
    return this.patterns.find((p) => p.test.test(name))?.agency(name);
  }

  /** The unit a name is, registered or of a registered form (厦门海关). */
  lookup(name: string): Agency | undefined {
    return this.reading(name).agency;
  }

  /**
   * The registered unit a name is, not counting forms: a bare name read with
   * an elided prefix (示范区 + 济海关) must be a unit of the prefix, not a place.
   */
  registered(name: string): Agency | undefined {
    return this.units.get(name);
  }

  /**
   * What the clause check reads of a unit as written, in one lookup: every
   * keystroke reads every unit of every clause again.
   *
   * `prefix` is the level prefix the name is written with (市 in 市公安局), but
   * not the 市 of 市场监管局. A name starting with this document's own prefix
   * counts as prefixed even when misspelt (示范区丙业农村局), so that the names
   * elided after it still read with that prefix. A placeholder (示范区领导小组有关
   * 成员单位) has none: it neither gives nor repeats a prefix.
   */
  reading(name: string): NameReading {
    return this.readingMemo.get(name);
  }

  private findPrefix(name: string): string | undefined {
    const known = this.registry.allPrefixes().find((p) => name.startsWith(p.prefix) && (this.coreOf(name.slice(p.prefix.length)) || this.units.has(name)));
    if (known) return known.prefix;
    return this.prefixes.find((p) => name.startsWith(p) && name.length > p.length + 1 && !this.coreOf(name));
  }

  isPlaceholder(name: string): boolean {
    return this.registry.isPlaceholder(name);
  }

  /** The distinct canonical units of this context. */
  allUnits(): Agency[] {
    this.distinct ??= [...new Set(this.units.values())];
    return this.distinct;
  }

  /** The unit of this context that carries out a national agency's work. */
  counterpartOf(nationalName: string): string | undefined {
    const candidates = this.allUnits().filter((a) => a.national.includes(nationalName));
    // Prefer the region's own naming over a generic core.
    candidates.sort((a, b) => Number(!!b.region) - Number(!!a.region));
    return candidates[0]?.name;
  }

  /**
   * How a plan of this context names a national agency it has no unit for,
   * so that the name is read as national and reported as such: the
   * national plan's short name, unless that is also a local core read as a
   * unit without its prefix here (药监局, 贸促会), then the shortest of its
   * longer names that is not (国家药监局, 中国贸促会).
   */
  nationalNameOf(nationalName: string): string {
    const agency = this.registry.nationalAgency(nationalName);
    if (!agency || !this.coreOf(nationalName)) return nationalName;
    const names = [agency.name, ...(agency.aliases ?? []), agency.fullName].filter((n): n is string => !!n && !this.coreOf(n));
    return names.sort((a, b) => a.length - b.length)[0] ?? nationalName;
  }

  /** For a name that is not a unit here: what it is instead, if the registry can tell. */
  misplacement(name: string): Misplacement | undefined {
    if (this.level === 'national') {
      const gone = this.dissolved.get(name);
      if (gone) return { kind: 'dissolved', until: gone.until, expected: gone.expected && this.units.get(gone.expected)?.name };
      const local = this.registry.allPrefixes().find((p) => name.startsWith(p.prefix) && this.coreOf(name.slice(p.prefix.length)));
      return local ? { kind: 'level', reason: 'local-in-national' } : undefined;
    }
    const gone = this.dissolved.get(name);
    if (gone) return { kind: 'dissolved', until: gone.until, expected: gone.expected && this.units.has(gone.expected) ? this.units.get(gone.expected)!.name : undefined };
    const core = this.coreOf(name);
    if (core) return { kind: 'level', reason: 'bare-core', expected: this.localName(core) };
    const national = this.registry.nationalAgency(name);
    if (national) return { kind: 'national', agency: national, counterpart: this.counterpartOf(national.name) };
    for (const { prefix } of this.registry.allPrefixes()) {
      if (!name.startsWith(prefix) || this.prefixes.includes(prefix)) continue;
      const other = this.coreOf(name.slice(prefix.length));
      if (other) return { kind: 'level', reason: 'other-level', expected: this.localName(other) };
    }
    if (this.foreign.has(name)) return { kind: 'level', reason: 'other-region' };
    return undefined;
  }

  /** The unit a region names instead of prefix + core, when it replaces that core. */
  replacementFor(name: string): string | undefined {
    const replaced = this.region?.replacedCores ?? {};
    for (const prefix of this.prefixes) {
      if (!name.startsWith(prefix)) continue;
      const core = this.coreOf(name.slice(prefix.length));
      if (core && core.core in replaced) return replaced[core.core];
    }
    return undefined;
  }

  private coreOf(text: string): LocalCore | undefined {
    return this.registry.core(text);
  }

  private localName(core: LocalCore): string | undefined {
    const replaced = this.region?.replacedCores?.[core.core];
    if (replaced) return replaced;
    const name = this.prefixes[0] !== undefined ? this.prefixes[0] + core.core : undefined;
    return name && this.units.has(name) ? this.units.get(name)!.name : undefined;
  }

  /**
   * Registered names closest to `name`, best first: fewest edits, then names
   * that contain every character of `name` in order (a dropped character),
   * then the region's own units, then the shorter length difference. Beyond about one edit in three
   * characters nothing is suggested, so that nonsense gets no suggestion.
   */
  suggestions(name: string, limit = 3): string[] {
    return this.suggestionMemo.get(name).slice(0, limit);
  }

  private rankSuggestions(name: string): string[] {
    const cutoff = Math.max(1, Math.floor(name.length / 3));
    const scored: Array<{ name: string; distance: number; subsequence: boolean; own: boolean }> = [];
    const replacement = this.replacementFor(name);
    // Every accepted spelling competes, so that a typo in 区文化和旅游局 is answered in that spelling.
    for (const spelling of this.units.keys()) {
      const distance = levenshtein(name, spelling);
      if (distance > cutoff || distance === 0) continue;
      scored.push({ name: spelling, distance, subsequence: isSubsequence(name, spelling), own: !!this.units.get(spelling)!.region });
    }
    scored.sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.subsequence) - Number(a.subsequence) ||
        // The region's own naming before a generic composed name.
        Number(b.own) - Number(a.own) ||
        Math.abs(a.name.length - name.length) - Math.abs(b.name.length - name.length),
    );
    return [...new Set([...(replacement ? [replacement] : []), ...scored.map((s) => s.name)])];
  }
}

/**
 * Answers per name, kept while the registry lives: every keystroke re-reads
 * every clause, so the same names come back each time. Emptied when it holds
 * LIMIT names, so that a session of typing new names cannot grow it forever.
 */
class NameMemo<T extends NonNullable<unknown>> {
  private static readonly LIMIT = 10_000;
  private readonly answers = new Map<string, T>();

  constructor(private readonly compute: (name: string) => T) {}

  get(name: string): T {
    const known = this.answers.get(name);
    if (known !== undefined) return known;
    if (this.answers.size >= NameMemo.LIMIT) this.answers.clear();
    const answer = this.compute(name);
    this.answers.set(name, answer);
    return answer;
  }
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/** A place name inside a unit's name: two to eight Chinese characters. */
const PLACE = '\\p{Script=Han}{2,8}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
