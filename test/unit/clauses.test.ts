import * as assert from 'assert';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { createLanguageService, parseClause, type ParsedClause, type WorkplanLanguageService } from '../../server/src/service';
import { Registry } from '../../server/src/service/registry/registry';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { freshDoc, joinLines, loadSeed, service, withCursor } from './util';

/**
 * The clause grammar (syntax/clauses.ts) on every form DOMAIN.md lists, each
 * in a small plan so that the parser finds the clause where a drafter puts
 * it: after the sentences it closes.
 */

const svc = service();
const REGISTRY = new Registry(BUILTIN_REGISTRY);

/** A one-item plan whose item ends in `clause`. */
function planWith(clause: string, title = '2020年某市打击侵犯知识产权和制售假冒伪劣商品工作要点'): string {
  return joinLines(title, '', '一、总体要求', '', `（一）加强网络市场监管。严厉打击侵权假冒违法行为。${clause}`, '');
}

/** Every clause of the plan, parsed; each unit's range must hold exactly its name (spaces and line breaks aside). */
function parsedClauses(text: string, s: WorkplanLanguageService = svc): ParsedClause[] {
  const plan = s.parse(freshDoc(text));
  const parsed = plan.headings.flatMap((h) => h.clauses).map(parseClause);
  for (const p of parsed) {
    for (const u of p.units) {
      assert.strictEqual(text.slice(u.start, u.end).replace(/\s+/g, ''), u.text, `range of ${u.text}`);
      assert.strictEqual(p.clause.content.slice(u.contentStart, u.contentEnd), u.text, `content range of ${u.text}`);
    }
  }
  return parsed;
}

/** `role:name` for every unit of the one clause, with 等 kept where the clause writes it. */
function roles(clause: string): string[] {
  const parsed = parsedClauses(planWith(clause));
  assert.strictEqual(parsed.length, 1, `${clause} is one clause`);
  return parsed[0].units.map((u) => `${u.role}:${u.text}${u.etc ? '等' : ''}`);
}

function phrases(clause: string): string[] {
  return parsedClauses(planWith(clause))[0].phrases;
}

function agencyCodes(text: string, s: WorkplanLanguageService = svc): string[] {
  return s.computeDiagnostics(freshDoc(text)).filter((d) => /^(agency|clause)\./.test(d.code)).map((d) => `${d.code} ${d.message}`);
}

