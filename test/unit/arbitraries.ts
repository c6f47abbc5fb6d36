import fc from 'fast-check';
import { formatMarker, type Level } from '../../server/src/service/syntax/markers';
import { loadSeed, makeDoc, service, SEED_NAMES, type SeedName } from './util';

/**
 * fast-check generators (arbitraries) of work plan texts for the property
 * tests: the real plans with random edits, plans built at random from the
 * pieces of the real ones, and text that is not a plan at all.
 *
 * A generated case is a `PlanCase`: its source and the edits applied to it,
 * with the resulting text. On failure fast-check prints the case through its
 * `toStringMethod`: the seed's name and the edits (not 20 KB of text), from
 * which `caseText` rebuilds the text exactly.
 */

// ---------------------------------------------------------------------------
// Pieces of the real plans

interface Pools {
  planTitles: string[];
  headingTitles: string[];
  sentences: string[];
  clauses: string[];
  units: string[];
}

let pools: Pools | undefined;

/** Titles, sentences, clauses and unit names read off the five seeds, so that random plans align and name real units. */
export function seedPools(): Pools {
  if (pools) return pools;
  const svc = service();
  const planTitles = new Set<string>();
  const headingTitles = new Set<string>();
  const sentences = new Set<string>();
  const clauses = new Set<string>();
  const units = new Set<string>();
  for (const name of SEED_NAMES) {
    const text = loadSeed(name);
    const plan = svc.parse(makeDoc(text, `test://pools/${name}`));
    if (plan.title) planTitles.add(plan.title.text);
    for (const h of plan.headings) {
      if (h.title.text) headingTitles.add(h.title.text);
      for (const c of h.clauses) {
        clauses.add(c.raw.replace(/\s+/g, ''));
        for (const u of c.content.split(/[、，,；]|牵头负责|牵头|按职责分工分别负责|按职责分工负责|按部门分工分别负责|分别牵头|负责|配合/)) {
          if (u.length >= 2 && u.length <= 20) units.add(u);
        }
      }
    }
    for (const s of text.replace(/（[^（）]*）|\([^()]*\)/g, '').split(/[。\n]/)) {
      const t = s.trim();
      if (t.length >= 6 && t.length <= 80 && !/^[（(]?[一二三四五六七八九十0-9]+[）)]?[、.．]/.test(t)) sentences.add(`${t}。`);
    }
  }
  pools = {
    planTitles: [...planTitles],
    headingTitles: [...headingTitles],
    sentences: [...sentences],
    clauses: [...clauses],
    units: [...units],
  };
  return pools;
}

/** Markers of every level and width, right and wrong. */
export const MARKERS = [
  '一、', '二、', '三、', '七、', '十、', '十二、', '一，', '一.', '一．', '二，',
  '（一）', '（二）', '（五）', '（十）', '（三十五）', '（一百）', '(一)', '(二)', '(五)', '（一）、', '（二）。', '(三)、', '（一)', '(一）',
  '1.', '2.', '9.', '10.', '1．', '2．', '１．', '２．', '1、', '2、', '１、', '1,',
  '（1）', '（2）', '(1)', '(2)', '（１）', '（1）、', '(3)、',
];

/** Pieces of a plan's grammar, for random plan-like text. */
export const PLAN_PIECES = [
  ...MARKERS,
  '（', '）', '(', ')', '、', '，', ',', '。', '；', '：', '“', '”', '《', '》', '〔', '〕',
  '牵头', '负责', '牵头，', '按职责分工负责', '按职责分工分别负责', '分别牵头', '牵头负责', '等有关部门', '有关部门', '相关成员单位', '等',
  '市公安局', '市市场监管局', '厦门海关', '公安部', '市场监管总局', '区商投局', '示范区公安局', '市公按局', '市委宣传部', '农业农村局',
  '工作要点', '通知', '〔2020〕1号', '2020年', '2020 年', '5月27日', '印发', '剑网2020', '铁拳',
  '\n', '\n', '\n\n', '\r\n', '\r', ' ', '\u3000', '\t', '— 2 —', '- 3 -', '第 3 页',
  '0', '1', '2', '3', '9', '12', '１', '２',
];

