/**
 * Deterministic synthetic work plans (工作要点) of a chosen size, for the
 * benchmark. They look like the seeds: an issuing notice, the plan title, a
 * preamble, sections 一、 holding items （一） numbered continuously through the
 * whole plan, each item a title ending in 。 followed by body text with
 * responsibility clauses, some items with 1. sub-items, blank lines between
 * paragraphs, occasional hard line breaks (sometimes inside an agency name)
 * and page markers pasted from PDF, and a few numbering faults.
 *
 * The plan is a Xiamen city plan (its title and issuer name 厦门), so the
 * built-in registry resolves its units: the clauses use the forms of the
 * seeds (负责, 牵头 + 按职责分工负责, 分别牵头, 牵头负责 + 按部门分工分别负责,
 * 等有关部门) with Xiamen's units. With faults on, a few units are mistyped
 * (one character changed or dropped), made up, named twice, or national
 * (公安部 in a city plan), and a few items carry no clause at all.
 *
 * The same (size, seed) always gives the same text. Item shape does not
 * depend on the size, so cost per KB is comparable across sizes; items are
 * long (with sub-items) because continuous level-2 numbers stop at （九百九十九）.
 *
 * As a script: `node out/scripts/synthetic.js BYTES [SEED] > plan.txt`.
 */

import { formatChineseNumeral } from '../server/src/service/text/numerals';

/** mulberry32: small, fast, good enough for generating text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1..999 as a Chinese numeral; the generator stops continuous numbering there. */
function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`no Chinese numeral marker for ${n}`);
  return formatChineseNumeral(n);
}

const AGENCIES = [
  '市公安局', '市市场监管局', '市委宣传部', '市商务局', '厦门海关', '市文旅局', '市农业农村局', '市通信管理局',
  '市委网信办', '市司法局', '市中级法院', '市检察院', '市邮政管理局', '市税务局', '市发改委', '人行厦门中心支行',
  '市工信局', '市知识产权局', '市市政园林局', '市卫健委', '市财政局', '市生态环境局', '市国资委', '市教育局',
  '市打击侵权假冒工作领导小组办公室', '市交通运输局', '市烟草专卖局', '市贸促会',
];

/** Characters a slip of the IME puts in a name: same or similar pinyin as the right one. */
const TYPO_CHARS = ['按', '杆', '常', '间', '政', '证', '商', '尚', '委', '为', '局', '据', '务', '物', '门', '们', '法', '发'];
/** Names no registry knows and nothing resembles. */
const MADE_UP = ['市综合协调推进中心', '东海岸联合工作专班', '市营商环境观察员办公室'];
/** National agencies a city plan copied from the national plan without localising them. */
const NATIONAL = ['公安部', '市场监管总局', '商务部', '海关总署', '文化和旅游部'];

const SECTION_TITLES = [
  '深化重点领域治理和产品监管', '强化知识产权保护', '严惩侵权假冒违法犯罪', '推进法规制度建设', '构建社会共治格局',
  '深化对外交流合作', '推进业务能力建设', '加强组织领导和督促检查', '提升执法协作水平', '夯实基层监管基础',
];

const VERBS = ['加强', '深化', '推进', '严格', '健全', '完善', '强化', '持续开展', '提升', '规范', '加大', '推动'];
const OBJECTS = [
  '互联网侵权假冒治理', '农村和城乡结合部市场治理', '进出口环节侵权假冒治理', '外商投资企业知识产权保护', '重点市场监管',
  '寄递环节监管', '重点产品质量监管', '商标专用权保护', '专利纠纷行政裁决', '版权保护', '地理标志保护', '植物新品种保护',
  '软件正版化工作', '侵权假冒商品无害化销毁', '涉税违法行为查处', '刑事打击力度', '司法保护', '信用体系建设',
  '两法衔接工作', '考核评价机制', '区域协作联动', '信息公开力度', '市场主体责任落实', '行业组织作用发挥',
  '企业知识产权保护服务', '维权援助工作', '教育引导工作', '多双边交流合作', '跨区域执法协作', '海外维权指导',
];
const ACTIONS = [
  '严厉打击在线销售侵权假冒商品、虚假广告、虚假宣传、刷单炒信等违法行为', '加大重点时段抽查和打击力度',
  '督促电子商务企业规范守法经营', '从生产源头、流通渠道、消费终端多管齐下', '完善违法违规网站处置流程',
  '建立健全长效治理机制', '全面清理整治网上涉侵权假冒违法违规信息', '开展“剑网2020”专项行动',
  '组织开展“铁拳”行动', '深入推进“昆仑2020”专项行动', '开展“秋风2020”专项行动', '加强执法人员业务培训',
  '推进执法数据统计应用', '加强形势分析研判', '完善涉嫌犯罪案件移送标准和程序', '健全行政执法与刑事司法衔接机制',
  '落实重点产品质量安全追溯制度', '加大对侵权假冒案件的曝光力度', '推动企业建立知识产权管理制度',
  '指导企业应对海外知识产权纠纷', '加强与周边城市的执法协作', '提升侵权假冒违法犯罪线索发现、收集、甄别能力',
];
const CONNECTIVES = ['', '进一步', '切实', '积极', '持续', '全面', '着力', '不断'];
const CAMPAIGNS = ['“剑网2020”', '“铁拳”', '“昆仑2020”', '“秋风2020”', '“清风”', '“龙腾”', '“蓝网”'];

