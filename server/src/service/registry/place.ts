import type { LevelId } from './format';

/**
 * The place a plan is written for, read off its title, notice title or
 * issuer the way a reader does: 2022年临夏州打击…工作要点, 海南省人民政府办公厅,
 * 北京市房山区人民政府办公室, 郑州高新技术产业开发区管委会办公室, 2017年全区打击….
 * The last administrative unit of the place name gives the level and the
 * prefix the plan writes its own units with (州公安局, 自治区公安厅, 区商务局).
 */
export interface Place {
  level: LevelId;
  /** The prefix of the plan's own units: 省, 自治区, 市, 州, 盟, 区, 县, 旗, 示范区, 高新区 … */
  prefix: string;
  /** The place as written (临夏回族自治州, 北京市房山区); absent when only 全州/全区 says the level. */
  name?: string;
}

/**
 * Each administrative suffix, longest first, with its level and the prefix
 * units take. A municipality (北京市) names its units 市公安局, 市商务委 like a
 * city, so its plans are read as city plans; a development zone's units
 * carry its own short name (高新区公安分局).
 */
const SUFFIXES: ReadonlyArray<{ suffix: string; level: LevelId; prefix: string }> = [
  { suffix: '高新技术产业开发区', level: 'zone', prefix: '高新区' },
  { suffix: '经济技术开发区', level: 'zone', prefix: '经开区' },
  { suffix: '产城融合示范区', level: 'zone', prefix: '示范区' },
  { suffix: '示范区', level: 'zone', prefix: '示范区' },
  { suffix: '高新区', level: 'zone', prefix: '高新区' },
  { suffix: '经开区', level: 'zone', prefix: '经开区' },
  { suffix: '开发区', level: 'zone', prefix: '开发区' },
  // A 新区 that issues plans is most often a district (浦东新区, 滨海新区), whose units write 区.
  { suffix: '新区', level: 'district', prefix: '区' },
  { suffix: '自治区', level: 'province', prefix: '自治区' },
  { suffix: '自治州', level: 'city', prefix: '州' },
  { suffix: '自治县', level: 'county', prefix: '县' },
  { suffix: '自治旗', level: 'county', prefix: '旗' },
  { suffix: '地区', level: 'city', prefix: '地区' },
  { suffix: '省', level: 'province', prefix: '省' },
  { suffix: '州', level: 'city', prefix: '州' },
  { suffix: '盟', level: 'city', prefix: '盟' },
  { suffix: '市', level: 'city', prefix: '市' },
  { suffix: '区', level: 'district', prefix: '区' },
  { suffix: '县', level: 'county', prefix: '县' },
  { suffix: '旗', level: 'county', prefix: '旗' },
];

/** 全省, 全州 … in a title: the plan's own level, without a place name. */
const WHOLE: Readonly<Record<string, { level: LevelId; prefix: string }>> = {
  省: { level: 'province', prefix: '省' },
  州: { level: 'city', prefix: '州' },
  盟: { level: 'city', prefix: '盟' },
  市: { level: 'city', prefix: '市' },
  县: { level: 'county', prefix: '县' },
  旗: { level: 'county', prefix: '旗' },
};

/** Where a place name ends in a title or an issuer line: the words that follow it. */
const AFTER_PLACE = /(?:\d{4}年|打击|双打|人民政府|行政公署|人大|政协|党委|委员会|管委会|管理委员会|工作领导小组|领导小组|关于|印发|市场监督管理局|市场监管局|知识产权局|商务局|商务委|公安局|办公厅|办公室)/;

/** The longest run of place-name characters at the start of `text` (after a year), ending in an administrative suffix. */
export function placeIn(text: string): Place | undefined {
  const compact = text.replace(/\s+/g, '').replace(/^(?:关于印发)?(?:\d{4}年(?:度)?)?/, '');
  const whole = /^全(省|自治区|州|盟|市|区|县|旗)/.exec(compact);
  if (whole) {
    if (whole[1] === '自治区') return { level: 'province', prefix: '自治区' };
    // 全区 is a district's or an autonomous region's: only the place name, elsewhere in the notice, or the units can tell.
    return whole[1] === '区' ? undefined : WHOLE[whole[1]];
  }
  const end = compact.search(AFTER_PLACE);
  const head = end > 0 ? compact.slice(0, end) : '';
  if (head.length < 2 || head.length > 24 || !/^\p{Script=Han}+$/u.test(head)) return undefined;
  for (const { suffix, level, prefix } of SUFFIXES) {
    if (head === suffix) return { level, prefix };
    if (head.endsWith(suffix)) return { level: countyCity(head, level), prefix, name: head };
  }
  return undefined;
}

/** 经自治区人民政府同意 in a notice: the government whose plan it is, when no title or issuer line names it. */
export function placeInNotice(opening: string): Place | undefined {
  const agreed = /经(\p{Script=Han}{1,16}?)人民政府同意/u.exec(opening.replace(/\s+/g, ''));
  return agreed ? placeIn(`${agreed[1]}人民政府`) : undefined;
}

/** 苏州市昆山市: a city named right under another city is a county-level city, whose units still write 市. */
function countyCity(head: string, level: LevelId): LevelId {
  return level === 'city' && /(?:市|州|盟|地区)[^省市州盟区县旗]{2,4}市$/.test(head) ? 'county' : level;
}

/** “The whole of” a plan's area, as its text says it: 全国, 全省, 全区 (an autonomous region's or a zone's), 全州, 全市, 全县 … */
export function wholeWord(level: LevelId, prefix: string | undefined): string {
  if (level === 'national') return '全国';
  if (level === 'zone' || prefix === '自治区') return '全区';
  return `全${prefix ?? ''}`;
}

/** The words a place is known by in titles: 临夏回族自治州 → 临夏, 北京市房山区 → 房山, 郑州高新技术产业开发区 → 郑州高新. */
export function shortPlaceName(name: string): string | undefined {
  let rest = name;
  const suffix = SUFFIXES.find((s) => rest.endsWith(s.suffix) && rest.length > s.suffix.length);
  if (suffix) rest = rest.slice(0, -suffix.suffix.length);
  if (suffix?.suffix === '高新技术产业开发区') rest += '高新';
  rest = rest.replace(/(?:\p{Script=Han}{1,2}族)+$/u, '');
  // The last unit of a nested name: 北京市房山 → 房山.
  const inner = /(?:省|自治区|市|州|盟|地区)(\p{Script=Han}{2,})$/u.exec(rest);
  const short = inner ? inner[1] : rest;
  return short.length >= 2 ? short : undefined;
}
