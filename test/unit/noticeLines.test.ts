import * as assert from 'assert';
import { readNoticeLines, type NoticeLine } from '../../server/src/service/syntax/notice';
import { freshDoc, joinLines, service } from './util';

// The issuing notice's own line rules: each element (signature, date, 公开
// note, the plan's title …) is a line of its own in the original, so the
// breaks around them are no hard wraps; an element over two lines is read whole.

const svc = service();
const broken = (text: string) => svc.computeDiagnostics(freshDoc(text)).filter((d) => d.code === 'text.broken-line').map((d) => d.range.start.line);

/** A notice without a plan title the parser could take for one, so that everything after the addressee is read line by line. */
const NOTICE = [
  '海南省人民政府办公厅关于印发2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点的通知',
  '琼府办〔2017〕89号',
  '各市、县、自治县人民政府，省政府直属有关单位：',
  '《工作要点》已经省政府同意，现印发给你们，请认真贯彻执行。',
];
const BODY = ['一、持续推进重点领域专项治理', '（一）加大互联网领域侵权假冒治理力度。坚持依法管网。'];

describe('the notice block: its own line rules', () => {
  it('signature, date, 公开 note, plan title and preamble each end their line', () => {
    const text = joinLines(...NOTICE, '海南省人民政府办公厅', '2017年5月27日', '（此件主动公开）', '2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案', '2017年，全省打击侵权假冒工作要认真贯彻中央部署。', ...BODY);
    assert.deepStrictEqual(broken(text), []);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.notice.issuer?.text, '海南省人民政府办公厅');
    assert.strictEqual(plan.notice.date?.text, '2017年5月27日');
    assert.strictEqual(plan.title?.text, '2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点及任务分工方案');
    assert.deepStrictEqual(plan.preamble.map((p) => p.text), ['2017年，全省打击侵权假冒工作要认真贯彻中央部署。']);
  });

  it('in Traditional characters too; and where no plan title is recognised, the signature and the date still end their lines', () => {
    const lines = [...NOTICE, '國務院辦公廳', '2016年4月19日', '(此件公开发布)', '2016年全國打擊侵犯知識產權和制售假冒偽劣商品工作要點', '2016年，全國打擊侵權假冒工作要認真貫徹黨的十八大精神。', ...BODY];
    const text = joinLines(...lines);
    assert.deepStrictEqual(broken(text), []);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.notice.issuer?.text, '國務院辦公廳');
    assert.strictEqual(plan.title?.text, '2016年全國打擊侵犯知識產權和制售假冒偽劣商品工作要點');
    // As a mirror site serves it, with pinyin after 點 the title is not recognised; its line ends in a bracket all the same.
    const mirrored = joinLines(...lines.map((l) => l.replace(/要點$/, '要點(diǎn)')));
    assert.strictEqual(svc.parse(freshDoc(mirrored)).title, undefined);
    assert.deepStrictEqual(broken(mirrored), []);
  });

  it('a whitespace-only line (no-break spaces) between the date and the title is a blank line', () => {
    const text = joinLines(...NOTICE, '', '\u00a0', '2016年11月2日', '\u00a0\u3000', '2016年郑州高新区打击侵犯知识产权和制售假冒伪劣商品工作任务及分工方案', '  ', '为进一步做好我区打击侵权假冒工作，制定本方案。', ...BODY);
    assert.deepStrictEqual(broken(text), []);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.title?.text, '2016年郑州高新区打击侵犯知识产权和制售假冒伪劣商品工作任务及分工方案');
    // The notice's sentence above the date is no signature.
    assert.strictEqual(plan.notice.issuer, undefined);
  });

  it('reads a date written in numerals: 二○一一年一月十七日', () => {
    const text = joinLines(...NOTICE, '北京市房山区人民政府办公室', '二○一一年一月十七日', '房山区打击侵犯知识产权和制售假冒伪劣商品专项行动实施方案', ...BODY);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.notice.date?.text, '二○一一年一月十七日');
    assert.strictEqual(plan.notice.issuer?.text, '北京市房山区人民政府办公室');
    assert.deepStrictEqual(broken(text), []);
  });

  it('reads a plan title split over two lines whole, blank lines and all, and reports no break in it', () => {
    const text = joinLines(...NOTICE, '厦门市人民政府办公厅', '2016年9月14日', '2016年全市打击侵犯知识产权和', '', '制售假冒伪劣商品工作要点', '2016年，全市打击侵权假冒工作要认真贯彻中央部署。', ...BODY);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.title?.text, '2016年全市打击侵犯知识产权和制售假冒伪劣商品工作要点');
    assert.strictEqual(plan.lines.lineAt(plan.title!.start), NOTICE.length + 2);
    assert.deepStrictEqual(broken(text), []);
  });

  it('reads a signature split over two lines whole', () => {
    const text = joinLines(...NOTICE, '福建省打击侵犯知识产权和', '制售假冒伪劣商品工作领导小组', '2016年6月16日', '（此件公开发布）', '2016年全省打击侵犯知识产权', '和制售假冒伪劣商品工作要点', ...BODY);
    const plan = svc.parse(freshDoc(text));
    assert.strictEqual(plan.notice.issuer?.text, '福建省打击侵犯知识产权和制售假冒伪劣商品工作领导小组');
    assert.strictEqual(plan.title?.text, '2016年全省打击侵犯知识产权和制售假冒伪劣商品工作要点');
    assert.deepStrictEqual(broken(text), []);
  });

  it('a title after a page marker starts there: the masthead above it is not part of it', () => {
    const text = joinLines('全国打击侵犯知识产权和制售', '假冒伪劣商品工作领导小组 文件', '— 1 —', '2022年全国打击侵犯知识产权和', '制售假冒伪劣商品工作要点', '做好全国打击侵权假冒工作，要坚持依法治理。', ...BODY);
    assert.strictEqual(svc.parse(freshDoc(text)).title?.text, '2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点');
  });

  it('still reports a hard wrap inside a sentence of the preamble', () => {
    const text = joinLines(...NOTICE, '海南省人民政府办公厅', '2017年5月27日', '2017年海南省打击侵犯知识产权和制售假冒伪劣商品工作要点', '2017年，全省打击侵权假冒工作要进一步加大本省知识', '产权保护力度。', ...BODY);
    assert.deepStrictEqual(broken(text), [NOTICE.length + 3]);
  });

  it('still reports a hard wrap inside the notice sentence when no plan title follows', () => {
    const text = joinLines(NOTICE[0], NOTICE[2], '《工作要点》已经省政府同意，现印发给你们，请认真', '贯彻执行。', '海南省人民政府办公厅', '2017年5月27日', ...BODY);
    assert.deepStrictEqual(broken(text), [2]);
  });
});