describe('clause grammar', () => {
  describe('roles', () => {
    it('sole owner: （公安部负责）', () => {
      assert.deepStrictEqual(roles('（公安部负责）'), ['owner:公安部']);
      assert.deepStrictEqual(phrases('（公安部负责）'), ['负责']);
    });

    it('lead and partners: （市市场监管局牵头，市委宣传部、市公安局按职责分工负责）', () => {
      assert.deepStrictEqual(roles('（市市场监管局牵头，市委宣传部、市公安局按职责分工负责）'), ['lead:市市场监管局', 'partner:市委宣传部', 'partner:市公安局']);
      assert.deepStrictEqual(phrases('（市市场监管局牵头，市委宣传部、市公安局按职责分工负责）'), ['牵头', '按职责分工负责']);
    });

    it('shared ownership: 按职责分工负责, 按职责分工分别负责, 按部门分工分别负责, 负责', () => {
      assert.deepStrictEqual(roles('（市公安局、市商务局、市市场监管局按职责分工负责）'), ['owner:市公安局', 'owner:市商务局', 'owner:市市场监管局']);
      assert.deepStrictEqual(roles('（市公安局、市商务局按职责分工分别负责）'), ['owner:市公安局', 'owner:市商务局']);
      assert.deepStrictEqual(phrases('（市公安局、市商务局按职责分工分别负责）'), ['按职责分工分别负责']);
      assert.deepStrictEqual(roles('（市公安局、市商务局按部门分工分别负责）'), ['owner:市公安局', 'owner:市商务局']);
      assert.deepStrictEqual(phrases('（市公安局、市商务局按部门分工分别负责）'), ['按部门分工分别负责']);
      assert.deepStrictEqual(roles('（市公安局、市商务局负责）'), ['owner:市公安局', 'owner:市商务局']);
    });

    it('leads only: 分别牵头, 按职责分工牵头, 牵头', () => {
      assert.deepStrictEqual(roles('（发展改革委、市场监管总局分别牵头）'), ['lead:发展改革委', 'lead:市场监管总局']);
      assert.deepStrictEqual(phrases('（发展改革委、市场监管总局分别牵头）'), ['分别牵头']);
      assert.deepStrictEqual(roles('（市发改委、市市场监管局按职责分工牵头）'), ['lead:市发改委', 'lead:市市场监管局']);
      assert.deepStrictEqual(roles('（市打击侵权假冒工作领导小组办公室牵头）'), ['lead:市打击侵权假冒工作领导小组办公室']);
    });

    it('牵头负责 with partners 按职责分工分别负责 (Guandu)', () => {
      assert.deepStrictEqual(roles('（区委宣传部牵头负责，区科信局、区财政局按职责分工分别负责）'), ['lead:区委宣传部', 'partner:区科信局', 'partner:区财政局']);
      assert.deepStrictEqual(phrases('（区委宣传部牵头负责，区科信局、区财政局按职责分工分别负责）'), ['牵头负责', '按职责分工分别负责']);
    });

    it('several leads, then partners: （A、B牵头，C按职责分工负责）', () => {
      assert.deepStrictEqual(roles('（市发改委、人行厦门中心支行牵头，领导小组有关成员单位按职责分工负责）'), ['lead:市发改委', 'lead:人行厦门中心支行', 'partner:领导小组有关成员单位']);
    });

    it('、 right after role words ends a segment: （A牵头、B按职责分工负责） (Jiyuan)', () => {
      assert.deepStrictEqual(roles('（示范区党工委宣传部牵头、示范区市场监管局按职责分工负责）'), ['lead:示范区党工委宣传部', 'partner:示范区市场监管局']);
    });

    it('负责落实 and 分别负责落实 (real plans of other cities): the role words before 落实', () => {
      assert.deepStrictEqual(roles('（市规划国土委负责落实）'), ['owner:市规划国土委']);
      assert.deepStrictEqual(roles('（市教委、市体育局分别负责落实）'), ['owner:市教委', 'owner:市体育局']);
      assert.deepStrictEqual(roles('（市交通委牵头，市公安局按职责分工负责落实）'), ['lead:市交通委', 'partner:市公安局']);
    });

    it('the labelled form: 牵头单位 leads, 责任单位 and 配合单位 partner, 时限 and 以下统称 name no unit', () => {
      assert.deepStrictEqual(roles('（责任时限：2022年底前，牵头单位：市财政局、市工业和信息化局，责任单位：各县（区）政府、市政府各部门，以下统称各县（区）政府）'), [
        'lead:市财政局', 'lead:市工业和信息化局', 'partner:各县（区）政府', 'partner:市政府各部门',
      ]);
      assert.deepStrictEqual(roles('（牵头单位：市市场监管局；配合单位：市公安局、市商务局）'), ['lead:市市场监管局', 'partner:市公安局', 'partner:市商务局']);
      assert.deepStrictEqual(roles('（责任单位：市市场监管局、市公安局；完成时限：2022年12月底）'), ['owner:市市场监管局', 'owner:市公安局']);
      assert.strictEqual(parsedClauses(planWith('（完成时限：2022年底）')).length, 0, 'a time limit alone is no clause');
    });

    it('the units of these forms are checked like any: a typo in a labelled clause is reported', () => {
      const ds = svc.computeDiagnostics(freshDoc(planWith('（牵头单位：市市场监管局；配合单位：市公按局）'))).filter((d) => d.code.startsWith('agency.'));
      assert.deepStrictEqual(ds.map((d) => `${d.code} ${d.message}`), ['agency.unknown 未登记的单位“市公按局”，是否应为“市公安局”']);
      const lacks = svc.computeDiagnostics(freshDoc(planWith('（市规划国土委负责落实）'))).filter((d) => d.code.startsWith('agency.') || d.code === 'clause.missing');
      assert.deepStrictEqual(lacks, [], '市规划国土委 is a city unit, and the item has its clause');
    });

    it('a segment without role words shares the role of the next: （A、B，C负责）', () => {
      assert.deepStrictEqual(roles('（市公安局、市商务局，市市场监管局负责）'), ['owner:市公安局', 'owner:市商务局', 'owner:市市场监管局']);
    });
  });

  describe('placeholders, 等 and 及', () => {
    it('有关部门, 相关成员单位, 领导小组有关成员单位, 有关单位 are units of the clause that the registry calls placeholders', () => {
      const cases: Array<[string, string[]]> = [
        ['（市公安局牵头，有关部门按职责分工负责）', ['lead:市公安局', 'partner:有关部门']],
        ['（市打击侵权假冒工作领导小组办公室牵头，相关成员单位按职责分工负责）', ['lead:市打击侵权假冒工作领导小组办公室', 'partner:相关成员单位']],
        ['（市市场监管局牵头，领导小组有关成员单位按职责分工负责）', ['lead:市市场监管局', 'partner:领导小组有关成员单位']],
        ['（市公安局、市商务局等有关单位负责）', ['owner:市公安局', 'owner:市商务局等', 'owner:有关单位']],
      ];
      for (const [clause, expected] of cases) {
        assert.deepStrictEqual(roles(clause), expected, clause);
        const placeholder = expected[expected.length - 1].replace(/^\w+:/, '');
        assert.ok(REGISTRY.isPlaceholder(placeholder), `${placeholder} is a placeholder`);
        assert.deepStrictEqual(agencyCodes(planWith(clause)), [], `${clause}: a placeholder is not an unknown unit`);
      }
      for (const name of ['市公安局', '公安部', '示范区市场监管局', '区委宣传部']) assert.ok(!REGISTRY.isPlaceholder(name), name);
    });

    it('a trailing 等 marks the unit before it, and is not part of its name', () => {
      assert.deepStrictEqual(roles('（市公安局、市商务局等按职责分工负责）'), ['owner:市公安局', 'owner:市商务局等']);
      assert.deepStrictEqual(roles('（市市场监管局牵头，市公安局、市商务局等按职责分工负责）'), ['lead:市市场监管局', 'partner:市公安局', 'partner:市商务局等']);
      assert.deepStrictEqual(agencyCodes(planWith('（市公安局、市商务局等按职责分工负责）')), []);
    });

    it('等 before a placeholder (Jiyuan: …市检察院等有关单位; …生态环境局等领导小组有关成员单位)', () => {
      assert.deepStrictEqual(
        roles('（示范区党工委宣传部、示范区市场监管局、省检察院济源分院、市检察院等有关单位按职责分工负责）'),
        ['owner:示范区党工委宣传部', 'owner:示范区市场监管局', 'owner:省检察院济源分院', 'owner:市检察院等', 'owner:有关单位'],
      );
      assert.deepStrictEqual(
        roles('（示范区市场监管局牵头，示范区公安局、生态环境局等领导小组有关成员单位按职责分工负责）'),
        ['lead:示范区市场监管局', 'partner:示范区公安局', 'partner:生态环境局等', 'partner:领导小组有关成员单位'],
      );
    });

    it('及 joins two units like 、', () => {
      assert.deepStrictEqual(
        roles('（示范区打击侵权假冒工作领导小组办公室及领导小组有关成员单位按职责分工负责）'),
        ['owner:示范区打击侵权假冒工作领导小组办公室', 'owner:领导小组有关成员单位'],
      );
    });
  });

  describe('as pasted', () => {
    it('half-width brackets and commas parse as the full-width ones', () => {
      const full = roles('（市市场监管局牵头，市委宣传部、市公安局按职责分工负责）');
      assert.deepStrictEqual(roles('(市市场监管局牵头,市委宣传部、市公安局按职责分工负责)'), full);
      assert.deepStrictEqual(roles('（市市场监管局牵头,市委宣传部、市公安局按职责分工负责)'), full);
      assert.deepStrictEqual(roles('(市公安局负责)'), ['owner:市公安局']);
    });

    it('a line break inside a unit name: 市通信 / 管理局 is one unit 市通信管理局 whose range spans both lines', () => {
      const text = joinLines(
        '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点',
        '',
        '一、总体要求',
        '',
        '（一）加强网络市场监管。（市委宣传部、市通信',
        '',
        '管理局、市公安局按职责分工负责）',
        '',
      );
      const [clause] = parsedClauses(text);
      assert.deepStrictEqual(clause.units.map((u) => u.text), ['市委宣传部', '市通信管理局', '市公安局']);
      const unit = clause.units[1];
      assert.strictEqual(text.slice(unit.start, unit.end), '市通信\n\n管理局');
      const index = new LineIndex(text);
      const lines = text.split('\n');
      assert.deepStrictEqual(index.range(unit.start, unit.end), { start: { line: 4, character: lines[4].indexOf('市通信') }, end: { line: 6, character: 3 } });
      // A registered unit: only the broken line is reported.
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(text)).map((d) => d.code), ['text.broken-line']);
    });

    it('a line break inside the role words and spaces in names do not change the units', () => {
      const text = joinLines('一、总体要求', '（一）加强网络市场监管。（市市场监管局牵头，市公安局按职责分工', '', '负责）', '（二）严格监管。（市 公安局负责）', '');
      const parsed = parsedClauses(text);
      assert.deepStrictEqual(parsed.map((p) => p.units.map((u) => `${u.role}:${u.text}`)), [['lead:市市场监管局', 'partner:市公安局'], ['owner:市公安局']]);
    });

    it('one task paragraph may carry several clauses, each closing the sentences before it', () => {
      const text = planWith('（市公安局负责）深入推进查办电子商务领域产品质量违法案件。（市商务局牵头，市公安局按职责分工负责）');
      const parsed = parsedClauses(text);
      assert.deepStrictEqual(parsed.map((p) => p.units.map((u) => `${u.role}:${u.text}`)), [['owner:市公安局'], ['lead:市商务局', 'partner:市公安局']]);
    });

    it('every clause of every seed parses into units whose ranges hold their names', () => {
      for (const name of ['national-2020', 'xiamen-city-2020', 'guandu-district-2020', 'jiyuan-zone-2023']) {
        const parsed = parsedClauses(loadSeed(name));
        assert.ok(parsed.length >= 50, `${name}: ${parsed.length} clauses`);
        for (const p of parsed) {
          assert.ok(p.units.length > 0, `${name}: ${p.clause.raw} names units`);
          assert.ok(p.phrases.length > 0, `${name}: ${p.clause.raw} has role words`);
          for (const u of p.units) assert.ok(!/[、，,；;及（）()]/.test(u.text) && !/(负责|牵头)$/.test(u.text), `${name}: unit ${u.text} of ${p.clause.raw}`);
        }
      }
      assert.deepStrictEqual(parsedClauses(loadSeed('nantong-city-2017')), [], 'Nantong has no clauses');
    });
  });

  describe('prefix elision', () => {
    const jiyuan = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY });
    jiyuan.configure({ region: 'jiyuan' });
    const zonePlan = (clause: string) => planWith(clause, '济源产城融合示范区2023年知识产权保护和打击侵权假冒工作要点');

    it('示范区公安局、农业农村局、市场监管局: the prefix is given once and the rest are 示范区 units', () => {
      const text = zonePlan('（示范区公安局、农业农村局、市场监管局按职责分工负责）');
      assert.deepStrictEqual(roles('（示范区公安局、农业农村局、市场监管局按职责分工负责）'), ['owner:示范区公安局', 'owner:农业农村局', 'owner:市场监管局']);
      assert.deepStrictEqual(jiyuan.getContext(freshDoc(text)).region, 'jiyuan');
      assert.deepStrictEqual(agencyCodes(text, jiyuan), []);
      // They resolve to the prefixed units: hover names them so.
      for (const [written, unit] of [['农业农村局', '示范区农业农村局'], ['市场监管局', '示范区市场监管局']]) {
        const { position } = withCursor(text.replace(`、${written}`, `、${written.slice(0, 2)}|${written.slice(2)}`));
        const hover = jiyuan.getHover(freshDoc(text), position);
        assert.ok(hover, `hover on ${written}`);
        assert.match(hover.contents.value, new RegExp(`^\\*\\*${unit}\\*\\*`), `${written} is ${unit}`);
      }
    });

    it('the prefix carries across segments: （示范区农业农村局牵头，工科委、卫健委、市场监管局按职责分工负责）', () => {
      assert.deepStrictEqual(agencyCodes(zonePlan('（示范区农业农村局牵头，工科委、卫健委、市场监管局按职责分工负责）'), jiyuan), []);
    });

    it('a bare name resolved by elision that repeats a unit is a duplicate', () => {
      const codes = agencyCodes(zonePlan('（示范区市场监管局、公安局、市场监管局按职责分工负责）'), jiyuan);
      assert.deepStrictEqual(codes, ['agency.duplicate 单位“示范区市场监管局”在同一责任分工中重复出现：应只列一次']);
    });

    it('is not applied when a later unit writes the prefix again: the bare name is a mistake', () => {
      const codes = agencyCodes(zonePlan('（示范区公安局、农业农村局、示范区市场监管局按职责分工负责）'), jiyuan);
      assert.deepStrictEqual(codes, ['agency.level 单位“农业农村局”缺少地区前缀：应为“示范区农业农村局”']);
    });

    it("Guandu's 国资委 among 区 units written in full is a bare core, not 区国资委 by elision", () => {
      const text = loadSeed('guandu-district-2020');
      const clause = parsedClauses(text).find((p) => p.units.some((u) => u.text === '国资委'))!;
      assert.deepStrictEqual(clause.units.map((u) => u.text), ['区委宣传部', '区科信局', '区财政局', '国资委', '区市场监管局', '区市场监管局']);
      const d = svc.computeDiagnostics(freshDoc(text)).find((x) => x.message.includes('“国资委”'));
      assert.ok(d, '国资委 is reported');
      assert.strictEqual(d.code, 'agency.level');
      assert.strictEqual(d.message, '单位“国资委”缺少地区前缀：应为“区国资委”');
    });

    it('the seeds that elide (Jiyuan) report nothing for their elided names', () => {
      const text = loadSeed('jiyuan-zone-2023');
      const elided = parsedClauses(text).flatMap((p) => p.units).filter((u) => ['农业农村局', '市场监管局', '工科委', '卫健委', '司法局', '林业局'].includes(u.text));
      assert.ok(elided.length >= 10, `${elided.length} elided names in Jiyuan`);
      const ds = svc.computeDiagnostics(freshDoc(text)).filter((d) => d.code.startsWith('agency.'));
      assert.deepStrictEqual(ds.map((d) => d.message), []);
    });
  });
});
