import type { Document, Element } from '@xmldom/xmldom';
import { formatListNumber, symbolFontChar } from './listFormats';
import type { NumberingProperties, WordStyles } from './wordStyles';
import { childVal, intVal, onOff, wAttr, wChild, wChildren } from './wordXml';

/**
 * Word's automatic list numbering (numbering.xml), counted paragraph by
 * paragraph in reading order to give each numbered paragraph the marker
 * Word shows for it: 一、 （三） 1.2 ①.
 *
 * How lists count, as LibreOffice 7.4 renders them (checked with
 * `soffice --convert-to txt`, which writes list numbers as text; the
 * unit tests keep that comparison):
 * - every `w:num` that points at one abstract list is one list: their
 *   paragraphs count on from each other, whichever num they use;
 * - a num's `w:startOverride` takes effect once, at the first paragraph of
 *   that num on an overridden level, which then shows the override's value;
 *   the numbering continues from there, in that num and in the others;
 * - a level restarts when a level above it is used; a level above that was
 *   never used counts as used once at its start (1.1, then 2.).
 * LibreOffice 7.4 ignores `w:lvlRestart` and `w:isLgl`; for those this
 * follows ECMA-376 (§17.9.10: a level restarts only after the level it names,
 * never when it names 0; §17.9.4: a legal level writes every number in
 * digits), which is how Word shows them.
 */

interface Level {
  start: number;
  format: string;
  /** `w:lvlText`; a level without one shows no marker. */
  text?: string;
  /** `w:lvlRestart`: restart after this (1-based) level, 0 never; undefined after any level above. */
  restartAfter?: number;
  legal: boolean;
  /** The paragraph style linked to the level. */
  style?: string;
}

interface AbstractList {
  levels: Map<number, Level>;
  /** `singleLevel` lists number every paragraph at their first level. */
  single: boolean;
  /** `w:numStyleLink`: the definition is that numbering style's list. */
  styleLink?: string;
}

interface ListInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Level>;
}

interface Counters {
  values: Array<number | undefined>;
  /** The nums whose start overrides have taken effect. */
  overridden: Set<string>;
}

const LEVELS = 9;
/** Word's dialog takes a few characters of number format; this bounds what a hostile file can make every paragraph repeat. */
const MAX_LEVEL_TEXT = 255;

function readLevel(lvl: Element): Level {
  return {
    start: intVal(childVal(lvl, 'start')) ?? 0,
    format: childVal(lvl, 'numFmt') ?? 'decimal',
    text: childVal(lvl, 'lvlText')?.slice(0, MAX_LEVEL_TEXT),
    restartAfter: intVal(childVal(lvl, 'lvlRestart'), 0, LEVELS),
    legal: onOff(lvl, 'isLgl') ?? false,
    style: childVal(lvl, 'pStyle'),
  };
}

function readLevels(parent: Element): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of wChildren(parent, 'lvl')) {
    const ilvl = intVal(wAttr(lvl, 'ilvl'), 0, LEVELS - 1);
    if (ilvl !== undefined && !levels.has(ilvl)) levels.set(ilvl, readLevel(lvl));
  }
  return levels;
}

export class ListNumbering {
  private readonly abstracts = new Map<string, AbstractList>();
  private readonly nums = new Map<string, ListInstance>();
  private readonly counters = new Map<string, Counters>();

  constructor(
    doc: Document | undefined,
    private readonly styles: WordStyles,
  ) {
    const root = doc?.documentElement ?? undefined;
    for (const abs of wChildren(root, 'abstractNum')) {
      const id = wAttr(abs, 'abstractNumId');
      if (id === undefined || this.abstracts.has(id)) continue;
      this.abstracts.set(id, {
        levels: readLevels(abs),
        single: childVal(abs, 'multiLevelType') === 'singleLevel',
        styleLink: childVal(abs, 'numStyleLink'),
      });
    }
    for (const num of wChildren(root, 'num')) {
      const id = wAttr(num, 'numId');
      const abstractId = childVal(num, 'abstractNumId');
      if (id === undefined || abstractId === undefined || this.nums.has(id)) continue;
      const startOverrides = new Map<number, number>();
      const levelOverrides = new Map<number, Level>();
      for (const o of wChildren(num, 'lvlOverride')) {
        const ilvl = intVal(wAttr(o, 'ilvl'), 0, LEVELS - 1);
        if (ilvl === undefined) continue;
        const start = intVal(childVal(o, 'startOverride'));
        if (start !== undefined) startOverrides.set(ilvl, start);
        const lvl = wChild(o, 'lvl');
        if (lvl) levelOverrides.set(ilvl, readLevel(lvl));
      }
      this.nums.set(id, { abstractId, startOverrides, levelOverrides });
    }
  }

  /** The abstract list a num counts in, following one numbering-style link (a link to a link is not followed). */
  private definition(num: ListInstance): { id: string; list: AbstractList } | undefined {
    const list = this.abstracts.get(num.abstractId);
    if (!list?.styleLink) return list && { id: num.abstractId, list };
    const linkedNum = this.nums.get(this.styles.numberingStyleNumId(list.styleLink) ?? '');
    const linked = linkedNum && this.abstracts.get(linkedNum.abstractId);
    return linked && !linked.styleLink ? { id: linkedNum.abstractId, list: linked } : undefined;
  }

  /**
   * Counts a numbered paragraph and returns the marker Word shows before its text ('' when its level shows none).
   * `props` are the paragraph's own numbering properties merged with its style's.
   */
  next(props: NumberingProperties): string {
    const num = props.numId === undefined ? undefined : this.nums.get(props.numId);
    const def = num && this.definition(num);
    if (!num || !def) return '';
    const levelOf = (ilvl: number) => num.levelOverrides.get(ilvl) ?? def.list.levels.get(ilvl);
    let ilvl = props.ilvl;
    if (ilvl === undefined && props.styleId !== undefined) {
      for (const [i, level] of def.list.levels) if (level.style === props.styleId) ilvl = i;
    }
    ilvl = def.list.single ? 0 : (ilvl ?? 0);
    const level = levelOf(ilvl);
    if (!level) return '';

    let counters = this.counters.get(def.id);
    if (!counters) {
      counters = { values: new Array(LEVELS).fill(undefined), overridden: new Set() };
      this.counters.set(def.id, counters);
    }
    const values = counters.values;
    for (let above = 0; above < ilvl; above++) values[above] ??= levelOf(above)?.start ?? 0;
    const override = num.startOverrides.get(ilvl);
    if (override !== undefined && !counters.overridden.has(props.numId!)) {
      counters.overridden.add(props.numId!);
      values[ilvl] = override;
    } else {
      const current = values[ilvl];
      values[ilvl] = current === undefined ? level.start : current + 1;
    }
    for (let deeper = ilvl + 1; deeper < LEVELS; deeper++) {
      const after = levelOf(deeper)?.restartAfter;
      // A level names one above it (1-based) to restart after; naming itself or one below is ignored.
      const restarts = after === undefined || after > deeper ? true : after !== 0 && ilvl < after;
      if (restarts) values[deeper] = undefined;
    }

    if (level.text === undefined) return '';
    if (level.format === 'bullet') return [...level.text].map((ch) => symbolFontChar(ch.charCodeAt(0))).join('');
    return level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const shown = Number(digit) - 1;
      if (shown > ilvl) return '';
      const shownLevel = levelOf(shown);
      const value = values[shown] ?? 0;
      const format = shownLevel?.format ?? 'decimal';
      return formatListNumber(value, level.legal && format !== 'decimalZero' && format !== 'none' ? 'decimal' : format);
    });
  }
}