export interface SyntheticOptions {
  /** Size to reach, in UTF-8 bytes; the plan ends at the first item boundary after it. */
  targetBytes: number;
  seed?: number;
  /** Inject numbering faults and text artifacts (default true). */
  faults?: boolean;
}

export interface SyntheticPlan {
  text: string;
  bytes: number;
  sections: number;
  items: number;
  subItems: number;
  /** Faults injected on purpose, by kind. */
  injected: Record<string, number>;
}

export function generatePlan(options: SyntheticOptions): SyntheticPlan {
  const random = prng(options.seed ?? 20200904);
  const faults = options.faults ?? true;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const injected: Record<string, number> = {};
  const inject = (kind: string) => (injected[kind] = (injected[kind] ?? 0) + 1);

  const parts: string[] = [];
  let bytes = 0;
  let page = 1;
  /** One paragraph followed by a blank line, as pasted from Word. */
  const paragraph = (s: string) => {
    const p = `${s}\n\n`;
    parts.push(p);
    bytes += Buffer.byteLength(p, 'utf8');
  };

  /** A unit as the drafter wrote it: now and then mistyped, made up or national (faults only). */
  const written = (name: string): string => {
    if (!faults) return name;
    const roll = random();
    if (roll < 0.004) {
      // One character changed, never the level prefix: 市公安局 → 市公按局.
      inject('unit-typo');
      const at = between(1, name.length - 1);
      let ch = pick(TYPO_CHARS);
      while (ch === name[at]) ch = pick(TYPO_CHARS);
      return name.slice(0, at) + ch + name.slice(at + 1);
    }
    if (roll < 0.008) {
      inject('unit-dropped'); // one character dropped: 市市场监管局 → 市市场监局
      const at = between(1, name.length - 1);
      return name.slice(0, at) + name.slice(at + 1);
    }
    if (roll < 0.01) {
      inject('unit-made-up');
      return pick(MADE_UP);
    }
    if (roll < 0.012) {
      inject('unit-national'); // 公安部 where 市公安局 is meant
      return pick(NATIONAL);
    }
    return name;
  };
  const clause = (): string => {
    const n = between(1, 6);
    const names = new Set<string>();
    while (names.size < n) names.add(pick(AGENCIES));
    const list = [...names].map(written);
    if (faults && list.length > 2 && chance(0.01)) {
      inject('unit-duplicate'); // the last unit named twice
      list.push(list[list.length - 1]);
    }
    const open = chance(0.08) ? '(' : '（';
    const close = open === '(' ? ')' : '）';
    switch (between(0, 6)) {
      case 0:
        return `${open}${list[0]}负责${close}`;
      case 1:
      case 2:
        return list.length > 1 ? `${open}${list[0]}牵头，${list.slice(1).join('、')}按职责分工负责${close}` : `${open}${list[0]}牵头${close}`;
      case 3:
        return `${open}${list.join('、')}按职责分工负责${close}`;
      case 4:
        return list.length > 1 ? `${open}${list.slice(0, 2).join('、')}分别牵头${list.length > 2 ? `，${list.slice(2).join('、')}按职责分工负责` : ''}${close}` : `${open}${list[0]}负责${close}`;
      case 5:
        return list.length > 2 ? `${open}${list[0]}牵头负责，${list.slice(1).join('、')}等按部门分工分别负责${close}` : `${open}${list.join('、')}按职责分工分别负责${close}`;
      default:
        return `${open}${list.join('、')}等有关部门按职责分工负责${close}`;
    }
  };
  const sentence = (): string => {
    const k = between(1, 3);
    const pieces: string[] = [];
    for (let i = 0; i < k; i++) pieces.push(`${pick(CONNECTIVES)}${pick(ACTIONS)}`);
    if (chance(0.2)) pieces.push(`组织开展${pick(CAMPAIGNS)}专项行动`);
    return `${pick(VERBS)}${pick(OBJECTS)}，${pieces.join('，')}。`;
  };
  /** A task paragraph: groups of sentences, each group closed by a clause. */
  const taskText = (groups: number, clauses = true): string => {
    let s = '';
    for (let g = 0; g < groups; g++) {
      const n = between(2, 4);
      for (let i = 0; i < n; i++) s += sentence();
      if (clauses) s += clause();
    }
    return s;
  };
  /** Pasted-from-PDF artifacts: a hard break mid-sentence, sometimes with a page marker inside it. */
  const artifacts = (s: string): string => {
    if (!faults || s.length < 80 || !chance(0.06)) return s;
    // Break between two Chinese characters, well inside the paragraph (possibly inside an agency name).
    let at = between(30, s.length - 30);
    while (at < s.length - 1 && !/^[\u4e00-\u9fff]{2}$/.test(s[at - 1] + s[at])) at++;
    if (chance(0.25)) {
      inject('page-marker');
      page++;
      return `${s.slice(0, at)}\n\n— ${page} —\n\n${s.slice(at)}`;
    }
    inject('broken-line');
    return `${s.slice(0, at)}\n\n${s.slice(at)}`;
  };

  // The issuing notice, the title and the preamble.
  const plan = '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点';
  paragraph('厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组');
  paragraph('文件');
  paragraph(`厦打假发〔2020〕${between(1, 30)}号`);
  paragraph(`厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组关于印发《${plan}》的通知`);
  paragraph('市打击侵犯知识产权和制售假冒伪劣商品工作领导小组成员单位，各区打击侵犯知识产权和制售假冒伪劣商品工作领导小组：');
  paragraph(`现将《${plan}》印发给你们，请认真贯彻执行。`);
  paragraph('厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组');
  paragraph('2020年9月4日');
  paragraph(plan);
  paragraph(`为深入贯彻落实党中央、国务院关于强化知识产权保护的决策部署，${sentence()}现提出如下工作要点。`);

  let section = 0;
  let item = 0;
  let subItems = 0;
  while (bytes < options.targetBytes) {
    section++;
    paragraph(`${chineseNumeral(section)}、${pick(SECTION_TITLES)}`);
    const itemsInSection = between(4, 8);
    for (let k = 0; k < itemsInSection && bytes < options.targetBytes; k++) {
      item++;
      if (item > 999) throw new RangeError(`a plan of ${options.targetBytes} bytes needs more than 999 continuous items`);
      // Numbering faults, rare and deterministic: one of each kind every so often.
      let marker = `（${chineseNumeral(item)}）`;
      if (faults && item > 3) {
        // Every plan has at least one of the two commonest faults, then a few more at random.
        const roll = item === 5 ? 0.02 : item === 9 ? 0 : random();
        if (roll < 0.006) {
          item++; // a deleted item: numbering.gap
          marker = `（${chineseNumeral(item)}）`;
          inject('gap');
        } else if (roll < 0.012) {
          marker = `（${chineseNumeral(item - 1)}）`; // numbering.duplicate
          inject('duplicate');
        } else if (roll < 0.03) {
          marker = `(${chineseNumeral(item)})`; // half-width: numbering.width
          inject('width');
        } else if (roll < 0.036) {
          marker = `（${chineseNumeral(item)}）、`; // numbering.punctuation
          inject('punctuation');
        }
      }
      const title = `${pick(VERBS)}${pick(OBJECTS)}。`;
      // Now and then an item without sub-items and without any clause: clause.missing.
      if (faults && item > 3 && chance(0.01)) {
        inject('item-without-clause');
        paragraph(artifacts(`${marker}${title}${taskText(between(2, 3), false)}`));
        continue;
      }
      paragraph(artifacts(`${marker}${title}${taskText(between(1, 3))}`));
      const more = between(3, 5);
      for (let p = 0; p < more; p++) paragraph(artifacts(taskText(between(1, 2))));
      if (chance(0.6)) {
        const n = between(2, 7);
        for (let j = 1; j <= n; j++) {
          subItems++;
          const stop = faults && chance(0.01) ? (inject('sub-punctuation'), '、') : '.';
          paragraph(artifacts(`${j}${stop} ${pick(VERBS)}${pick(OBJECTS)}。${taskText(1)}`));
        }
      }
    }
  }
  paragraph('抄送：市委办公厅，市人大常委会办公厅，市政府办公厅，市政协办公厅。');
  paragraph('厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室 2020年9月4日印发');

  const text = parts.join('');
  return { text, bytes: Buffer.byteLength(text, 'utf8'), sections: section, items: item, subItems, injected };
}

if (require.main === module) {
  const [size, seed] = process.argv.slice(2).map(Number);
  if (!(size > 0)) {
    process.stderr.write('Usage: node out/scripts/synthetic.js BYTES [SEED] > plan.txt\n');
    process.exitCode = 2;
  } else {
    const plan = generatePlan({ targetBytes: size, seed: Number.isFinite(seed) ? seed : undefined });
    process.stdout.write(plan.text);
    process.stderr.write(`${plan.bytes} bytes, ${plan.sections} sections, ${plan.items} items, ${plan.subItems} sub-items, injected ${JSON.stringify(plan.injected)}\n`);
  }
}
