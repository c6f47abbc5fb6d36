import * as assert from 'assert';
import { parseClause, type Hover } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { freshDoc, joinLines, loadSeed, service } from './util';

/** Hover on the units of a clause (features/hover.ts). */

const svc = service();
const svcEn = service('en');

/** Hover with the cursor `into` characters into the n-th occurrence of `needle`. */
function hoverAt(text: string, needle: string, n = 0, into = 1, s = svc): { hover: Hover | undefined; offset: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `occurrence ${n} of ${needle}`);
  }
  const offset = at + into;
  return { hover: s.getHover(freshDoc(text), new LineIndex(text).positionAt(offset)), offset };
}

/** The items (by marker) whose clauses name `unit` as lead or owner, and as partner: read off the parse, not the hover. */
function itemsOf(text: string, unit: string): { leads: string[]; partners: string[] } {
  const leads = new Set<string>();
  const partners = new Set<string>();
  for (const h of svc.parse(freshDoc(text)).headings) {
    for (const c of h.clauses) {
      for (const u of parseClause(c).units) {
        if (u.text !== unit) continue;
        (u.role === 'partner' ? partners : leads).add(h.marker.text.trim());
      }
    }
  }
  return { leads: [...leads], partners: [...partners] };
}

describe('hover', () => {
  const xiamen = loadSeed('xiamen-city-2020');

  it('on 市公安局 in the Xiamen plan: the unit, its level, its national counterpart 公安部, and the items it leads and partners', () => {
    const { hover, offset } = hoverAt(xiamen, '（市公安局负责）', 0, 2);
    assert.ok(hover, 'a hover');
    assert.strictEqual(hover.contents.kind, 'markdown');
    const lines = hover.contents.value.split('\n\n');
    assert.strictEqual(lines[0], '**市公安局**');
    assert.ok(lines.includes('级别：厦门市 · 市级'), hover.contents.value);
    assert.ok(lines.includes('全国对应部门：公安部（中华人民共和国公安部）'), hover.contents.value);
    const { leads, partners } = itemsOf(xiamen, '市公安局');
    assert.ok(leads.length >= 5 && partners.length >= 3, `${leads} / ${partners}`);
    assert.ok(lines.includes(`本文档中牵头或负责：${leads.join(' ')}`), `${hover.contents.value}\nexpected leads ${leads.join(' ')}`);
    assert.ok(lines.includes(`本文档中配合：${partners.join(' ')}`), `${hover.contents.value}\nexpected partners ${partners.join(' ')}`);
    // The range is the unit.
    const index = new LineIndex(xiamen);
    assert.strictEqual(xiamen.slice(index.offsetAt(hover.range!.start), index.offsetAt(hover.range!.end)), '市公安局');
    assert.ok(index.offsetAt(hover.range!.start) <= offset && offset <= index.offsetAt(hover.range!.end));
  });

  it('is the same wherever the cursor is in the name, first character to just after the last', () => {
    const first = hoverAt(xiamen, '（市公安局负责）', 0, 1).hover;
    for (const into of [2, 3, 4, 5]) assert.deepStrictEqual(hoverAt(xiamen, '（市公安局负责）', 0, into).hover, first, `cursor ${into}`);
  });

  it('a vertically managed or upper-level unit says so, with its full name (Xiamen 厦门海关, Guandu 市公安官渡分局)', () => {
    const customs = hoverAt(xiamen, '厦门海关', 1, 1).hover!;
    assert.ok(customs.contents.value.startsWith('**厦门海关**'));
    assert.ok(customs.contents.value.includes('全称：中华人民共和国厦门海关'));
    assert.ok(customs.contents.value.includes('垂直管理单位'));
    assert.ok(customs.contents.value.includes('海关总署'));
    const guandu = loadSeed('guandu-district-2020');
    const police = hoverAt(guandu, '市公安官渡分局', 0, 1).hover!;
    assert.ok(police.contents.value.startsWith('**市公安官渡分局**'));
    assert.ok(police.contents.value.includes('全称：昆明市公安局官渡分局'));
    assert.ok(police.contents.value.includes('级别：官渡区 · 区级（上级单位）'), police.contents.value);
    assert.ok(police.contents.value.includes('全国对应部门：公安部'));
  });

  it('on a unit broken over two lines (市通信 / 管理局): the whole unit, from either line', () => {
    const text = joinLines('2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点', '', '一、总体要求', '', '（一）加强网络市场监管。（市委宣传部、市通信', '', '管理局、市公安局按职责分工负责）', '');
    const top = hoverAt(text, '市通信', 0, 1).hover!;
    const bottom = hoverAt(text, '管理局、', 0, 1).hover!;
    assert.ok(top.contents.value.startsWith('**市通信管理局**'), top.contents.value);
    assert.deepStrictEqual(bottom, top);
    assert.deepStrictEqual([top.range!.start.line, top.range!.end.line], [4, 6]);
  });

  it('in a national plan: the agency and its full name, no counterpart line', () => {
    const national = loadSeed('national-2020');
    const hover = hoverAt(national, '高法院', 0, 1).hover!;
    assert.ok(hover.contents.value.startsWith('**高法院**'));
    assert.ok(hover.contents.value.includes('全称：最高人民法院'));
    assert.ok(!hover.contents.value.includes('全国对应部门'));
  });

  it('on a placeholder: says it stands for the units concerned', () => {
    for (const placeholder of ['有关部门', '相关成员单位']) {
      const { hover } = hoverAt(loadSeed('national-2020'), placeholder, 0, 1);
      assert.ok(hover, placeholder);
      assert.strictEqual(hover.contents.value, `**${placeholder}** — 泛指有关单位，不是具体单位`);
    }
    const jiyuan = hoverAt(loadSeed('jiyuan-zone-2023'), '领导小组有关成员单位', 0, 3).hover!;
    assert.ok(jiyuan.contents.value.includes('泛指有关单位'));
  });

  it('nothing on plain text: title, body, numbering, role words, brackets', () => {
    for (const [needle, into] of [['打击侵犯知识产权', 2], ['（四）', 1], ['加强网络市场监管', 3], ['按职责分工负责', 2], ['牵头，', 1], ['（市公安局负责）', 0]] as const) {
      assert.strictEqual(hoverAt(xiamen, needle, 0, into).hover, undefined, `${needle} +${into}`);
    }
    assert.strictEqual(hoverAt(loadSeed('nantong-city-2017'), '南通', 0, 1).hover, undefined);
  });

  it('in English', () => {
    const { hover } = hoverAt(xiamen, '（市公安局负责）', 0, 2, svcEn);
    assert.ok(hover);
    // English labels take an English colon, as the Chinese ones take the full-width one.
    assert.ok(hover.contents.value.includes('National counterpart: 公安部'), hover.contents.value);
    assert.ok(hover.contents.value.includes('Leads or owns in this plan: '));
  });
});
