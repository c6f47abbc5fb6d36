import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { createLanguageService, RULES, type Diagnostic } from '../../server/src/service';
import { freshDoc, loadSeed, REPO_ROOT, SEED_NAMES } from './util';

// Every rule's message, in both locales, is written out whole from its typed
// arguments: no placeholder left unfilled, no `undefined` where a word or a
// hint was meant. The plans below between them make every rule report.

/** Mistakes no seed makes: a national unit, one with no local counterpart, a unit merged away before the plan's year, an item without a clause, Word's ㈤ for （五）. */
const EXTRA_MISTAKES = [
  '2021年某市打击侵犯知识产权和制售假冒伪劣商品工作要点',
  '一、加强重点领域治理',
  '（一）加强网络市场监管。严厉打击在线销售侵权假冒商品行为。（公安部牵头，市商务局按职责分工负责）',
  '（二）加强进出口监管。严厉打击跨境制售侵权假冒商品。（海关总署负责）',
  '（三）加强农村市场治理。加强农村假冒伪劣食品治理。（市市场监管局牵头，市工商局按职责分工负责）',
  '（四）加强展会知识产权保护。',
  '㈤加强寄递环节监管。严格落实实名收寄制度。（市邮政管理局负责）',
].join('\n');

function diagnosticsIn(locale: string): Diagnostic[] {
  const service = createLanguageService({ locale, registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });
  const texts = [
    ...SEED_NAMES.map((name) => loadSeed(name)),
    fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'drafts', 'faulty-draft.txt'), 'utf8'),
    EXTRA_MISTAKES,
    // A plan of another kind than every parent plan.
    ['2022年某市政务公开工作要点', '一、提升政务公开质量', '（一）加强财政信息公开。（市财政局负责）'].join('\n'),
  ];
  const tiny = createLanguageService({ locale, registry: BUILTIN_REGISTRY, maxDocumentChars: 100 });
  return [...texts.flatMap((text) => service.computeDiagnostics(freshDoc(text))), ...tiny.computeDiagnostics(freshDoc(loadSeed('xiamen-city-2020')))];
}

describe('diagnostic messages from typed arguments', () => {
  for (const locale of ['zh-cn', 'en']) {
    it(`${locale}: every rule reports on these plans, each message written out whole`, () => {
      const diagnostics = diagnosticsIn(locale);
      const reported = new Set(diagnostics.map((d) => String(d.code)));
      assert.deepEqual(RULES.map((r) => r.code).filter((code) => !reported.has(code)), [], 'rules no plan here makes report');
      const broken = diagnostics.filter((d) => /\{\w+\}|undefined|\[object/.test(d.message)).map((d) => `${d.code}: ${d.message}`);
      assert.deepEqual(broken, []);
    });
  }

  it('writes the words of the arguments in the locale: hints, reasons, level and convention names', () => {
    const zh = diagnosticsIn('zh-cn');
    const en = diagnosticsIn('en');
    const first = (ds: Diagnostic[], code: string, has: RegExp) => ds.find((d) => d.code === code && has.test(d.message))?.message;
    assert.equal(first(zh, 'agency.national-in-local', /公安部/), '地方工作要点中出现国家部门“公安部”：应为本地对应单位“市公安局”');
    assert.equal(first(en, 'agency.national-in-local', /海关总署/), 'National agency “海关总署” in a local plan: expected its local counterpart');
    assert.equal(first(zh, 'agency.dissolved', /工商局/), '“市工商局”是2018年机构改革前的单位名称，本文档的年份已不再使用：应为“市市场监管局”');
    assert.equal(first(zh, 'clause.missing', /展会/), '“（四）加强展会知识产权保护”没有责任分工：应注明牵头或负责单位');
    assert.equal(first(zh, 'numbering.enclosed', /㈤/), '序号“㈤”是一个带括号的单字符（Word 自动编号所致）：应为（五）');
    assert.equal(first(en, 'numbering.enclosed', /㈤/), 'Marker “㈤” is one enclosed character (as Word numbering writes it); expected （五）');
    assert.match(first(en, 'numbering.width', /./) ?? '', /^Mixed marker width: this document writes level-\d markers (full|half)-width; /);
    assert.match(first(zh, 'numbering.convention', /./) ?? '', /^编号方式不一致：本文档.级序号(全文连续编号|在每一部分内重新编号)，此处应为/);
    assert.match(first(en, 'coverage.other-year', /2017/) ?? '', /^Not compared task by task: this plan is for 2017 and no parent plan of 2017 is available, so it is compared with “2020 年全国/);
    assert.match(first(zh, 'coverage.other-year', /2021/) ?? '', /^本文档为2021年工作要点，没有同年的上级工作要点，已改与《2020 年全国/);
  });
});