/** Single Chinese characters of the plans' vocabulary. */
export const HAN = [...'加强监管打击侵权假冒治理推进建设完善制度开展专项行动市场网络知识产权保护执法严厉查处违法犯罪案件宣传教育一二三四五六七八九十百'];

/** Unicode that is not a plan's: astral characters, emoji sequences, combining marks, invisible and control characters, lone surrogates. */
export const ODD_UNICODE = [
  '𠮷', '𠀀', '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '𝟏', 'e\u0301', '\u0301', '\u0301\u0302', '\u20dd', '\u3099',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\ufffe', '\ufffd', '\u202e', '\u200f',
  '\ud800', '\udc00', '\udbff', '\udfff', '\udc00\ud800', '\ud83d',
  '\u0000', '\u0007', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\u00a0', '\u3000', '\t', '\u001b[31m',
  '（\ud800', '\ud800）', '𠮷（', '（𠮷', '😀、',
];

export const PAGE_MARKERS = ['— 3 —', '— 12 —', '—3—', '－ 3 －', '- 3 -', '– 7 –', '— ３ —', '第 3 页', '第3页', ' — 2 — ', '—— 4 ——'];

export const EOLS = ['\n', '\r\n', '\r'] as const;

// ---------------------------------------------------------------------------
// Random text

export const planishText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof({ arbitrary: fc.constantFrom(...PLAN_PIECES), weight: 3 }, { arbitrary: fc.constantFrom(...HAN), weight: 2 }, { arbitrary: fc.constantFrom(...ODD_UNICODE), weight: 1 }),
  maxLength: 600,
  size: 'large',
});

/** Any code points (`binary`), graphemes, or UTF-16 code units including lone surrogates. */
export const unicodeText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400, size: 'large' }),
  fc.string({ unit: 'grapheme', maxLength: 300, size: 'large' }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...ODD_UNICODE, ...PLAN_PIECES), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 400, size: 'large' }),
);

/** A short piece of text to insert: plan-like, odd Unicode or anything. */
const insertion: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...PLAN_PIECES), fc.constantFrom(...HAN)), minLength: 1, maxLength: 12 }), weight: 4 },
  { arbitrary: fc.constantFrom(...ODD_UNICODE), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), weight: 1 },
);

// ---------------------------------------------------------------------------
// Edits

/** A place in the current text, as a fraction of its length (0..FRACTION): edits stay meaningful as earlier edits or shrinking change the text. */
const FRACTION = 1_000_000;
const place = fc.integer({ min: 0, max: FRACTION });

export type MarkerChange = 'half' | 'full' | 'next' | 'previous' | 'deeper' | 'shallower' | 'comma' | 'enumerationComma' | 'drop';

export type Op =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'replaceMarker'; which: number; change: MarkerChange | { marker: string } }
  | { kind: 'bracket'; at: number; bracket: string }
  | { kind: 'lineEndings'; from: number; count: number; eol: (typeof EOLS)[number] }
  | { kind: 'unicode'; at: number; text: string }
  | { kind: 'pageMarker'; line: number; marker: string; inline: boolean }
  | { kind: 'longLine'; at: number; piece: string; times: number }
  | { kind: 'joinLines'; line: number; count: number }
  | { kind: 'insertLine'; line: number; text: string };