describe('readNoticeLines', () => {
  const lines = (...texts: string[]): NoticeLine[] =>
    texts.map((text) => ({ kind: text === '' ? 'blank' : 'text', text, endsParagraph: /[。：）]$/.test(text) }));

  it('gives every element its role and leaves the sentences without one', () => {
    const layout = readNoticeLines(lines('某市人民政府办公室文件', '某政办〔2020〕1号', '关于印发2020年某市', '工作要点的通知', '各区人民政府：', '现将《工作要点》印发给你们。', '某市人民政府办公室', '2020年5月27日', '（此件公开发布）', '2020年某市工作要点'));
    assert.deepStrictEqual(layout.roles, ['masthead', 'number', 'noticeTitle', 'noticeTitle', 'addressee', undefined, 'signature', 'date', 'public', 'planTitle']);
    assert.deepStrictEqual(layout.noticeTitle, { first: 2, last: 3 });
    assert.deepStrictEqual(layout.masthead, { first: 0, last: 0 });
  });

  it('takes no sentence for a title or a signature', () => {
    const layout = readNoticeLines(lines('各区人民政府：', '现将方案印发给你们，请认真贯彻执行。', '2020年5月27日', '按照省里部署，制定本方案'));
    assert.deepStrictEqual(layout.roles, [undefined, undefined, 'date', undefined]);
    assert.strictEqual(layout.planTitle, undefined);
  });
});
