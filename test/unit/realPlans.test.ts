import * as assert from 'assert';
import type { Diagnostic } from '../../server/src/service';
import { freshDoc, loadFixture, nationalService } from './util';

// The 20 real plans of test/fixtures/real/ against the reviewer's reading
// (REVIEW-2026-12-02.md): every report of the parser's own rules (text.*,
// numbering.*) is one the review confirms, and none it confirms is missed.
// Lines are 1-based, as in the review. The other rules' false positives
// (causes A, B, C, F–I of the review: truncation, the parent plan's year,
// Traditional characters, pre-2018 names, customs) are not the parser's.

const svc = nationalService();
const parserRule = (d: Diagnostic) => /^(text|numbering)\./.test(d.code);
const cache = new Map<string, { text: string; ds: Diagnostic[] }>();
function check(name: string) {
  let c = cache.get(name);
  if (!c) {
    const text = loadFixture(`real/${name}.txt`);
    c = { text, ds: svc.computeDiagnostics(freshDoc(text)) };
    cache.set(name, c);
  }
  return c;
}
const reports = (name: string) => check(name).ds.filter(parserRule).map((d) => `${d.code}@${d.range.start.line + 1}`);
const plan = (name: string) => svc.parse(freshDoc(check(name).text));

const CONFIRMED: Record<string, string[]> = {
  'anhui-province-2020': [],
  'chongqing-province-2017': [],
  // The hard wrap inside 知识产权 (genuine).
  'fangshan-district-2011': ['text.broken-line@8'],
  'fujian-province-2015': [],
  // Before: nothing of the parser's; the two-line signature and title stay unreported.
  'fujian-province-2016': [],
  // Before: broken-line at 5, 6, 8 (signature → date → 公开 note, title → preamble: cause D).
  'hainan-province-2017': [],
  'hedong-district-2013': [],
  'jiangsu-province-2015': [],
  'jiangsu-province-2017': [],
  'linxia-prefecture-2022': [],
  // Before: broken-line at 4 and 5 (signature → date → title: cause D).
  'national-2016': [],
  'national-2021': [],
  // The two page markers and the PDF's hard wraps, now with those of the item lines 2. (35) and 3. (49).
  'national-2022': [
    'text.page-marker@5', 'text.broken-line@11', 'text.broken-line@13', 'text.broken-line@15', 'text.broken-line@17', 'text.broken-line@19',
    'text.broken-line@21', 'text.broken-line@31', 'text.broken-line@35', 'text.broken-line@37', 'text.broken-line@39', 'text.broken-line@41',
    'text.page-marker@43', 'text.broken-line@45', 'text.broken-line@49', 'text.broken-line@51', 'text.broken-line@53',
  ],
  'neimenggu-province-2017': [],
  // 1. directly under 一、 (genuine: the department skips （一）).
  'shanghai-amr-province-2022': ['numbering.level@10'],
  'shanghai-province-2021': [],
  'shanghai-province-2022': [],
  // Before: broken-line at 11 (the ㈠ heading, cause E); now the ㈠ itself.
  'xiamen-city-2016': ['numbering.enclosed@11'],
  'zhongwei-city-2017': [],
  'hangzhou-city-2022-openness': [],
  'xinyu-city-2023-openness': [],
  // Before: broken-line at 9 and 11 (date → title → preamble: cause D).
  'zhengzhougaoxin-zone-2016': [],
};