export function opArbitrary(): fc.Arbitrary<Op> {
  const { headingTitles, sentences, clauses } = seedPools();
  const line = place;
  const headingLine = fc
    .tuple(fc.constantFrom(...MARKERS), fc.constantFrom(...headingTitles), fc.option(fc.constantFrom(...sentences)), fc.option(fc.constantFrom(...clauses)))
    .map(([m, t, s, c]) => `${m}${t}${t.endsWith('。') ? '' : '。'}${s ?? ''}${c ?? ''}`);
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: place, text: insertion }),
    fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('duplicateLine' as const), line }),
    fc.record({ kind: fc.constant('swapLines' as const), a: line, b: line }),
    fc.record({
      kind: fc.constant('replaceMarker' as const),
      which: fc.nat(),
      change: fc.oneof(
        fc.constantFrom<MarkerChange>('half', 'full', 'next', 'previous', 'deeper', 'shallower', 'comma', 'enumerationComma', 'drop'),
        fc.record({ marker: fc.constantFrom(...MARKERS) }),
      ),
    }),
    fc.record({ kind: fc.constant('bracket' as const), at: place, bracket: fc.constantFrom('（', '）', '(', ')', '（市公安局牵头', '负责）', '（（', '））') }),
    fc.record({ kind: fc.constant('lineEndings' as const), from: line, count: fc.integer({ min: 1, max: 2000 }), eol: fc.constantFrom(...EOLS) }),
    fc.record({ kind: fc.constant('unicode' as const), at: place, text: fc.oneof(fc.constantFrom(...ODD_UNICODE), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })) }),
    fc.record({ kind: fc.constant('pageMarker' as const), line, marker: fc.constantFrom(...PAGE_MARKERS), inline: fc.boolean() }),
    fc.record({
      kind: fc.constant('longLine' as const),
      at: place,
      piece: fc.oneof(fc.constantFrom('加强监管', '（市公安局负责）', '、', '一', '𠮷', ' ', '市公安局、'), fc.constantFrom(...sentences)),
      times: fc.integer({ min: 100, max: 1500 }),
    }),
    fc.record({ kind: fc.constant('joinLines' as const), line, count: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('insertLine' as const), line, text: fc.oneof(headingLine, fc.constantFrom(...sentences), fc.constantFrom(...clauses)) }),
  );
}

function offsetOf(text: string, at: number): number {
  return Math.min(text.length, Math.floor((at / (FRACTION + 1)) * (text.length + 1)));
}

/** Lines with the break that ends each (the last has ''). */
function splitKeep(text: string): Array<{ body: string; eol: string }> {
  const out: Array<{ body: string; eol: string }> = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ body: text.slice(from, m.index), eol: m[0] });
    from = m.index + m[0].length;
  }
  out.push({ body: text.slice(from), eol: '' });
  return out;
}

function joinKeep(lines: Array<{ body: string; eol: string }>): string {
  let out = '';
  lines.forEach((l, i) => {
    // A line moved to the end must not lose its break, nor the last line keep one it did not have.
    const eol = i === lines.length - 1 ? '' : l.eol || '\n';
    out += l.body + eol;
  });
  return out;
}

function lineOf(count: number, at: number): number {
  return Math.min(count - 1, Math.floor((at / (FRACTION + 1)) * count));
}

const MARKER_RE = /^([\s\u3000]*)((?:[（(][一二三四五六七八九十百零〇0-9０-９]+[）)])|(?:[一二三四五六七八九十百零〇]+[、，,.．])|(?:[0-9０-９]+[.．、,，]))/;

const HALF: Record<string, string> = { '（': '(', '）': ')', '．': '.' };
const FULL: Record<string, string> = { '(': '（', ')': '）', '.': '．' };

