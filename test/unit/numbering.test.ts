import * as assert from 'assert';
import { DiagnosticSeverity, RULES, type Diagnostic } from '../../server/src/service';
import { MESSAGES } from '../../server/src/service/l10n';
import { freshDoc, joinLines, lineOf, service } from './util';

const zh = service('zh-cn');
const en = service('en');

/** Item lines with a body sentence each: `（一）第1项任务。` */
function items(...markers: string[]): string[] {
  return markers.map((m, i) => `${m}第${i + 1}项任务，具体内容。（市公安局负责）`);
}

function diagnose(text: string, svc = zh, version = 1): Diagnostic[] {
  return svc.computeDiagnostics(freshDoc(text, version));
}

const numberingCodes = (ds: Diagnostic[]) => ds.filter((d) => d.code.startsWith('numbering.'));

/** Asserts exactly the given numbering diagnostics: code, line (of the marker text) and a value the message must name. */
function expectNumbering(text: string, expected: Array<{ code: string; at: string; says: string[]; from?: number }>, svc = zh): Diagnostic[] {
  const ds = numberingCodes(diagnose(text, svc));
  const summary = ds.map((d) => `${d.range.start.line}:${d.code} ${d.message}`).join('\n');
  assert.strictEqual(ds.length, expected.length, `expected ${expected.length} numbering diagnostics, got:\n${summary}`);
  expected.forEach((e, i) => {
    const d = ds[i];
    assert.strictEqual(d.code, e.code, summary);
    const line = lineOf(text, e.at, e.from ?? 0);
    assert.strictEqual(d.range.start.line, line, `${e.code} on the line of ${e.at}\n${summary}`);
    const lineStart = text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
    const markerOffset = text.indexOf(e.at, e.from ?? 0) - lineStart;
    assert.strictEqual(d.range.start.character, markerOffset, `${e.code} starts at the marker`);
    for (const s of e.says) assert.ok(d.message.includes(s), `message ${JSON.stringify(d.message)} names ${s}`);
  });
  return ds;
}