describe('real plans (test/fixtures/real): the parser\'s reports are those the review confirms', () => {
  for (const [name, expected] of Object.entries(CONFIRMED)) {
    it(name, () => assert.deepStrictEqual(reports(name), expected));
  }

  it('reads plan titles split over two lines whole, with their year', () => {
    const titles: Record<string, string> = {
      'fujian-province-2016': '2016年全省打击侵犯知识产权和制售假冒伪劣商品工作要点',
      'national-2022': '2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点',
      'neimenggu-province-2017': '2017年全区打击侵犯知识产权和制售假冒伪劣商品工作要点',
      'xiamen-city-2016': '2016年全市打击侵犯知识产权和制售假冒伪劣商品工作要点',
      'zhongwei-city-2017': '中卫市2017年打击侵犯知识产权和制售假冒伪劣商品工作实施方案',
      'hainan-province-2017': '2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案',
      'zhengzhougaoxin-zone-2016': '2016年郑州高新区打击侵犯知识产权和制售假冒伪劣商品工作任务及分工方案',
    };
    for (const [name, title] of Object.entries(titles)) assert.strictEqual(plan(name).title?.text, title, name);
    // Read whole, the title gives the year: the one coverage note says which plan is compared with which.
    for (const [name, year] of [['fujian-province-2016', 2016], ['zhongwei-city-2017', 2017], ['xiamen-city-2016', 2016]] as const) {
      const coverage = check(name).ds.filter((d) => String(d.code).startsWith('coverage.'));
      assert.deepStrictEqual(coverage.map((d) => d.code), ['coverage.other-year'], name);
      assert.ok(coverage[0].message.startsWith(`本文档为${year}年工作要点`), name);
    }
  });

  it('national-2022: the items broken at the margin have their whole titles', () => {
    const titles = plan('national-2022').headings.filter((h) => h.level === 3).map((h) => h.title.text);
    assert.deepStrictEqual(titles, [
      '开展“剑网2022”专项行动,严厉打击网络侵权盗版行为',
      '印发《2022年全国知识产权行政保护工作方案》,聚焦电商等重点领域开展专项治理',
      '开展网售药品违法违规行为专项整治,净化药品网络销售市场',
      '集中清理网上涉侵权假冒',
    ]);
  });

  it('xiamen-city-2016: the ㈠ item is an item, with its clause, offered as （一）', () => {
    const p = plan('xiamen-city-2016');
    const items = p.headings.filter((h) => h.level === 2);
    assert.deepStrictEqual(items.map((h) => [h.marker.text, h.title.text, h.clauses.length]), [['㈠', '加强互联网领域侵权假冒治理', 1]]);
    const d = check('xiamen-city-2016').ds.find((x) => x.code === 'numbering.enclosed')!;
    assert.strictEqual(d.message, '序号“㈠”是一个带括号的单字符（Word 自动编号所致）：应为（一）');
  });

  it('reads the notices: signatures, dates, issuers', () => {
    assert.deepStrictEqual([plan('hainan-province-2017').notice.issuer?.text, plan('hainan-province-2017').notice.date?.text], ['海南省人民政府办公厅', '2017年5月27日']);
    assert.strictEqual(plan('fujian-province-2016').notice.issuer?.text, '福建省打击侵犯知识产权和制售假冒伪劣商品工作领导小组');
    assert.strictEqual(plan('fangshan-district-2011').notice.date?.text, '二○一一年一月十七日');
    assert.strictEqual(plan('zhengzhougaoxin-zone-2016').notice.issuer, undefined, 'no signature above the date');
  });
});

/**
 * Every report of every rule on the real plans, with the items (markers in
 * order) and the level, unit prefix and year each is read as: each one
 * genuine on reading. Against the
 * review's 596 reports (17 genuine), what is left is the one coverage note
 * per plan compared with the 2020 plan for want of its own year's, and
 * clause.missing where the stored excerpt stops before an item's clause.
 */
