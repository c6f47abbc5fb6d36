import * as assert from 'assert';
import type { Heading, PlanDocument } from '../../server/src/service';
import { seedDoc, service, SEED_NAMES, type SeedName } from './util';

const svc = service();
const parsed = new Map<SeedName, PlanDocument>();
function plan(name: SeedName): PlanDocument {
  let p = parsed.get(name);
  if (!p) {
    p = svc.parse(seedDoc(name));
    parsed.set(name, p);
  }
  return p;
}

const items = (p: PlanDocument) => p.headings.filter((h) => h.level === 2);
const sectionTitles = (p: PlanDocument) => p.roots.map((r) => `${r.marker.text}${r.title.text}`);
const lineText = (p: PlanDocument, line: number) => p.text.slice(p.lines.lineStarts[line], p.lines.lineContentEnd(line));
const allClauses = (p: PlanDocument) => p.headings.flatMap((h) => h.clauses);
function item(p: PlanDocument, value: number, section?: number): Heading {
  const pool = section === undefined ? items(p) : p.roots[section - 1].children;
  const found = pool.filter((h) => h.level === 2 && h.marker.value === value);
  assert.strictEqual(found.length, 1, `exactly one item ${value}${section ? ` in section ${section}` : ''}`);
  return found[0];
}

describe('parser: the five seeds', () => {
  describe('every seed', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: headings are in document order, inside the body, and nested by level`, () => {
        const p = plan(name);
        assert.ok(p.headings.length > 0);
        for (let i = 1; i < p.headings.length; i++) assert.ok(p.headings[i - 1].start < p.headings[i].start);
        for (const h of p.headings) {
          assert.ok(h.start >= p.body.start && h.end <= p.body.end, `${h.marker.text} outside body`);
          assert.strictEqual(p.text.slice(h.marker.start, h.marker.end), h.marker.text);
          assert.strictEqual(p.lines.lineAt(h.marker.start), h.line);
          assert.ok(h.title.start >= h.marker.end && h.title.end <= h.end);
          for (const c of h.children) {
            assert.ok(c.level > h.level);
            assert.ok(c.start >= h.start && c.end <= h.end);
          }
          for (const c of h.clauses) {
            assert.ok(c.start >= h.ownText.start && c.end <= h.ownText.end, `clause ${c.raw} outside its heading`);
            assert.strictEqual(p.text.slice(c.start, c.end), c.raw);
          }
        }
        assert.deepStrictEqual(p.roots.map((r) => r.level), p.roots.map(() => 1), 'sections at the top');
        assert.deepStrictEqual(p.roots.map((r) => r.marker.value), p.roots.map((_, i) => i + 1), 'sections numbered 一、二、…');
      });

      it(`${name}: the plan body starts at 一、`, () => {
        const p = plan(name);
        assert.strictEqual(p.text.slice(p.body.start, p.body.start + 2), '一、');
        assert.strictEqual(p.headings[0].start, p.body.start);
      });
    }
  });

  describe('national-2020', () => {
    const p = () => plan('national-2020');

    it('has 7 sections and 35 items numbered （一）…（三十五） through the whole plan', () => {
      assert.strictEqual(p().roots.length, 7);
      assert.deepStrictEqual(p().roots.map((r) => r.children.length), [7, 8, 3, 5, 6, 3, 3]);
      assert.deepStrictEqual(items(p()).map((h) => h.marker.value), Array.from({ length: 35 }, (_, i) => i + 1));
      assert.deepStrictEqual(p().headings.filter((h) => h.level > 2), []);
    });

    it('reads the section titles', () => {
      assert.deepStrictEqual(sectionTitles(p()), [
        '一、深化重点领域治理和产品监管', '二、强化知识产权保护', '三、严惩侵权假冒违法犯罪', '四、推进法规制度建设',
        '五、构建社会共治格局', '六、深化对外交流合作', '七、推进业务能力建设',
      ]);
    });

    it('reads item titles up to the first 。', () => {
      assert.strictEqual(item(p(), 1).title.text, '加强互联网侵权假冒治理');
      assert.strictEqual(item(p(), 5).title.text, '加强重点市场监管');
      assert.strictEqual(item(p(), 14).title.text, '健全无害化销毁');
      assert.strictEqual(item(p(), 14).marker.width, 'half');
      assert.strictEqual(item(p(), 35).title.text, '加强系统性宣传');
      for (const h of items(p())) assert.strictEqual(h.titleOnly, false, `${h.marker.text} is a run-in title`);
    });

    it('reads the notice: no document number, a date, the 通知 and its addressee', () => {
      const n = p().notice;
      assert.strictEqual(n.documentNumber, undefined);
      assert.strictEqual(n.date?.text, '2020年5月27日');
      assert.match(n.title?.text ?? '', /^关于印发《2020年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知$/);
      assert.match(n.addressee?.text ?? '', /^各省、自治区、直辖市.*[：:]$/);
    });

    it('finds the plan title and the preamble, not the press summary', () => {
      assert.match(p().title?.text ?? '', /^2020\s*年全国打击侵犯知识产权和制售假冒伪劣商品工作要点$/);
      assert.ok(p().preamble.length >= 1);
      assert.match(p().preamble[0].text, /^做好\s*2020\s*年全国打击侵犯知识产权/);
      // The press summary's 一是…七是 never become sections.
      assert.ok(!p().headings.some((h) => h.start < p().title!.start));
    });

    it('keeps the trailer (出所先 + URL) out of the last item', () => {
      const p35 = item(p(), 35);
      const last = p().text.slice(p35.start, p35.end);
      assert.ok(!last.includes('出所先'), 'last item swallowed the source line');
      assert.ok(!last.includes('http'), 'last item swallowed the URL');
      assert.match(last, /相关成员单位按职责分工负责）$/);
      assert.ok(p().trailer, 'trailer found');
      const trailer = p().text.slice(p().trailer!.start, p().trailer!.end);
      assert.match(trailer, /^出所先：/);
      assert.match(trailer, /ipraction\.gov\.cn/);
      assert.ok(p().body.end <= p().trailer!.start);
    });

    it('locates the clauses of （一） across its hard line break', () => {
      const clauses = item(p(), 1).clauses;
      assert.strictEqual(clauses.length, 4);
      assert.strictEqual(clauses[0].content, '工业和信息化部、公安部、商务部、海关总署、市场监管总局、网信办、林草局、邮政局按职责分工负责');
      assert.strictEqual(clauses[1].content, '中央宣传部、工业和信息化部、公安部、文化和旅游部、市场监管总局、网信办、知识产权局按职责分工负责');
      assert.ok(clauses.every((c) => c.closed));
      assert.strictEqual(item(p(), 35).clauses.map((c) => c.content).join('|'), '全国打击侵权假冒工作领导小组办公室、中央宣传部牵头，相关成员单位按职责分工负责');
    });

    it('does not take bracketed asides for clauses', () => {
      for (const c of allClauses(p())) {
        assert.match(c.content, /(负责|牵头)等?$/, c.raw);
        assert.ok(!/^以下简称/.test(c.content));
      }
    });
  });

  describe('xiamen-city-2020', () => {
    const p = () => plan('xiamen-city-2020');

    it('mirrors the national plan: 7 sections and 35 items with the same titles for most items', () => {
      assert.strictEqual(p().roots.length, 7);
      assert.deepStrictEqual(p().roots.map((r) => r.children.length), [7, 8, 3, 5, 6, 3, 3]);
      assert.deepStrictEqual(items(p()).map((h) => h.marker.value), Array.from({ length: 35 }, (_, i) => i + 1));
      const national = items(plan('national-2020')).map((h) => h.title.text);
      const same = items(p()).filter((h, i) => h.title.text === national[i]).length;
      assert.ok(same >= 30, `${same} titles match the national plan`);
      assert.strictEqual(item(p(), 31).title.text, '大力加强跨区域执法协作');
    });

    it('reads the half-width (一) markers as items', () => {
      assert.strictEqual(item(p(), 1).marker.text, '(一)');
      assert.strictEqual(item(p(), 1).marker.width, 'half');
      assert.strictEqual(item(p(), 1).title.text, '加强互联网侵权假冒治理');
      assert.strictEqual(item(p(), 4).marker.width, 'full');
    });

    it('reads the notice: number, date, issuer, 通知', () => {
      const n = p().notice;
      assert.strictEqual(n.documentNumber?.text, '厦打假发〔2020〕1号');
      assert.strictEqual(n.date?.text, '2020年9月4日');
      assert.match((n.issuer?.text ?? '').replace(/\s/g, ''), /^厦门市打击侵犯知识产权和制售假冒伪劣商品工作领导小组$/);
      assert.match(n.title?.text ?? '', /^厦门市.*关于印发《2020年厦门市.*工作要点》的通知$/);
      assert.match(p().title?.text.replace(/\s/g, '') ?? '', /^2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点$/);
    });

    it('has no preamble paragraph', () => {
      assert.deepStrictEqual(p().preamble, []);
    });

    it('reads the clause broken inside 市通信 / 管理局 as one clause', () => {
      const broken = allClauses(p()).filter((c) => /[\r\n]/.test(c.raw) && c.raw.includes('市通信'));
      assert.ok(broken.length >= 1, 'the broken clause is found');
      const c = broken[0];
      assert.ok(c.closed);
      assert.ok(c.content.includes('市通信管理局'), c.content);
      assert.ok(!/\s/.test(c.content));
      assert.match(c.content, /^市委宣传部、市通信管理局、市公安局、.*按职责分工负责$/);
      assert.strictEqual(item(p(), 1).clauses.length, 4);
    });
  });

  describe('guandu-district-2020', () => {
    const p = () => plan('guandu-district-2020');

    it('has 8 sections and 31 items numbered continuously', () => {
      assert.strictEqual(p().roots.length, 8);
      assert.deepStrictEqual(p().roots.map((r) => r.children.length), [4, 1, 7, 3, 3, 4, 6, 3]);
      assert.deepStrictEqual(items(p()).map((h) => h.marker.value), Array.from({ length: 31 }, (_, i) => i + 1));
    });

    it('reads regrouped sections and renamed items', () => {
      assert.strictEqual(sectionTitles(p())[1], '二、加强重点产品和重点环节监管');
      assert.strictEqual(p().roots[1].children[0].title.text, '严格重点产品监管');
      assert.strictEqual(item(p(), 12).title.text, '加强外商投资企业知识产权保护');
      assert.strictEqual(item(p(), 31).title.text, '提升舆论引导能力');
    });

    it('reads the notice: number and masthead, no separate plan title', () => {
      const n = p().notice;
      assert.strictEqual(n.documentNumber?.text, '官打假办〔2020〕2号');
      assert.strictEqual(n.issuer?.text, '昆明市官渡区');
      assert.strictEqual(n.title?.text, '关于印发官渡区2020年打击侵犯知识产权和制售假冒伪劣商品工作要点的通知');
      assert.strictEqual(p().title, undefined);
    });

    it('has the 为认真贯彻落实… paragraph as preamble', () => {
      assert.strictEqual(p().preamble.length, 1);
      assert.match(p().preamble[0].text, /^为认真贯彻落实国务院.*制定以下工作要点及任务分解。$/);
    });

    it('finds the clauses, several per item', () => {
      assert.strictEqual(item(p(), 1).clauses.length, 4);
      assert.strictEqual(item(p(), 1).clauses[0].content, '区科信局、市公安官渡分局、区商投局、区市场监管局、区委宣传部、区自然资源局按职责分工分别负责');
      assert.ok(allClauses(p()).length >= 31);
    });
  });

  describe('jiyuan-zone-2023', () => {
    const p = () => plan('jiyuan-zone-2023');

    it('has 7 sections with level-2 items restarting at （一） in every section', () => {
      assert.strictEqual(p().roots.length, 7);
      assert.deepStrictEqual(p().roots.map((r) => r.children.length), [4, 5, 3, 3, 3, 3, 3]);
      for (const [i, section] of p().roots.entries()) {
        assert.deepStrictEqual(section.children.map((c) => c.marker.value), section.children.map((_, k) => k + 1), `section ${i + 1}`);
      }
    });

    it('has 77 level-3 items, restarting at 1. under every （一）', () => {
      const level3 = p().headings.filter((h) => h.level === 3);
      assert.strictEqual(level3.length, 77);
      const perItem = p().roots.map((r) => r.children.map((c) => c.children.length));
      assert.deepStrictEqual(perItem, [[4, 5, 8, 4], [3, 3, 3, 2, 3], [2, 3, 3], [3, 3, 3], [6, 4, 3], [2, 3, 2], [2, 3, 0]]);
      for (const section of p().roots) {
        for (const group of section.children) {
          assert.deepStrictEqual(group.children.map((c) => c.marker.value), group.children.map((_, k) => k + 1), group.title.text);
          for (const c of group.children) assert.strictEqual(c.level, 3);
        }
      }
    });

    it('reads level-2 titles on their own line', () => {
      const first = p().roots[0].children[0];
      assert.strictEqual(first.title.text, '推进互联网领域侵权假冒治理');
      assert.strictEqual(first.titleOnly, true);
      assert.strictEqual(p().roots[1].children[0].title.text, '加大专利权保护力度');
      assert.strictEqual(p().roots[1].children[0].marker.text, '(一)');
      assert.strictEqual(p().roots[6].children[2].title.text, '健全考核评价机制');
      for (const h of p().headings.filter((x) => x.level === 2)) assert.ok(h.titleOnly, h.title.text);
    });

    it('reads level-3 titles up to the first 。', () => {
      const one = p().roots[0].children[0].children[0];
      assert.strictEqual(one.marker.text, '1.');
      assert.strictEqual(one.title.text, '开展“剑网 2023”专项行动，大力推进互联网领域侵权假冒治理，严厉打击网络侵权盗版行为');
    });

    it('reads the notice and the plan title', () => {
      const n = p().notice;
      assert.strictEqual(n.documentNumber?.text, '济双打办〔2023〕1号');
      assert.strictEqual(n.date?.text, '2023年5月22日');
      assert.match(p().title?.text.replace(/\s/g, '') ?? '', /^示范区2023年打击侵犯知识产权和制售假冒伪劣商品工作要点$/);
      assert.strictEqual(p().preamble.length, 1);
      assert.match(p().preamble[0].text, /^做好示范区 2023 年/);
    });

    it('keeps the 印发 footer out of the last item', () => {
      const last = p().roots[6].children[2];
      assert.ok(!p().text.slice(last.start, last.end).includes('印发'));
      assert.ok(p().trailer);
      assert.match(p().text.slice(p().trailer!.start, p().trailer!.end), /印发$/);
    });

    it('reads a clause whose 负责) is on a line of its own as one closed clause', () => {
      const crossing = allClauses(p()).filter((c) => /[\r\n]/.test(c.raw));
      assert.ok(crossing.length >= 2, `${crossing.length} clauses cross a line`);
      const health = crossing.find((c) => c.content.startsWith('示范区卫健委牵头'));
      assert.ok(health, 'the 卫健委 clause crosses lines');
      assert.strictEqual(health.closed, true);
      assert.strictEqual(health.content, '示范区卫健委牵头，示范区领导小组有关成员单位按职责分工负责');
      assert.match(health.raw, /^（示范区卫健委牵头，.*按职责分工\r?\n\r?\n负责\)$/s);
      const tobacco = crossing.find((c) => c.content.startsWith('市烟草专卖局牵头'));
      assert.ok(tobacco, 'the 烟草 clause crosses lines');
      assert.strictEqual(tobacco.content, '市烟草专卖局牵头,示范区公安局、市场监管局、邮政管理局按职责分工负责');
      assert.ok(!p().problems.some((x) => x.code === 'clause.malformed'));
    });

    it('finds clauses on level-3 items', () => {
      const one = p().roots[0].children[0].children[0];
      assert.deepStrictEqual(one.clauses.map((c) => c.content), ['示范区党工委宣传部、示范区公安局、通信发展管理办公室按职责分工负责']);
      assert.ok(allClauses(p()).length >= 77);
    });
  });

  describe('nantong-city-2017', () => {
    const p = () => plan('nantong-city-2017');

    it('has 6 sections and 18 items numbered continuously', () => {
      assert.strictEqual(p().roots.length, 6);
      assert.deepStrictEqual(p().roots.map((r) => r.children.length), [3, 3, 2, 4, 3, 3]);
      assert.deepStrictEqual(items(p()).map((h) => h.marker.value), Array.from({ length: 18 }, (_, i) => i + 1));
    });

    it('reads item titles on their own line, with the body text following', () => {
      assert.strictEqual(item(p(), 1).title.text, '加强互联网领域侵权假冒行为治理');
      assert.strictEqual(item(p(), 18).title.text, '加强基层执法能力建设');
      for (const h of items(p())) {
        assert.strictEqual(h.titleOnly, true, h.title.text);
        assert.strictEqual(lineText(p(), h.line).replace(/\s/g, ''), `${h.marker.text}${h.title.text}`.replace(/\s/g, ''), 'the whole line is marker and title');
        assert.ok(p().lines.lineAt(h.end) > h.line, `${h.title.text} has body text below`);
        assert.ok(!h.title.text.includes('。'));
      }
    });

    it('has no responsibility clauses at all', () => {
      assert.strictEqual(allClauses(p()).length, 0);
    });

    it('reads the notice', () => {
      const n = p().notice;
      assert.strictEqual(n.documentNumber?.text, '通政办发〔2017〕108号');
      assert.strictEqual(n.date?.text, '2017年7月25日');
      assert.strictEqual(n.issuer?.text, '南通市人民政府办公室');
      assert.strictEqual(p().title?.text, '2017年南通市打击侵犯知识产权和制售假冒伪劣商品工作要点');
      assert.strictEqual(p().preamble.length, 1);
      // （此件公开发布） is not an item.
      assert.ok(!p().headings.some((h) => h.title.text.includes('此件')));
    });
  });

  describe('clauses', () => {
    for (const name of SEED_NAMES) {
      const expectClauses = name !== 'nantong-city-2017';
      it(`${name}: ${expectClauses ? 'has' : 'has no'} clauses; every clause is closed and ends in 负责/牵头`, () => {
        const clauses = allClauses(plan(name));
        if (expectClauses) assert.ok(clauses.length > 0);
        else assert.strictEqual(clauses.length, 0);
        for (const c of clauses) {
          assert.ok(c.closed, c.raw);
          assert.match(c.raw, /^[（(]/);
          assert.match(c.raw, /[）)]$/);
          assert.ok(!/[\s\u3000]/.test(c.content), c.content);
        }
      });
    }
  });
});