describe('numbering checks', () => {
  describe('sequence', () => {
    it('reports a gap at the item after it, naming what is missing and what is expected', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '（四）', '（五）'));
      const [d] = expectNumbering(text, [{ code: 'numbering.gap', at: '（四）', says: ['缺少（三）', '应为（三）'] }]);
      assert.strictEqual(d.severity, DiagnosticSeverity.Error);
      assert.deepStrictEqual(d.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } });
    });

    it('names a range of missing numbers', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '（五）', '（六）'));
      expectNumbering(text, [{ code: 'numbering.gap', at: '（五）', says: ['（三）—（四）', '应为（三）'] }]);
    });

    it('reports a missing first item', () => {
      const text = joinLines('一、总体要求', ...items('（二）', '（三）', '（四）'));
      expectNumbering(text, [{ code: 'numbering.gap', at: '（二）', says: ['缺少（一）', '应为（一）'] }]);
    });

    it('reports a duplicate once, at the repeated number', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '（二）', '（三）', '（四）'));
      expectNumbering(text, [{ code: 'numbering.duplicate', at: '（二）', from: text.indexOf('（二）') + 1, says: ['（二）', '应为（三）'] }]);
    });

    it('reports a duplicate standing for the next number (typo) once', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '（二）', '（四）', '（五）'));
      expectNumbering(text, [{ code: 'numbering.duplicate', at: '（二）', from: text.indexOf('（二）') + 1, says: ['应为（三）'] }]);
    });

    it('reports a swap as two order problems, each naming the number expected there', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（三）', '（二）', '（四）'));
      expectNumbering(text, [
        { code: 'numbering.order', at: '（三）', says: ['（三）', '应为（二）'] },
        { code: 'numbering.order', at: '（二）', says: ['（二）', '应为（三）'] },
      ]);
    });

    it('reports a typo once, without a cascade', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '（七）', '（四）', '（五）'));
      expectNumbering(text, [{ code: 'numbering.order', at: '（七）', says: ['（七）', '应为（三）'] }]);
      const back = joinLines('一、总体要求', ...items('（一）', '（二）', '（三）', '（二）', '（五）', '（六）'));
      expectNumbering(back, [{ code: 'numbering.order', at: '（二）', from: back.indexOf('（三）'), says: ['应为（四）'] }]);
    });

    it('checks level-3 numbers inside each item', () => {
      const text = joinLines('一、总体要求', '（一）甲', ...items('1.', '2.', '4.'), '（二）乙', ...items('1.', '2.'));
      expectNumbering(text, [{ code: 'numbering.gap', at: '4.', says: ['缺少3.', '应为3.'] }]);
    });

    it('checks level-1 numbers', () => {
      const text = joinLines('一、甲', ...items('（一）'), '三、乙', ...items('（二）'), '四、丙', ...items('（三）'));
      expectNumbering(text, [{ code: 'numbering.gap', at: '三、', says: ['缺少二、', '应为二、'] }]);
    });

    it('is silent on a clean plan', () => {
      const text = joinLines('2020年某市工作要点', '一、甲', ...items('（一）', '（二）'), '二、乙', ...items('（三）', '（四）', '（五）'));
      assert.deepStrictEqual(diagnose(text), []);
    });
  });

  describe('levels', () => {
    it('reports 1. directly under 一、 once for the whole run', () => {
      const text = joinLines('一、总体要求', ...items('1.', '2.', '3.'), '二、重点任务', ...items('（一）', '（二）'), ...items('1.', '2.'));
      expectNumbering(text, [{ code: 'numbering.level', at: '1.', says: ['1.', '一、', '（一）'] }]);
    });

    it('reports each separate run once', () => {
      const text = joinLines('一、甲', ...items('1.', '2.'), '二、乙', ...items('1.', '2.'));
      const ds = numberingCodes(diagnose(text)).filter((d) => d.code === 'numbering.level');
      assert.deepStrictEqual(ds.map((d) => d.range.start.line), [1, 4]);
    });

    it('does not report a plan without sections (items at the top)', () => {
      const text = joinLines('2017年某市工作要点', ...items('（一）', '（二）', '（三）'));
      assert.deepStrictEqual(numberingCodes(diagnose(text)), []);
    });
  });

  describe('punctuation', () => {
    it('reports （一）、, 1、 and 一， and names the correct marker', () => {
      const text = joinLines('一，总体要求', ...items('（一）、', '（二）'), '二、重点任务', '（三）甲', ...items('1、', '2.'));
      expectNumbering(text, [
        { code: 'numbering.punctuation', at: '一，', says: ['一，', '应为一、'] },
        { code: 'numbering.punctuation', at: '（一）、', says: ['（一）、', '应为（一）'] },
        { code: 'numbering.punctuation', at: '1、', says: ['1、', '应为1.'] },
      ]);
    });

    it('reports (一), in a half-width document as (一)', () => {
      const text = joinLines('一、总体要求', ...items('(一),', '(二)', '(三)'));
      expectNumbering(text, [{ code: 'numbering.punctuation', at: '(一),', says: ['应为(一)'] }]);
    });

    it('is a warning', () => {
      const text = joinLines('一、总体要求', ...items('（一）、', '（二）'));
      assert.strictEqual(numberingCodes(diagnose(text))[0].severity, DiagnosticSeverity.Warning);
    });
  });

  describe('one-character markers (㈠)', () => {
    it('reads ㈠ as the item it numbers and reports it, to be written （一）', () => {
      const text = joinLines('一、总体要求', ...items('㈠', '㈡', '（三）'));
      const ds = expectNumbering(text, [
        { code: 'numbering.enclosed', at: '㈠', says: ['㈠', '应为（一）'] },
        { code: 'numbering.enclosed', at: '㈡', says: ['㈡', '应为（二）'] },
      ]);
      assert.strictEqual(ds[0].severity, DiagnosticSeverity.Warning);
      assert.deepStrictEqual(zh.parse(freshDoc(text)).headings.map((h) => `${h.level}:${h.marker.value}`), ['1:1', '2:1', '2:2', '2:3']);
    });

    it('is written out in the width the level is written in: (一) in a half-width plan, （一） when every marker is ㈠', () => {
      expectNumbering(joinLines('一、总体要求', ...items('(一)', '㈡', '(三)')), [{ code: 'numbering.enclosed', at: '㈡', says: ['应为(二)'] }]);
      expectNumbering(joinLines('一、总体要求', ...items('㈠', '㈡')), [
        { code: 'numbering.enclosed', at: '㈠', says: ['应为（一）'] },
        { code: 'numbering.enclosed', at: '㈡', says: ['应为（二）'] },
      ]);
    });

    it('a ㈠ line holding only its title is a title line, its body on the next line', () => {
      const text = joinLines('一、加强重点领域治理', '㈠加强互联网领域侵权假冒治理', '打击网上销售假冒伪劣商品。突出食品药品、农资等重点商品。', '㈡加强农村市场治理', '开展农村假冒伪劣食品专项整治。');
      assert.deepStrictEqual(diagnose(text).map((d) => d.code), ['numbering.enclosed', 'numbering.enclosed']);
      assert.deepStrictEqual(zh.parse(freshDoc(text)).headings.filter((h) => h.level === 2).map((h) => h.title.text), ['加强互联网领域侵权假冒治理', '加强农村市场治理']);
    });

    it('fix-all writes every one out', () => {
      const text = joinLines('一、总体要求', ...items('㈠', '㈡', '（三）'));
      const doc = freshDoc(text);
      const edits = zh.getFixAllEdits(doc);
      assert.deepStrictEqual(edits.map((e) => e.newText), ['（一）', '（二）']);
    });
  });

  describe('width', () => {
    it('reports a half-width marker among full-width ones', () => {
      const text = joinLines('一、总体要求', ...items('（一）', '（二）', '(三)', '（四）'));
      expectNumbering(text, [{ code: 'numbering.width', at: '(三)', says: ['全角', '(三)', '应为（三）'] }]);
    });

    it('reports a full-width marker when the document is mostly half-width, never imposing full width', () => {
      const text = joinLines('一、总体要求', ...items('(一)', '(二)', '（三）', '(四)'));
      expectNumbering(text, [{ code: 'numbering.width', at: '（三）', says: ['半角', '（三）', '应为(三)'] }]);
    });

    it('accepts a document written half-width throughout', () => {
      const text = joinLines('一、总体要求', ...items('(一)', '(二)', '(三)'), '二、重点任务', ...items('(四)', '(五)'));
      assert.deepStrictEqual(numberingCodes(diagnose(text)), []);
    });

    it('reports mixed brackets （一) at level 2 and level 4', () => {
      const text = joinLines('一、总体要求', '（一）甲', '1.乙', ...items('（1）', '（2)', '（3）'), ...items('（二)', '（三）'));
      const ds = numberingCodes(diagnose(text)).filter((d) => d.code === 'numbering.width');
      assert.deepStrictEqual(ds.map((d) => d.range.start.line), [lineOf(text, '（2)'), lineOf(text, '（二)')]);
      assert.ok(ds[0].message.includes('应为（2）'), ds[0].message);
      assert.ok(ds[1].message.includes('应为（二）'), ds[1].message);
    });

    it('accepts a document that writes every level-3 marker 1． (full-width stop) consistently', () => {
      const text = joinLines('一、总体要求', '（一）甲', ...items('1．', '2．', '3．'), '（二）乙', ...items('1．', '2．'));
      assert.deepStrictEqual(numberingCodes(diagnose(text)).map((d) => d.message), []);
    });

    it('accepts a document that writes every level-3 marker １． consistently, and reports the odd 1.', () => {
      const text = joinLines('一、总体要求', '（一）甲', ...items('１．', '２．', '３．'), '（二）乙', ...items('１．', '2.', '３．'));
      expectNumbering(text, [{ code: 'numbering.width', at: '2.', says: ['应为２．'] }]);
    });
  });

  describe('convention', () => {
    const continuousWithRestart = joinLines(
      '一、甲', ...items('（一）', '（二）'),
      '二、乙', ...items('（三）', '（四）'),
      '三、丙', ...items('（一）', '（二）'),
      '四、丁', ...items('（七）', '（八）'),
    );

    it('reports a section restarting in a continuous plan once, naming the continued number', () => {
      expectNumbering(continuousWithRestart, [{ code: 'numbering.convention', at: '（一）', from: continuousWithRestart.indexOf('三、'), says: ['应为（五）', '连续'] }]);
    });

    it('reports a section running on in a plan that restarts, naming （一）', () => {
      const text = joinLines(
        '一、甲', ...items('（一）', '（二）'),
        '二、乙', ...items('（一）', '（二）', '（三）'),
        '三、丙', ...items('（四）', '（五）'),
        '四、丁', ...items('（一）', '（二）'),
        '五、戊', ...items('（一）'),
      );
      expectNumbering(text, [{ code: 'numbering.convention', at: '（四）', says: ['应为（一）', '重新编号'] }]);
    });

    it('accepts a plan that restarts in every section', () => {
      const text = joinLines('一、甲', ...items('（一）', '（二）'), '二、乙', ...items('（一）', '（二）', '（三）'), '三、丙', ...items('（一）'), '四、丁', ...items('（一）', '（二）'));
      assert.deepStrictEqual(numberingCodes(diagnose(text)), []);
    });

    it('accepts a plan with two sections that restarts (no majority to go by)', () => {
      const text = joinLines('一、甲', ...items('（一）', '（二）'), '二、乙', ...items('（一）', '（二）', '（三）'));
      assert.deepStrictEqual(numberingCodes(diagnose(text)).filter((d) => d.code === 'numbering.convention'), []);
    });

    it('accepts level-3 numbers restarting under every item and reports one that runs on', () => {
      const text = joinLines(
        '一、甲',
        '（一）子甲', ...items('1.', '2.'),
        '（二）子乙', ...items('1.', '2.', '3.'),
        '（三）子丙', ...items('4.', '5.'),
        '（四）子丁', ...items('1.', '2.'),
      );
      expectNumbering(text, [{ code: 'numbering.convention', at: '4.', says: ['应为1.'] }]);
    });
  });

  describe('locales', () => {
    const cases = [
      joinLines('一、总体要求', ...items('（一）', '（二）', '（四）')),
      joinLines('一、总体要求', ...items('（一）', '（二）', '（二）', '（三）')),
      joinLines('一、总体要求', ...items('（一）', '（三）', '（二）')),
      joinLines('一、总体要求', ...items('1.', '2.')),
      joinLines('一、总体要求', ...items('（一）、', '（二）')),
      joinLines('一、总体要求', ...items('（一）', '(二)', '（三）')),
      joinLines('一、甲', ...items('（一）'), '二、乙', ...items('（二）'), '三、丙', ...items('（一）'), '四、丁', ...items('（四）')),
    ];

    for (const [i, text] of cases.entries()) {
      it(`case ${i + 1}: Chinese and English messages differ, report the same thing and name the same value`, () => {
        const dz = numberingCodes(diagnose(text, zh));
        const de = numberingCodes(diagnose(text, en));
        assert.ok(dz.length > 0);
        assert.deepStrictEqual(de.map((d) => [d.code, d.range]), dz.map((d) => [d.code, d.range]));
        dz.forEach((d, k) => {
          const e = de[k].message;
          assert.notStrictEqual(e, d.message);
          assert.match(e, /\b[A-Za-z]{4,}\b.*\b[A-Za-z]{4,}\b/, e);
          assert.ok(!/\{\w+\}/.test(e) && !/\{\w+\}/.test(d.message), 'no unfilled placeholders');
          assert.ok(!/[a-z]{3,}/i.test(d.message), `Chinese message has no English words: ${d.message}`);
          // The expected marker named by the Chinese message appears in the English one too.
          const expected = /应为(.+)$/.exec(d.message)?.[1];
          if (expected) assert.ok(e.includes(expected), `${e} names ${expected}`);
        });
      });
    }

    it('resolves locales: zh-* is Chinese, anything else English', () => {
      assert.strictEqual(service('zh-CN').locale, 'zh-cn');
      assert.strictEqual(service('zh').locale, 'zh-cn');
      assert.strictEqual(service('en-US').locale, 'en');
      assert.strictEqual(service('fr').locale, 'en');
    });
  });

  describe('severities and diagnostic shape', () => {
    const text = joinLines('一、总体要求', ...items('（一）', '(二)', '（四）', '（五）'));

    it('applies severity overrides per code and turns rules off', () => {
      const base = diagnose(text);
      assert.deepStrictEqual(base.map((d) => d.code).sort(), ['numbering.gap', 'numbering.width']);
      const ds = zh.computeDiagnostics(freshDoc(text), { severities: { 'numbering.width': 'off', 'numbering.gap': 'hint' } });
      assert.deepStrictEqual(ds.map((d) => d.code), ['numbering.gap']);
      assert.strictEqual(ds[0].severity, DiagnosticSeverity.Hint);
    });

    it('maps every severity setting and ignores unknown values', () => {
      const sev = (setting: unknown) => zh.computeDiagnostics(freshDoc(text), { severities: { 'numbering.gap': setting } }).find((d) => d.code === 'numbering.gap')?.severity;
      assert.strictEqual(sev('error'), DiagnosticSeverity.Error);
      assert.strictEqual(sev('warning'), DiagnosticSeverity.Warning);
      assert.strictEqual(sev('information'), DiagnosticSeverity.Information);
      assert.strictEqual(sev('hint'), DiagnosticSeverity.Hint);
      assert.strictEqual(sev('off'), undefined);
      assert.strictEqual(sev('loud'), DiagnosticSeverity.Error);
      assert.strictEqual(sev(3), DiagnosticSeverity.Error);
    });

    it('overrides do not leak between requests on the same document', () => {
      const doc = freshDoc(text);
      assert.strictEqual(zh.computeDiagnostics(doc, { severities: { 'numbering.gap': 'off' } }).some((d) => d.code === 'numbering.gap'), false);
      assert.strictEqual(zh.computeDiagnostics(doc).some((d) => d.code === 'numbering.gap'), true);
    });

    it('gives every diagnostic source workplan, a code from RULES and the document version', () => {
      const codes = new Set<string>(RULES.map((r) => r.code));
      const faulty = joinLines('一、总体要求', ...items('（一）、', '(二)', '（四）', '（四）'), '1.甲', '— 2 —', '（五）加强网络市场监管，严厉打击', '在线销售侵权假冒商品。（市公安局负责');
      for (const version of [1, 7, 42]) {
        const ds = diagnose(faulty, zh, version);
        assert.ok(ds.length >= 5);
        for (const d of ds) {
          assert.strictEqual(d.source, 'workplan');
          assert.strictEqual(typeof d.code, 'string');
          assert.ok(codes.has(d.code), d.code);
          assert.strictEqual((d.data as { version?: unknown }).version, version);
          assert.ok(d.message.length > 0);
        }
      }
    });

    it('has a rule, a severity and both messages for every code', () => {
      const codes = RULES.map((r) => r.code);
      assert.strictEqual(new Set(codes).size, codes.length);
      // Agency and clause messages name what is expected in a slot filled per case ({detail}, {hint}, {reason}).
      const SLOT = /\{(detail|hint|reason)\}/;
      for (const r of RULES) {
        assert.ok(r.severity >= 1 && r.severity <= 4);
        assert.ok(r.message['zh-cn'] && r.message.en);
        if (SLOT.test(r.message['zh-cn'])) {
          assert.ok(SLOT.test(r.message.en), `${r.code}: both languages fill the slot`);
          continue;
        }
        // Coverage names the item to add here: the national task as it would be numbered in this document.
        const expects = /^(numbering|text)\./.test(r.code)
          ? /应(为|删除|合并|在|先有)/
          : /^coverage\./.test(r.code)
            ? /补充为\{expected\}|应在设置/
            : /^document\./.test(r.code)
              ? /应拆分/
              : /应(注明|只列)/;
        assert.ok(expects.test(r.message['zh-cn']), `${r.code} names the expected value`);
        assert.ok(/expected/i.test(r.message.en), `${r.code} names the expected value`);
        if (/\{expected\}/.test(r.message['zh-cn'])) assert.ok(/\{expected\}/.test(r.message.en), `${r.code}: both languages show {expected}`);
      }
      // The slot texts that have an expected value name it.
      for (const key of ['clause.unclosed', 'clause.noRole', 'clause.leadAsPartner', 'hint.suggestion', 'hint.counterpart', 'hint.noCounterpart', 'hint.expected'] as const) {
        assert.ok(/应(为|在|改为)|不应/.test(MESSAGES[key]['zh-cn']), `${key} names the expected value`);
        assert.ok(/expected|did you mean|should/i.test(MESSAGES[key].en), `${key} names the expected value`);
      }
    });
  });
});
