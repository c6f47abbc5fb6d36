import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { COVERAGE_REPORT_COMMAND, SHOW_NATIONAL_COMMAND, type CodeLens, type Hover, type Location } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { freshDoc, loadSeed, nationalService, REPO_ROOT, service, type TestDoc } from './util';

/** The editor features of the alignment (features/national.ts): hover on an item, code lenses, go to definition, the coverage report. */

const svc = nationalService();
const svcEn = nationalService('en');
const NATIONAL_URI = pathToFileURL(path.join(REPO_ROOT, 'data', 'national', '2020.txt')).href;
const NATIONAL_TEXT = loadSeed('national-2020');
const PLAN_TITLE = '2020 年全国打击侵犯知识产权和制售假冒伪劣商品工作要点';

/** The position `into` characters into the first occurrence of `needle`. */
function at(doc: TestDoc, needle: string, into = 1) {
  const offset = doc.text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return new LineIndex(doc.text).positionAt(offset + into);
}

function hoverValue(hover: Hover | undefined): string {
  assert.ok(hover, 'a hover');
  assert.strictEqual(hover.contents.kind, 'markdown');
  return hover.contents.value;
}

function textAt(text: string, range: Location['range']): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

describe('national plan features', () => {
  const xiamen = freshDoc(loadSeed('xiamen-city-2020'));
  const guandu = freshDoc(loadSeed('guandu-district-2020'));
  const nantong = freshDoc(loadSeed('nantong-city-2017'));

  describe('hover on a local item', () => {
    it('Xiamen （五）: the national task, its score, its text, its units with their Xiamen counterparts, the plan', () => {
      const value = hoverValue(svc.getHover(xiamen, at(xiamen, '（五）加强重点市场监管')));
      const score = svc.getAlignment(xiamen)!.matches[4].score;
      const parts = value.split('\n\n');
      assert.strictEqual(parts[0], `**全国任务（五）加强重点市场监管** · 匹配度 ${score.toFixed(2)}`);
      // The heading above names the item; the text goes on without repeating its marker.
      assert.ok(parts[1].startsWith('加强重点市场监管。对侵权假冒案件多发'), parts[1]);
      assert.strictEqual(parts[2], '全国责任单位 → 本地对应：市场监管总局 → 市市场监管局；中央宣传部 → 市委宣传部；公安部 → 市公安局；农业农村部 → 市农业农村局；商务部 → 市商务局；文化和旅游部 → 市文旅局');
      assert.strictEqual(parts[parts.length - 1], `*${PLAN_TITLE}*`);
    });

    it('the range is the item marker and title, and the hover is the same anywhere on them', () => {
      const hover = svc.getHover(xiamen, at(xiamen, '（五）加强重点市场监管', 0))!;
      assert.strictEqual(textAt(xiamen.text, hover.range!), '（五）加强重点市场监管');
      for (const into of [1, 3, 8, 11]) assert.deepStrictEqual(svc.getHover(xiamen, at(xiamen, '（五）加强重点市场监管', into)), hover, `cursor ${into}`);
      // In the body: nothing (the body is not the item's handle).
      assert.strictEqual(svc.getHover(xiamen, at(xiamen, '对侵权假冒案件多发', 2)), undefined);
    });

    it('a unit in a clause still gets the unit hover', () => {
      const value = hoverValue(svc.getHover(xiamen, at(xiamen, '（市公安局负责）', 2)));
      assert.match(value, /^\*\*市公安局\*\*/);
    });

    it('Guandu: the reordered （四） shows national （五）; the renamed （三十一） shows （三十五）, its Guandu units and what it leaves out', () => {
      assert.match(hoverValue(svc.getHover(guandu, at(guandu, '（四）加强重点市场监管'))), /^\*\*全国任务（五）加强重点市场监管\*\* · 匹配度 0\.\d\d/);
      assert.match(hoverValue(svc.getHover(guandu, at(guandu, '（十二）加强外商投资企业'))), /^\*\*全国任务（四）加强外商投资企业知识产权保护\*\*/);
      const value = hoverValue(svc.getHover(guandu, at(guandu, '（三十一）提升舆论引导能力')));
      assert.match(value, /^\*\*全国任务（三十五）加强系统性宣传\*\* · 匹配度 0\.\d\d/);
      assert.ok(value.includes('中央宣传部 → 区委宣传部'), value);
      assert.ok(value.includes('全国打击侵权假冒工作领导小组办公室 → 区打击侵权假冒工作领导小组办公室'), value);
      assert.ok(value.includes('全国任务中本事项未体现的内容：\n- '), value);
      assert.ok(value.includes('讲好保护知识产权、打击侵权假冒“中国故事”'), 'a sentence Guandu leaves out');
    });

    it('Nantong: an item merging two national tasks shows both; a local addition says so', () => {
      const merged = hoverValue(svc.getHover(nantong, at(nantong, '（十二）加大刑事打击与司法保护力度')));
      assert.ok(merged.startsWith('**全国任务（十六）加大刑事打击力度**'), merged);
      assert.ok(merged.includes('\n\n**全国任务（十八）深入推进司法保护**'), merged);
      assert.ok(merged.includes('公安部 → 市公安局'), 'Nantong units');
      const added = hoverValue(svc.getHover(nantong, at(nantong, '（十六）落实地方政府责任')));
      assert.strictEqual(added, `本事项在《${PLAN_TITLE}》中没有对应任务（本地新增事项）`);
    });

    it('in English', () => {
      const value = hoverValue(svcEn.getHover(xiamen, at(xiamen, '（五）加强重点市场监管')));
      assert.match(value, /^\*\*National task （五）加强重点市场监管\*\* · score 0\.\d\d\n\n/);
      assert.ok(value.includes('National units → local counterparts: 市场监管总局 → 市市场监管局'), value);
    });

    it('without national plans, an item has no hover', () => {
      assert.strictEqual(service().getHover(xiamen, at(xiamen, '（五）加强重点市场监管')), undefined);
    });
  });

  describe('code lenses', () => {
    function lenses(doc: TestDoc): CodeLens[] {
      return svc.getCodeLenses(doc);
    }

    it('Xiamen: the coverage lens 35/35 on the first section, then one lens per item naming its national task', () => {
      const ls = lenses(xiamen);
      assert.strictEqual(ls.length, 36);
      const [coverage, ...items] = ls;
      assert.strictEqual(coverage.command?.title, `全国任务覆盖 35/35 · ${PLAN_TITLE}`);
      assert.strictEqual(coverage.command?.command, COVERAGE_REPORT_COMMAND);
      assert.deepStrictEqual(coverage.command?.arguments, [xiamen.uri]);
      const lines = xiamen.text.split('\n');
      assert.match(lines[coverage.range.start.line], /^一、/);
      const headings = svc.parse(xiamen).headings.filter((h) => h.level === 2);
      items.forEach((lens, i) => {
        assert.deepStrictEqual(lens.range, { start: { line: headings[i].line, character: 0 }, end: { line: headings[i].line, character: 0 } });
        assert.strictEqual(lens.command?.command, SHOW_NATIONAL_COMMAND);
        const location = lens.command?.arguments?.[0] as Location;
        assert.strictEqual(location.uri, NATIONAL_URI);
      });
      assert.strictEqual(items[4].command?.title, '对应全国（五）加强重点市场监管');
      assert.strictEqual(items[34].command?.title, '对应全国（三十五）加强系统性宣传');
    });

    it('Guandu 31/35; Nantong 13/35, with a merged item and its additions', () => {
      assert.strictEqual(lenses(guandu)[0].command?.title, `全国任务覆盖 31/35 · ${PLAN_TITLE}`);
      assert.strictEqual(lenses(guandu).length, 32);
      assert.strictEqual(lenses(guandu)[4].command?.title, '对应全国（五）加强重点市场监管');
      const ns = lenses(nantong);
      // A 2017 plan compared with the 2020 national plan says so.
      assert.strictEqual(ns[0].command?.title, `全国任务覆盖 13/35 · ${PLAN_TITLE}（本文档为2017年）`);
      assert.strictEqual(ns.length, 19, 'the coverage lens and 18 items');
      const titles = ns.map((l) => l.command?.title);
      assert.ok(titles.includes('对应全国（十六）加大刑事打击力度、（十八）深入推进司法保护'), titles.join(' | '));
      assert.strictEqual(titles.filter((t) => t === '本地新增（无对应全国任务）').length, 6);
      for (const l of ns.filter((x) => x.command?.title === '本地新增（无对应全国任务）')) assert.deepStrictEqual([l.command?.command, l.command?.arguments], ['', undefined]);
    });

    it('in English; none for the national plan itself or without national plans', () => {
      assert.strictEqual(svcEn.getCodeLenses(xiamen)[0].command?.title, `National tasks covered 35/35 · ${PLAN_TITLE}`);
      assert.strictEqual(svcEn.getCodeLenses(xiamen)[5].command?.title, 'National （五）加强重点市场监管');
      assert.deepStrictEqual(svc.getCodeLenses(freshDoc(NATIONAL_TEXT)), []);
      assert.deepStrictEqual(service().getCodeLenses(xiamen), []);
    });
  });

  describe('go to definition', () => {
    it('on a Xiamen item: the national task in data/national/2020.txt, from its marker to the end of its text', () => {
      const locations = svc.getDefinition(xiamen, at(xiamen, '（五）加强重点市场监管', 2));
      assert.strictEqual(locations.length, 1);
      assert.strictEqual(locations[0].uri, NATIONAL_URI);
      const target = textAt(NATIONAL_TEXT, locations[0].range);
      assert.ok(target.startsWith('（五）加强重点市场监管。对侵权假冒案件多发'), target);
      assert.ok(target.endsWith('（市场监管总局牵头，中央宣传部、公安部、农业农村部、商务部、文化和旅游部按职责分工负责）'), target);
      // The lens of the same item points at the same place.
      assert.deepStrictEqual(svc.getCodeLenses(xiamen)[5].command?.arguments, [locations[0]]);
    });

    it('every Xiamen item leads to the national task with its number', () => {
      for (const h of svc.parse(xiamen).headings.filter((x) => x.level === 2)) {
        const locations = svc.getDefinition(xiamen, { line: h.line, character: 1 });
        assert.strictEqual(locations.length, 1, h.title.text);
        const target = textAt(NATIONAL_TEXT, locations[0].range).replace(/^\((.+?)\)\s*/, '（$1）');
        assert.ok(target.startsWith(`（${h.marker.text.replace(/[（()）\s]/g, '')}）`), `${h.marker.text} → ${target.slice(0, 12)}`);
      }
    });

    it('Guandu （三十一）: （三十五）; Nantong （十二）: both of its tasks; plain text and additions: none', () => {
      const g = svc.getDefinition(guandu, at(guandu, '（三十一）提升舆论引导能力', 3));
      assert.ok(textAt(NATIONAL_TEXT, g[0].range).startsWith('（三十五）加强系统性宣传'));
      const n = svc.getDefinition(nantong, at(nantong, '（十二）加大刑事打击与司法保护力度', 1));
      assert.deepStrictEqual(n.map((l) => textAt(NATIONAL_TEXT, l.range).slice(0, 11)), ['(十六) 加大刑事打击', '(十八) 深入推进司法']);
      assert.deepStrictEqual(svc.getDefinition(xiamen, at(xiamen, '对侵权假冒案件多发', 2)), []);
      assert.deepStrictEqual(svc.getDefinition(nantong, at(nantong, '（十六）落实地方政府责任', 2)), []);
    });
  });

  describe('the coverage report', () => {
    it('Guandu: a Markdown table national task → local item, score; the missing tasks marked', () => {
      const report = svc.getCoverageReport(guandu)!;
      const lines = report.split('\n');
      assert.strictEqual(lines[0], `# 全国任务对照表：${PLAN_TITLE}`);
      assert.ok(lines.includes(`全国任务覆盖 31/35 · ${PLAN_TITLE}`));
      assert.ok(lines.includes('| 全国任务 | 本文档事项 | 匹配度 |'));
      const rows = lines.filter((l) => /^\| （/.test(l));
      assert.strictEqual(rows.length, 35);
      assert.match(rows[4], /^\| （五）加强重点市场监管 \| （四）加强重点市场监管 \| 0\.\d\d \|$/);
      assert.strictEqual(rows[5], '| （六）严格寄递环节监管 | **缺失** |  |');
      assert.strictEqual(rows.filter((r) => r.includes('**缺失**')).length, 4);
      assert.ok(!report.includes('本地新增事项'), 'Guandu has no additions');
    });

    it('Nantong: the merged item under both tasks, its additions listed; none for the national plan', () => {
      const report = svc.getCoverageReport(nantong)!;
      assert.match(report, /\| （十六）加大刑事打击力度 \| （十二）加大刑事打击与司法保护力度 \|/);
      assert.match(report, /\| （十八）深入推进司法保护 \| （十二）加大刑事打击与司法保护力度 \|/);
      assert.ok(report.includes('## 本地新增事项（无对应全国任务）\n\n- （四）加强生产领域质量监管执法'), report);
      assert.strictEqual(svc.getCoverageReport(freshDoc(NATIONAL_TEXT)), undefined);
    });
  });
});
