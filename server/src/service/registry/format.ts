/**
 * The registry files' format (data/registry/*.json and a workspace's
 * .workplan/registry.json). data/registry/registry.schema.json describes the
 * same format for editors; README.md documents it for users.
 *
 * Every file is one `RegistryLayer`; layers are merged in order
 * built-in national + local < region presets < the workspace file, later
 * layers adding units and overriding fields of units with the same name.
 */

/** The administrative levels of a document or a unit, from the top. */
export const LEVEL_IDS = ['national', 'province', 'city', 'district', 'county', 'zone'] as const;

export type LevelId = (typeof LEVEL_IDS)[number];

export interface NationalAgency {
  /** Short name as written in national clauses: 市场监管总局. */
  name: string;
  /** Official full name: 国家市场监督管理总局. */
  fullName?: string;
  /** Other names seen in plans: 国家知识产权局 for 知识产权局. */
  aliases?: string[];
  /** The last year plans name it (工商总局: 2018, merged into 市场监管总局); named every year when absent. */
  until?: number;
  /** The agency that took over its work after `until`: 市场监管总局. */
  successor?: string;
}

/**
 * A generic local unit: a core that combines with a level's prefix
 * (市 + 公安局 = 市公安局, 区 + 委宣传部 = 区委宣传部).
 */
export interface LocalCore {
  /** The core as written after the prefix: 公安局, 市场监管局, 委宣传部. */
  core: string;
  /** Full form of the core: 市场监督管理局. */
  fullCore?: string;
  /** Other spellings of the core: 文化和旅游局 for 文旅局. */
  aliases?: string[];
  /** Short name of the national counterpart: 公安部. */
  national?: string;
  /** Levels whose documents use this core; all local levels when absent. */
  levels?: LevelId[];
  /** The last year plans name it (工商局: 2018, merged into 市场监管局); named every year when absent. */
  until?: number;
  /** The core that took over its work after `until`: 市场监管局. */
  successor?: string;
}

/**
 * A form of unit name with a place in it, for the units a plan names by
 * their own place rather than by its prefix: {place}海关 (厦门海关),
 * 人民银行{place}中心支行, 国家税务总局{place}税务局, 市公安局{place}分局.
 * `{place}` stands for a place name: two to eight Chinese characters.
 */
export interface UnitPattern {
  pattern: string;
  national?: string[];
  /** As for RegionUnit; `vertical` when absent. */
  scope?: 'local' | 'upper' | 'vertical';
  /** Levels whose plans name such units; every level below national when absent. */
  levels?: LevelId[];
  until?: number;
}

export interface LevelNaming {
  id: LevelId;
  /** 市 / 区 / 县 / 示范区 */
  name: string;
  /** Prefixes its units carry: ["市"], ["区"], ["示范区"]. */
  prefixes: string[];
}

/** A unit of one region, as the region names it. */
export interface RegionUnit {
  /** As written in clauses: 厦门海关, 市公安官渡分局, 区商投局. */
  name: string;
  fullName?: string;
  aliases?: string[];
  /** Short names of the national counterparts: 海关总署. */
  national?: string[];
  /**
   * `local` (the default): a unit of the region's own level.
   * `upper`: a unit of a higher level that the region's plans name (省检察院济源分院, 市检察院 in a district plan).
   * `vertical`: a vertically managed unit (customs, tax, central bank branch, post administration).
   */
  scope?: 'local' | 'upper' | 'vertical';
}

export interface RegionPreset {
  /** Stable id used by settings and the CLI: xiamen, guandu, jiyuan, nantong. */
  id: string;
  /** 厦门市 */
  name: string;
  level: LevelId;
  /**
   * Prefixes the region writes its own units with, when not the level's
   * usual one: ["州"] for an autonomous prefecture, ["旗"] for a banner.
   */
  prefixes?: string[];
  /** Words in a document's title or issuer that identify the region: 厦门, 厦打假. */
  detect: string[];
  units: RegionUnit[];
  /**
   * Cores this region does not name with its prefix, and the unit it names
   * instead: { "公安局": "市公安官渡分局" } makes 区公安局 unknown in Guandu and
   * suggests 市公安官渡分局.
   */
  replacedCores?: Record<string, string>;
}

export interface RegistryLayer {
  $schema?: string;
  national?: NationalAgency[];
  levels?: LevelNaming[];
  cores?: LocalCore[];
  /** Words that stand for "the units concerned" and are not agencies: 有关部门, 相关成员单位. */
  placeholders?: string[];
  regions?: RegionPreset[];
  patterns?: UnitPattern[];
  /**
   * Extra units for the workspace: added to the region named by `region`
   * (a preset id), or to every document when absent.
   */
  units?: Array<RegionUnit & { region?: string; level?: LevelId }>;
}