const ALL_REPORTS: Record<string, { items: string; context: string; reports: string[] }> = {
  // Traditional text without its title: no level or year can be read (said once as a limit), so one coverage note.
  'anhui-province-2020': { items: '一、 (一)', context: 'city - -', reports: ['coverage.other-year@2'] },
  'chongqing-province-2017': { items: '一、 (一) 1. 2.', context: 'city 市 -', reports: ['coverage.other-year@1'] },
  'fangshan-district-2011': { items: '一、 (一)', context: 'district 区 2011', reports: ['coverage.other-year@7'] },
  // The pre-2018 names (省工商局, 省质监局, 省文化厅 …) and 福州海关/厦门海关 are right for 2015; the excerpt's last item is cut before its clause.
  'fujian-province-2015': { items: '一、 (一) 1. 2. 3. 4. 5. 6. 7. 8.', context: 'province 省 2015', reports: ['coverage.other-year@5', 'clause.missing@15'] },
  'fujian-province-2016': { items: '一、 (一) 1. 2.', context: 'province 省 2016', reports: ['coverage.other-year@8'] },
  'hainan-province-2017': { items: '一、 (一)', context: 'province 省 2017', reports: ['coverage.other-year@8'] },
  // The site flattened the whole notice into one line: no item can be read (left alone, see the issue note).
  'hedong-district-2013': { items: '', context: 'city - -', reports: ['coverage.other-year@1'] },
  'jiangsu-province-2015': { items: '一、 (一) (二)', context: 'province 省 2015', reports: ['coverage.other-year@6'] },
  'jiangsu-province-2017': { items: '一、 (一) (二)', context: 'province 省 2017', reports: ['coverage.other-year@6'] },
  // 全州: a prefecture's plan, its 州 units its own (the review's 11 agency.level reports were cause F).
  'linxia-prefecture-2022': { items: '一、 (一)', context: 'city 州 2022', reports: ['coverage.other-year@1'] },
  // Traditional with inserted pinyin: not read as the national plan (cause C, left alone).
  'national-2016': { items: '一、 (一)', context: 'city - 2016', reports: ['coverage.other-year@1'] },
  'national-2021': { items: '一、 (一)', context: 'national - -', reports: [] },
  // The excerpt ends inside item 4., before its clause.
  'national-2022': { items: '一、 (一) 1. 2. 3. 4.', context: 'national - 2022', reports: ['clause.missing@57'] },
  // 经自治区人民政府同意: 自治区 units, the prefix written once for the list (the review's 13 agency.unknown were cause I).
  'neimenggu-province-2017': { items: '一、 (一)', context: 'province 自治区 2017', reports: ['coverage.other-year@3'] },
  'shanghai-amr-province-2022': { items: '一、 1.', context: 'city 市 2022', reports: ['coverage.other-year@7'] },
  'shanghai-province-2021': { items: '一、 (一) (二)', context: 'city 市 -', reports: ['coverage.other-year@3'] },
  // The excerpt ends inside item 3., before its clause.
  'shanghai-province-2022': { items: '一、 (一) 1. 2. 3.', context: 'city 市 2022', reports: ['coverage.other-year@1', 'clause.missing@13'] },
  'xiamen-city-2016': { items: '一、 ㈠', context: 'city - 2016', reports: ['coverage.other-year@7'] },
  'zhengzhougaoxin-zone-2016': { items: '一、 (一)', context: 'zone 高新区 2016', reports: ['coverage.other-year@11'] },
  'zhongwei-city-2017': { items: '一、 二、 (一) 1. (1)', context: 'city 市 2017', reports: ['coverage.other-year@3'] },
  // Government-openness plans (政务公开): checked, but aligned with no anti-counterfeiting plan, which one note says.
  'hangzhou-city-2022-openness': { items: '一、 (一) (二)', context: 'city 市 2022', reports: ['coverage.no-parent@6'] },
  'xinyu-city-2023-openness': { items: '一、 (一) (二) 二、 (一) 1.', context: 'city 市 2023', reports: ['coverage.no-parent@11'] },
};

describe('real plans (test/fixtures/real): every report of every rule is one a reviewer confirms', () => {
  for (const [name, expected] of Object.entries(ALL_REPORTS)) {
    it(name, () => {
      const { text, ds } = check(name);
      const context = svc.getContext(freshDoc(text));
      // The items of the excerpt, as the document numbers them.
      assert.strictEqual(plan(name).headings.map((h) => h.marker.text.trim()).join(' '), expected.items);
      assert.strictEqual([context.level, context.prefix ?? '-', context.year ?? '-'].join(' '), expected.context);
      assert.deepStrictEqual(ds.filter((d) => !parserRule(d)).map((d) => `${d.code}@${d.range.start.line + 1}`), expected.reports);
    });
  }

  // The （一） on the line of its section heading (一、聚焦重点领域,提升政务公开质量 (一)标准财政资金…) is an item of its own,
  // with its labelled clause (责任时限:…,牵头单位:…,责任单位:…); it was read as part of the section's title, and （二） as a gap.
  it('mou-city-2022-openness: the item on the line of its section heading is an item, and (二) follows it', () => {
    const { ds } = check('mou-city-2022-openness');
    assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line + 1}`), ['coverage.no-parent@3']);
    const [section, first] = plan('mou-city-2022-openness').headings;
    assert.strictEqual(`${section.marker.text}${section.title.text}`, '一、聚焦重点领域,提升政务公开质量');
    assert.strictEqual(`${first.marker.text}${first.title.text}`, '(一)标准财政资金领域信息公开');
    assert.strictEqual(first.clauses.length, 1);
  });

  it('reads each clause unit of the prefecture and the autonomous region as a unit of theirs', () => {
    const units = (name: string) => svc.getTaskBreakdown(freshDoc(check(name).text)).flatMap((row) => [...row.leads, ...row.partners]);
    assert.deepStrictEqual(units('linxia-prefecture-2022').slice(0, 5), ['州委网信办', '州工信局', '州公安局', '州林草局', '州市场监管局']);
    assert.deepStrictEqual(units('neimenggu-province-2017'), [
      '自治区经济和信息化委', '公安厅', '农牧业厅', '商务厅', '卫生计生委', '工商局', '质监局', '食品药品监管局', '网信办',
      '呼和浩特海关', '满洲里海关', '内蒙古出入境检验检疫局', '通信管理局', '邮政管理局',
    ]);
  });
});