function changeMarker(marker: string, change: MarkerChange | { marker: string }): string {
  if (typeof change === 'object') return change.marker;
  const numeral = /[一二三四五六七八九十百零〇]+/.exec(marker)?.[0];
  const digits = /[0-9０-９]+/.exec(marker)?.[0];
  const chinese = numeral !== undefined;
  const value = chinese ? chineseValue(numeral!) : Number((digits ?? '1').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  const bracketed = /^[（(]/.test(marker);
  const level: Level = chinese ? (bracketed ? 2 : 1) : bracketed ? 4 : 3;
  switch (change) {
    case 'half':
      return marker.replace(/[（）．]/g, (c) => HALF[c]).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
    case 'full':
      return marker.replace(/[().]/g, (c) => FULL[c]);
    case 'next':
      return formatMarker(level, value + 1, /^[(]|\.$/.test(marker) ? 'half' : 'full');
    case 'previous':
      return formatMarker(level, Math.max(1, value - 1), /^[(]|\.$/.test(marker) ? 'half' : 'full');
    case 'deeper':
      return formatMarker(Math.min(4, level + 1) as Level, value, 'full');
    case 'shallower':
      return formatMarker(Math.max(1, level - 1) as Level, value, 'full');
    case 'comma':
      return marker.replace(/[、.．]$/, '，');
    case 'enumerationComma':
      return /[）)]$/.test(marker) ? `${marker}、` : marker.replace(/[.．，,]$/, '、');
    case 'drop':
      return '';
  }
}

function chineseValue(s: string): number {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else current = digits[ch] ?? 0;
  }
  return Math.max(1, total + current);
}

/** Applies one edit to a text; every edit is defined on any text, the empty one included. */
export function applyOp(text: string, op: Op): string {
  switch (op.kind) {
    case 'insert':
    case 'unicode': {
      const at = offsetOf(text, op.at);
      return text.slice(0, at) + op.text + text.slice(at);
    }
    case 'bracket': {
      const at = offsetOf(text, op.at);
      return text.slice(0, at) + op.bracket + text.slice(at);
    }
    case 'delete': {
      const at = offsetOf(text, op.at);
      return text.slice(0, at) + text.slice(Math.min(text.length, at + op.length));
    }
    case 'longLine': {
      const at = offsetOf(text, op.at);
      return text.slice(0, at) + op.piece.repeat(op.times).slice(0, 12000) + text.slice(at);
    }
    case 'duplicateLine': {
      const lines = splitKeep(text);
      const i = lineOf(lines.length, op.line);
      lines.splice(i, 0, { ...lines[i], eol: lines[i].eol || '\n' });
      return joinKeep(lines);
    }
    case 'swapLines': {
      const lines = splitKeep(text);
      const a = lineOf(lines.length, op.a);
      const b = lineOf(lines.length, op.b);
      const bodyA = lines[a].body;
      lines[a] = { ...lines[a], body: lines[b].body };
      lines[b] = { ...lines[b], body: bodyA };
      return joinKeep(lines);
    }
    case 'replaceMarker': {
      const lines = splitKeep(text);
      const marked = lines.map((l, i) => ({ i, m: MARKER_RE.exec(l.body) })).filter((x) => x.m);
      if (marked.length === 0) return text;
      const { i, m } = marked[op.which % marked.length];
      const [, indent, marker] = m!;
      lines[i] = { ...lines[i], body: indent + changeMarker(marker, op.change) + lines[i].body.slice(indent.length + marker.length) };
      return joinKeep(lines);
    }
    case 'lineEndings': {
      const lines = splitKeep(text);
      const from = lineOf(lines.length, op.from);
      for (let i = from; i < Math.min(lines.length - 1, from + op.count); i++) lines[i].eol = op.eol;
      return joinKeep(lines);
    }
    case 'pageMarker': {
      const lines = splitKeep(text);
      const i = lineOf(lines.length, op.line);
      if (op.inline) {
        // Pasted from a PDF: the page marker cuts a line in two.
        const body = lines[i].body;
        const cut = Math.floor(body.length / 2);
        lines.splice(i, 1, { body: body.slice(0, cut), eol: '\n' }, { body: op.marker, eol: '\n' }, { body: body.slice(cut), eol: lines[i].eol });
      } else {
        lines.splice(i, 0, { body: op.marker, eol: '\n' }, { body: '', eol: '\n' });
      }
      return joinKeep(lines);
    }
    case 'joinLines': {
      const lines = splitKeep(text);
      const i = lineOf(lines.length, op.line);
      for (let k = i; k < Math.min(lines.length - 1, i + op.count); k++) lines[k].eol = '';
      return lines.map((l) => l.body + l.eol).join('');
    }
    case 'insertLine': {
      const lines = splitKeep(text);
      const i = lineOf(lines.length, op.line);
      lines.splice(i, 0, { body: op.text, eol: '\n' });
      return joinKeep(lines);
    }
  }
}

export function applyOps(text: string, ops: readonly Op[]): string {
  return ops.reduce(applyOp, text);
}

// ---------------------------------------------------------------------------
// Random plans built from the seeds' pieces (fc.letrec: sections → items → sub-items)

type PlanNode = {
  title: string;
  body: string[];
  clause: string | null;
  /** Added to the expected number: 0 mostly, else a gap, a duplicate or a step back. */
  skew: number;
  /** 0 canonical, 1 half-width, 2 full-width digits, 3 wrong punctuation, 4 title on a line of its own. */
  style: number;
  children: PlanNode[];
};

export type PlanTree = {
  notice: boolean;
  title: string | null;
  continuous: boolean;
  blank: boolean;
  indent: boolean;
  sections: PlanNode[];
};

function planTreeArbitrary(): fc.Arbitrary<PlanTree> {
  const { headingTitles, sentences, clauses, units, planTitles } = seedPools();
  const clause = fc.oneof(
    { arbitrary: fc.constantFrom(...clauses), weight: 3 },
    {
      arbitrary: fc
        .tuple(fc.uniqueArray(fc.constantFrom(...units), { minLength: 1, maxLength: 4 }), fc.constantFrom('负责', '牵头', '按职责分工负责', '分别牵头', '牵头负责', ''), fc.constantFrom('（', '('), fc.constantFrom('）', ')', ''))
        .map(([us, role, open, close]) => `${open}${us.join('、')}${role}${close}`),
      weight: 2,
    },
  );
  const fields = {
    title: fc.constantFrom(...headingTitles),
    body: fc.array(fc.constantFrom(...sentences), { maxLength: 3 }),
    clause: fc.option(clause, { freq: 4 }),
    skew: fc.oneof({ arbitrary: fc.constant(0), weight: 12 }, { arbitrary: fc.integer({ min: -2, max: 2 }), weight: 1 }),
    style: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }),
  };
  const { node } = fc.letrec<{ node: PlanNode; leaf: PlanNode; inner: PlanNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('inner')),
    leaf: fc.record({ ...fields, children: fc.constant([]) }),
    inner: fc.record({ ...fields, children: fc.array(tie('node'), { minLength: 1, maxLength: 6 }) }),
  }));
  return fc.record({
    notice: fc.boolean(),
    title: fc.option(fc.constantFrom(...planTitles, '2020年某市打击侵犯知识产权和制售假冒伪劣商品工作要点'), { freq: 5 }),
    continuous: fc.boolean(),
    blank: fc.boolean(),
    indent: fc.boolean(),
    sections: fc.array(node, { minLength: 1, maxLength: 8 }),
  });
}

