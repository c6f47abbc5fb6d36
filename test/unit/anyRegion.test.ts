import * as assert from 'node:assert/strict';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { createLanguageService, type Diagnostic } from '../../server/src/service';
import { placeIn } from '../../server/src/service/registry/place';
import { freshDoc, joinLines } from './util';

// A plan of a place no region preset knows, of any level and year, checked
// as its reviewer would: the place, level and prefix read off its title or
// issuer; its own units (州公安局, 自治区公安厅) and the units it names by a
// place (厦门海关, 人民银行临夏州中心支行) accepted; names of units merged away
// in 2018 accepted in plans of their time, and reported with their successor
// after it.

const service = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });

function plan(title: string, ...clauses: string[]): string {
  return joinLines(title, '', '一、深化重点领域治理', '', ...clauses.flatMap((c, i) => [`（${'一二三四五六七八九十'[i]}）加强网络市场监管，严厉打击侵权假冒违法行为。${c}`, '']));
}

function unitReports(text: string): string[] {
  return service
    .computeDiagnostics(freshDoc(text))
    .filter((d: Diagnostic) => /^(agency|clause)\./.test(String(d.code)))
    .map((d) => `${d.code} ${d.message}`);
}

describe('a plan of any place, level and year', () => {
  describe('the place, read off a title or an issuer line', () => {
    const cases: Array<[string, string | undefined]> = [
      ['2022年临夏州打击侵犯知识产权和制售假冒伪劣商品工作要点', 'city 州 临夏州'],
      ['临夏回族自治州人民政府办公室', 'city 州 临夏回族自治州'],
      ['2022年全州打击侵犯知识产权和制售假冒伪劣商品工作要点', 'city 州 -'],
      ['内蒙古自治区人民政府办公厅', 'province 自治区 内蒙古自治区'],
      ['海南省人民政府办公厅关于印发2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案的通知', 'province 省 海南省'],
      ['2015年全省打击侵犯知识产权和制售假冒伪劣商品工作要点', 'province 省 -'],
      ['2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点', 'city 市 上海市'],
      ['上海市市场监督管理局2022年打击侵犯知识产权和制售假冒伪劣商品工作要点', 'city 市 上海市'],
      ['中卫市2017年打击侵犯知识产权和制售假冒伪劣商品工作实施方案', 'city 市 中卫市'],
      ['北京市房山区人民政府办公室', 'district 区 北京市房山区'],
      ['郑州高新技术产业开发区管委会办公室', 'zone 高新区 郑州高新技术产业开发区'],
      ['苏州市昆山市打击侵权假冒工作领导小组办公室', 'county 市 苏州市昆山市'],
      ['贵州省贵阳市打击侵权假冒工作领导小组办公室', 'city 市 贵州省贵阳市'],
      ['阿拉善盟行政公署办公室', 'city 盟 阿拉善盟'],
      ['2021年镇原县打击侵犯知识产权和制售假冒伪劣商品工作要点', 'county 县 镇原县'],
      ['长阳土家族自治县人民政府办公室', 'county 县 长阳土家族自治县'],
      ['阿鲁科尔沁旗人民政府办公室', 'county 旗 阿鲁科尔沁旗'],
      ['阿里地区行政公署办公室', 'city 地区 阿里地区'],
      ['上海市浦东新区人民政府办公室', 'district 区 上海市浦东新区'],
      ['2022年昆明经济技术开发区打击侵犯知识产权和制售假冒伪劣商品工作要点', 'zone 经开区 昆明经济技术开发区'],
      // 全区 is a district's or an autonomous region's: the notice or the units must tell.
      ['2017年全区打击侵犯知识产权和制售假冒伪劣商品工作要点', undefined],
      ['2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点', undefined],
    ];
    for (const [text, expected] of cases) {
      it(`${text} → ${expected ?? 'nothing'}`, () => {
        const place = placeIn(text);
        assert.equal(place ? `${place.level} ${place.prefix} ${place.name ?? '-'}` : undefined, expected);
      });
    }
  });

  it('a prefecture: 州 units are its own, a 市 unit is not of its level, and the context says where it was read', () => {
    const text = plan(
      '2022年全州打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '（州委网信办、州工信局、州公安局、州林草局、州市场监管局按职责分工分别负责）',
      '（州委宣传部、州文旅局、市公安局按职责分工负责）',
    );
    const context = service.getContext(freshDoc(text));
    assert.deepEqual([context.level, context.prefix, context.source, context.year], ['city', '州', 'title', 2022]);
    assert.deepEqual(unitReports(text), ['agency.level 单位“市公安局”不是市级单位：应为“州公安局”']);
  });

  it('an autonomous region named only by 经自治区人民政府同意: 自治区 units, the prefix written once for the list, and its customs', () => {
    const text = joinLines(
      '各盟行政公署、市人民政府,自治区各委、办、厅、局:',
      '经自治区人民政府同意,现将《2017年全区打击侵犯知识产权和制售假冒伪劣商品工作要点》印发给你们,请认真贯彻落实。',
      '',
      plan(
        '2017年全区打击侵犯知识产权和制售假冒伪劣商品工作要点',
        '（自治区经济和信息化委、公安厅、商务厅、工商局、质监局、网信办,呼和浩特海关、满洲里海关、内蒙古出入境检验检疫局、通信管理局、邮政管理局按职责分工分别负责）',
      ),
    );
    const context = service.getContext(freshDoc(text));
    assert.deepEqual([context.level, context.prefix], ['province', '自治区']);
    assert.deepEqual(unitReports(text), []);
  });

  it('units named by their place, in a plan no preset knows: customs, central bank, tax, courts, a city bureau’s branch', () => {
    const text = plan(
      '2021年某区打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '（区市场监管局牵头，福州海关、人民银行福州中心支行、国家税务总局福州市税务局按职责分工负责）',
      '（市公安局某某分局、某某公安分局、福州市中级人民法院、某区人民检察院按职责分工负责）',
    );
    assert.deepEqual(unitReports(text), []);
  });

  it('a county plan: its 县 units, the city bureaus’ branches and the bank’s county branch', () => {
    const text = plan(
      '2021年镇原县打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '（县市场监管局牵头，县委宣传部、县公安局、县农业农村局、市生态环境局镇原分局按职责分工负责）',
      '（县税务局、人民银行镇原县支行、县法院、县检察院按职责分工负责）',
    );
    assert.deepEqual([service.getContext(freshDoc(text)).level, service.getContext(freshDoc(text)).prefix], ['county', '县']);
    assert.deepEqual(unitReports(text), []);
  });

  it('a typo in a unit named by its place is still a typo where the form does not fit, and a name read with an elided prefix is no place', () => {
    const text = plan('2021年某区打击侵犯知识产权和制售假冒伪劣商品工作要点', '（区市场监管局、福州海官按职责分工负责）', '（区市场监管局、济海关按职责分工负责）');
    const reports = unitReports(text);
    assert.equal(reports.length, 2, reports.join('\n'));
    assert.ok(reports.every((r) => r.startsWith('agency.unknown')), reports.join('\n'));
  });

  it('names merged away in 2018: accepted in a 2015 plan, reported with their successor in a 2021 plan', () => {
    const clauses = ['（省工商局牵头，省质监局、省文化厅、省新闻出版广电局按职责分工负责）'];
    assert.deepEqual(unitReports(plan('2015年全省打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses)), []);
    assert.deepEqual(unitReports(plan('2021年全省打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses)), [
      'agency.dissolved “省工商局”是2018年机构改革前的单位名称，本文档的年份已不再使用：应为“省市场监管局”',
      'agency.dissolved “省质监局”是2018年机构改革前的单位名称，本文档的年份已不再使用：应为“省市场监管局”',
      'agency.dissolved “省文化厅”是2018年机构改革前的单位名称，本文档的年份已不再使用：应为“省文化和旅游厅”',
      'agency.dissolved “省新闻出版广电局”是2018年机构改革前的单位名称，本文档的年份已不再使用：应为“省广电局”',
    ]);
    const fix = service.computeDiagnostics(freshDoc(plan('2021年全省打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses))).find((d) => d.code === 'agency.dissolved')!;
    const actions = service.getCodeActions(freshDoc(plan('2021年全省打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses)), fix.range, { diagnostics: [fix] });
    assert.equal(actions[0].title, '改为“省市场监管局”');
  });

  it('a national plan names the agencies of its year: 工商总局 in 2016, 市场监管总局 since', () => {
    const clauses = ['（工商总局、质检总局、文化部、新闻出版广电总局按职责分工负责）'];
    assert.deepEqual(unitReports(plan('2016年全国打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses)), []);
    assert.deepEqual(unitReports(plan('2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点', ...clauses)).map((r) => r.split(' ')[0]), [
      'agency.dissolved', 'agency.dissolved', 'agency.dissolved', 'agency.dissolved',
    ]);
  });

  it('a plan of unknown year accepts the names of every year', () => {
    assert.deepEqual(unitReports(plan('全省打击侵犯知识产权和制售假冒伪劣商品工作要点', '（省工商局、省市场监管局按职责分工负责）')), []);
  });

  it('the year from the document number or the preamble when the title names none', () => {
    const numbered = joinLines('苏政办发〔2015〕46号', '', '各市、县（市、区）人民政府，省各委办厅局，省各直属单位：', '', plan('全省打击侵犯知识产权和制售假冒伪劣商品工作要点', '（省公安厅负责）'));
    assert.equal(service.getContext(freshDoc(numbered)).year, 2015);
    const preamble = joinLines('某市打击侵犯知识产权和制售假冒伪劣商品工作要点', '', '做好2021年全市打击侵犯知识产权和制售假冒伪劣商品工作，要坚持依法治理。', '', '一、深化治理', '', '（一）加强监管。严厉打击。（市公安局负责）');
    assert.equal(service.getContext(freshDoc(preamble)).year, 2021);
  });
});

describe('a provincial plan as the parent of a city plan', () => {
  const province = joinLines(
    '2021年福建省打击侵犯知识产权和制售假冒伪劣商品工作要点',
    '',
    '一、深化重点领域治理',
    '',
    '（一）加强互联网领域侵权假冒治理。加强网络市场监管，严厉打击在线销售侵权假冒商品、虚假宣传等违法行为。（省市场监管局牵头，省委网信办、省公安厅、省通信管理局按职责分工负责）',
    '',
    '（二）加强农村市场治理。全省开展农村假冒伪劣食品专项整治，严厉打击制售假冒伪劣食品违法行为。（省市场监管局、省农业农村厅、省公安厅按职责分工负责）',
    '',
    '（三）加强进出口环节监管。开展“龙腾”专项行动，严厉打击跨境制售侵权假冒商品违法犯罪行为。（福州海关、厦门海关负责）',
  );
  const city = joinLines(
    '2021年漳州市打击侵犯知识产权和制售假冒伪劣商品工作要点',
    '',
    '一、深化重点领域治理',
    '',
    '（一）加强互联网领域侵权假冒治理。加强网络市场监管，严厉打击在线销售侵权假冒商品、虚假宣传等违法行为。（市市场监管局牵头，市委网信办、市公安局按职责分工负责）',
    '',
    '（二）加强进出口环节监管。开展“龙腾”专项行动，严厉打击跨境制售侵权假冒商品违法犯罪行为。（厦门海关负责）',
  );
  const svc = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: [...BUILTIN_NATIONAL_PLANS, { id: 'fujian-2021', uri: 'file:///fujian-2021.txt', text: province }] });
  svc.configure({ national: 'fujian-2021' });

  it('aligns the city plan with the province’s tasks, the units compared by the national agency they stand for', () => {
    const report = svc.getAlignment(freshDoc(city))!;
    assert.equal(report.national.id, 'fujian-2021');
    assert.deepEqual(report.matches.map((m) => `${m.local.number}→${m.national.number}`), ['（一）→（一）', '（二）→（三）']);
    assert.deepEqual(report.missing.map((m) => m.number), ['（二）']);
  });

  it('inserts the missing provincial task for the city: 全省 → 全市, 省 units → their 市 counterparts', () => {
    const doc = freshDoc(city);
    const missing = svc.computeDiagnostics(doc).filter((d) => d.code === 'coverage.missing');
    assert.equal(missing.length, 1);
    const action = svc.getCodeActions(doc, missing[0].range, { diagnostics: missing })[0];
    const inserted = action.edit!.changes![doc.uri].map((e) => e.newText).join('');
    assert.match(inserted, /（二）加强农村市场治理。全市开展农村假冒伪劣食品专项整治，严厉打击制售假冒伪劣食品违法行为。（市市场监管局、市农业农村局、市公安局按职责分工负责）/);
  });
});

describe('plans of other kinds', () => {
  const openness = joinLines(
    '2022年某市政务公开工作要点',
    '',
    '一、聚焦重点领域，提升政务公开质量',
    '',
    '（一）加强财政信息公开。依法公开财政预决算信息，细化公开内容。（市财政局负责）',
    '',
    '（二）加强重大决策公开。完善重大行政决策预公开制度。（市司法局负责）',
  );

  it('a 政务公开 plan is checked, but aligned with no anti-counterfeiting plan: one note, no coverage', () => {
    const ds = service.computeDiagnostics(freshDoc(openness)).filter((d) => String(d.code).startsWith('coverage.'));
    assert.deepEqual(ds.map((d) => `${d.code} ${d.message}`), [
      'coverage.no-parent 本文档是“政务公开”方面的工作要点，没有同类的上级工作要点可对照，未检查对上级任务的覆盖：如有，应在设置 workplan.nationalPlan 或命令行 --national 中指定上级工作要点',
    ]);
    assert.equal(service.getAlignment(freshDoc(openness)), undefined);
    assert.equal(service.getContext(freshDoc(openness)).national, undefined);
  });

  it('an anti-counterfeiting plan by any of its names, and its task division or campaign plan, is of the national plan’s family', () => {
    for (const title of [
      '2022年临夏州打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '2021年某市打击侵权假冒工作要点',
      '2021年某市双打工作要点',
      '2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案',
      '上海市市场监督管理局2022年打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '河东区打击侵犯知识产权和制售假冒伪劣商品违法犯罪行动工作方案',
    ]) {
      const ds = service.computeDiagnostics(freshDoc(plan(title, '（市公安局负责）'))).map((d) => d.code);
      assert.ok(!ds.includes('coverage.no-parent'), title);
    }
  });

  it('a parent the user chose is used whatever its kind', () => {
    const chosen = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });
    chosen.configure({ national: 'national-2020' });
    assert.equal(chosen.getAlignment(freshDoc(openness))?.national.id, 'national-2020');
  });
});

describe('a parent plan pasted from PDF', () => {
  // Hard wraps at the PDF's measure and a page marker in the middle of a sentence, as national plans are pasted.
  const parent = joinLines(
    '2021年全国打击侵犯知识产权和制售',
    '假冒伪劣商品工作要点',
    '',
    '一、深化重点领域治理',
    '',
    '（一）加强互联网领域侵权假冒治理。加强网络市场监',
    '管，严厉打击在线销售侵权假冒商品违法行为。（市场',
    '监管总局、公安部按职责分工负责）',
    '',
    '（二）加强广告监管。加强互联网广告监测监管，严厉查处',
    '',
    '— 2 —',
    '',
    '虚假违法广告。（市场监管总局负责）',
  );
  const draft = joinLines(
    '2021年某市打击侵犯知识产权和制售假冒伪劣商品工作要点',
    '',
    '一、深化重点领域治理',
    '',
    '（一）加强互联网领域侵权假冒治理。加强网络市场监管，严厉打击在线销售侵权假冒商品违法行为。（市市场监管局牵头，市公安局按职责分工负责）',
  );
  const svc = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: [{ id: 'pdf-2021', uri: 'file:///pdf-2021.txt', text: parent }] });

  it('inserts the missing task whole: no page marker, no hard wrap, the units made local', () => {
    const doc = freshDoc(draft);
    const missing = svc.computeDiagnostics(doc).filter((d) => d.code === 'coverage.missing');
    assert.deepEqual(missing.map((d) => d.message), ['全国任务（二）“加强广告监管”在本文档中没有对应事项：可在此处补充为（二）加强广告监管']);
    const action = svc.getCodeActions(doc, missing[0].range, { diagnostics: missing })[0];
    const inserted = action.edit!.changes![doc.uri].map((e) => e.newText).join('');
    assert.equal(inserted.trim(), '（二）加强广告监管。加强互联网广告监测监管，严厉查处虚假违法广告。（市市场监管局负责）');
  });
});