export function renderPlan(tree: PlanTree): string {
  const lines: string[] = [];
  const push = (...ls: string[]) => {
    for (const l of ls) {
      lines.push(l);
      if (tree.blank) lines.push('');
    }
  };
  if (tree.notice) push('厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组', '厦打假发〔2020〕1号', '关于印发《工作要点》的通知', '各成员单位：', '现将《工作要点》印发给你们，请认真贯彻执行。', '2020年9月4日');
  if (tree.title) push(tree.title);
  const counters = [0, 0, 0, 0, 0];
  const visit = (n: PlanNode, level: number) => {
    if (level > 4) {
      push(`${n.title}${n.body.join('')}${n.clause ?? ''}`);
      n.children.forEach((c) => visit(c, level));
      return;
    }
    counters[level] += 1;
    for (let deeper = level + 1; deeper <= 4; deeper++) if (!(deeper === 2 && tree.continuous)) counters[deeper] = 0;
    const value = Math.max(1, counters[level] + n.skew);
    const lvl = level as Level;
    let marker = formatMarker(lvl, value, n.style === 1 || (lvl === 3 && n.style === 0) ? 'half' : 'full', n.style === 2);
    if (n.style === 3) marker = lvl === 1 ? marker.replace('、', '，') : lvl === 3 ? marker.replace(/[.．]/, '、') : `${marker}、`;
    const indent = tree.indent ? '\u3000\u3000' : '';
    const title = n.title.endsWith('。') ? n.title : `${n.title}。`;
    if (level === 1 || n.style === 4) {
      push(`${indent}${marker}${n.title}`);
      if (n.body.length > 0 || n.clause) push(`${indent}${n.body.join('')}${n.clause ?? ''}`);
    } else {
      push(`${indent}${marker}${title}${n.body.join('')}${n.clause ?? ''}`);
    }
    n.children.forEach((c) => visit(c, level + 1));
  };
  tree.sections.forEach((s) => visit(s, 1));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Cases

export type Source =
  | { kind: 'seed'; seed: SeedName; window: null | { from: number; lines: number } }
  | { kind: 'tree'; tree: PlanTree }
  | { kind: 'text'; text: string };

export interface PlanCase {
  source: Source;
  ops: Op[];
  text: string;
}

function sourceText(source: Source): string {
  switch (source.kind) {
    case 'seed': {
      const text = loadSeed(source.seed);
      if (!source.window) return text;
      const lines = text.split('\n');
      const from = lineOf(lines.length, source.window.from);
      return lines.slice(from, from + source.window.lines).join('\n');
    }
    case 'tree':
      return renderPlan(source.tree);
    case 'text':
      return source.text;
  }
}

/** The text of a case from its source and edits, e.g. to replay a counterexample fast-check printed. */
export function caseText(source: Source, ops: readonly Op[]): string {
  return applyOps(sourceText(source), ops);
}

function describeSource(source: Source): string {
  switch (source.kind) {
    case 'seed':
      return `{kind:'seed',seed:${JSON.stringify(source.seed)},window:${JSON.stringify(source.window)}}`;
    case 'tree':
      return `{kind:'tree',text:${JSON.stringify(renderPlan(source.tree))}}`;
    case 'text':
      return `{kind:'text',text:${JSON.stringify(source.text)}}`;
  }
}

function makeCase(source: Source, ops: Op[]): PlanCase {
  const text = caseText(source, ops);
  const c: PlanCase & fc.WithToStringMethod = {
    source,
    ops,
    text,
    [fc.toStringMethod]: () => `PlanCase(source=${describeSource(source)}, ops=${JSON.stringify(ops)}, length=${text.length})`,
  };
  return c;
}

const seedSource: fc.Arbitrary<Source> = fc.record({
  kind: fc.constant('seed' as const),
  seed: fc.constantFrom(...SEED_NAMES),
  window: fc.option(fc.record({ from: place, lines: fc.integer({ min: 1, max: 120 }) }), { freq: 3, nil: null }),
});

/** A seed (whole, or a window of its lines) with 1–20 random edits. */
export function mutatedSeed(): fc.Arbitrary<PlanCase> {
  return fc.tuple(seedSource, fc.array(opArbitrary(), { minLength: 1, maxLength: 20 })).map(([s, ops]) => makeCase(s, ops));
}

/** Text that is no plan: plan-like pieces at random, or any Unicode. */
export function randomText(): fc.Arbitrary<PlanCase> {
  return fc.oneof(planishText, unicodeText).map((text) => makeCase({ kind: 'text', text }, []));
}

/** A plan built at random from the seeds' pieces, with 0–8 random edits. */
export function randomPlan(): fc.Arbitrary<PlanCase> {
  return fc.tuple(planTreeArbitrary(), fc.array(opArbitrary(), { maxLength: 8 })).map(([tree, ops]) => makeCase({ kind: 'tree', tree }, ops));
}

/** Every kind of input: mutated seeds most often (they are what drafters edit), random plans, random text. */
export function planCase(): fc.Arbitrary<PlanCase> {
  return fc.oneof({ arbitrary: mutatedSeed(), weight: 5 }, { arbitrary: randomPlan(), weight: 3 }, { arbitrary: randomText(), weight: 2 });
}

/** A document and a later version of it: 1–3 rounds of 1–5 edits, as a drafter types. */
export interface EditedCase {
  base: PlanCase;
  versions: string[];
  rounds: Op[][];
}

export function editedCase(): fc.Arbitrary<EditedCase & fc.WithToStringMethod> {
  return fc.tuple(planCase(), fc.array(fc.array(opArbitrary(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 })).map(([base, rounds]) => {
    const versions: string[] = [];
    let text = base.text;
    for (const r of rounds) {
      text = applyOps(text, r);
      versions.push(text);
    }
    return {
      base,
      rounds,
      versions,
      [fc.toStringMethod]: () => `EditedCase(base=${fc.stringify(base)}, rounds=${JSON.stringify(rounds)})`,
    };
  });
}

/** A position to probe: anywhere (past the end of a line or of the document included), or near a character that matters. */
export type Probe = { kind: 'anywhere'; line: number; character: number } | { kind: 'near'; char: string; nth: number; delta: number };

export const probe: fc.Arbitrary<Probe> = fc.oneof(
  fc.record({ kind: fc.constant('anywhere' as const), line: fc.nat(), character: fc.nat() }),
  fc.record({
    kind: fc.constant('near' as const),
    // 'pair': between the two halves of a surrogate pair (𠮷, 😀), where no editor puts its cursor but a client may ask.
    char: fc.constantFrom('（', '(', '、', '，', '局', '部', '）', '。', '\n', '\r', '\ud800', '\udc00', 'pair'),
    nth: fc.nat(),
    delta: fc.integer({ min: -3, max: 3 }),
  }),
);
