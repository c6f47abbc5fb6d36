import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { createLanguageService } from '../../server/src/service';
import { formatChineseNumeral } from '../../server/src/service/text/numerals';
import {
  applyEdits, codesOf, freshDoc, isInside, joinLines, loadSeed, outline, prng, SEED_NAMES, service, withCursor,
} from './util';

const svc = service();

/** Runs every request on a document and checks the answers are well-formed. */
function exercise(text: string): void {
  const doc = freshDoc(text);
  const plan = svc.parse(doc);
  assert.strictEqual(plan.text, text);
  const ds = svc.computeDiagnostics(doc);
  for (const d of ds) {
    assert.ok(isInside(text, d.range), `${d.code} range inside the document`);
    const actions = svc.getCodeActions(doc, d.range, { diagnostics: [d] });
    for (const a of actions) {
      // Either an edit or a command (add to the workspace registry), never neither.
      assert.ok(!!a.edit !== !!a.command, `${a.title}: an edit or a command`);
      if (a.command) assert.strictEqual(a.command.command, 'workplan.addToRegistry');
      for (const e of a.edit?.changes[doc.uri] ?? []) assert.ok(isInside(text, e.range), 'edit range inside the document');
    }
  }
  const edits = svc.getFixAllEdits(doc);
  for (const e of edits) assert.ok(isInside(text, e.range));
  applyEdits(text, edits);
  const symbols = svc.getDocumentSymbols(doc);
  const walk = (s: (typeof symbols)[number]) => {
    assert.ok(isInside(text, s.range) && isInside(text, s.selectionRange));
    s.children?.forEach(walk);
  };
  symbols.forEach(walk);
  for (const f of svc.getFoldingRanges(doc)) assert.ok(f.endLine > f.startLine);
}

function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

const PIECES = [
  '一、', '二、', '十、', '（一）', '(二)', '（三）、', '1.', '2、', '１．', '（1）', '(2)', '一，', '（', '）', '(', ')',
  '负责', '牵头', '按职责分工', '市公安局', '。', '，', '；', '：', '\n', '\n\n', '\r\n', '\r', ' ', '\u3000', '— 2 —', '第 3 页',
  '工作要点', '通知', '〔2020〕1号', '2020年5月27日', '出所先：', 'http://x', '“', '”', '𠀀', '😀', '\u0000', '\ud800', '\udc00',
];

function randomPlanLike(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += PIECES[Math.floor(rand() * PIECES.length)];
    if (rand() < 0.3) s += '加强网络市场监管'.slice(0, 1 + Math.floor(rand() * 8));
  }
  return s;
}

/** A plan of 一、 sections, continuous （n） items and 1. sub-items, as long as asked. */
function syntheticPlan(minLength: number): { text: string; items: number; subItems: number } {
  const lines = ['2020年某市打击侵犯知识产权和制售假冒伪劣商品工作要点', ''];
  let length = 0;
  let items = 0;
  let subItems = 0;
  const sentence = '加强网络市场监管，以服装鞋帽、妇幼用品、老年用品、家用电器为重点，严厉打击在线销售侵权假冒商品、虚假广告、虚假宣传等违法行为。（市公安局、市市场监管局按职责分工负责）深入推进查办电子商务领域产品质量违法案件。（市商务局牵头，市委宣传部按职责分工负责）';
  for (let s = 1; length < minLength; s++) {
    assert.ok(s < 99, 'plan too long for the numbering');
    lines.push(`${formatChineseNumeral(s)}、第${s}部分`, '');
    for (let i = 0; i < 20 && length < minLength; i++) {
      items++;
      assert.ok(items <= 999, 'plan too long for the numbering');
      lines.push(`（${formatChineseNumeral(items)}）加强第${items}项工作。${sentence}`, '');
      for (let k = 1; k <= 30; k++) {
        subItems++;
        const line = `${k}. 第${k}项具体任务。${sentence}${sentence}`;
        lines.push(line, '');
        length += line.length;
      }
    }
  }
  return { text: lines.join('\n'), items, subItems };
}

const SERVICE_MODULE = path.resolve(__dirname, '..', '..', 'server', 'src', 'service', 'index.js');
const REGISTRY_MODULE = path.resolve(__dirname, '..', '..', 'server', 'src', 'builtinData.js');
const CHILD = `
const { createLanguageService } = require(${JSON.stringify(SERVICE_MODULE)});
const { BUILTIN_REGISTRY } = require(${JSON.stringify(REGISTRY_MODULE)});
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const text = Buffer.concat(chunks).toString('utf8');
  const svc = createLanguageService({ registry: BUILTIN_REGISTRY });
  const doc = { uri: 'test://bounded', version: 1, getText: () => text };
  const n = svc.computeDiagnostics(doc).length;
  svc.getFixAllEdits(doc); svc.getDocumentSymbols(doc); svc.getFoldingRanges(doc);
  process.stdout.write('ok ' + n);
});`;

/** Runs the service on `text` in a child process that is killed after `ms`; resolves with the elapsed time or 'timeout'. */
function runBounded(text: string, ms: number): Promise<{ result: 'ok' | 'timeout' | 'error'; elapsed: number; detail: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', () => {
      clearTimeout(timer);
      const elapsed = Date.now() - started;
      resolve({ result: timedOut ? 'timeout' : out.startsWith('ok') ? 'ok' : 'error', elapsed, detail: out + err.slice(0, 500) });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

describe('parser: edge cases', () => {
  describe('never throws', () => {
    const fixed: Array<[string, string]> = [
      ['empty string', ''],
      ['one newline', '\n'],
      ['only blank lines', '\n\n\n\n'],
      ['only CRLF blank lines', '\r\n\r\n\r\n'],
      ['only spaces and ideographic spaces', '   \u3000\u3000 \t\n \u3000\n'],
      ['a BOM', '\ufeff'],
      ['NUL characters', '\u0000\u0000一、\u0000\n（一）\u0000。'],
      ['lone surrogates', '\ud800一、甲\udc00\n（一）\udbff任务\ud800\n\udfff'],
      ['only a marker', '一、'],
      ['only an item marker', '（一）'],
      ['only an open bracket', '一、甲\n（一）任务。（'],
      ['only a page marker', '— 2 —'],
      ['a trailer only', '出所先：\nhttp://example.com'],
      ['markers at the very end without newline', '一、甲\n（一）乙\n1.'],
      ['value limits', '一百、甲\n（九百九十九）乙。\n199.丙。\n（999）丁。'],
    ];
    for (const [name, text] of fixed) it(name, () => exercise(text));

    it('random bytes decoded as latin1 and as utf8', () => {
      const rand = prng(20200527);
      for (let i = 0; i < 40; i++) {
        const bytes = randomBytes(rand, 50 + Math.floor(rand() * 3000));
        exercise(bytes.toString('latin1'));
        exercise(bytes.toString('utf8'));
        exercise(bytes.toString('utf16le'));
      }
    });

    it('random plan-like token soup', () => {
      const rand = prng(17);
      for (let i = 0; i < 150; i++) exercise(randomPlanLike(rand, 20 + Math.floor(rand() * 300)));
    });

    it('every seed cut at random points', () => {
      const rand = prng(2023);
      for (const name of SEED_NAMES) {
        const text = loadSeed(name);
        for (let i = 0; i < 6; i++) {
          const a = Math.floor(rand() * text.length);
          const b = a + Math.floor(rand() * (text.length - a));
          exercise(text.slice(0, a));
          exercise(text.slice(a, b));
          exercise(text.slice(0, a) + text.slice(b));
        }
      }
    });
  });

  describe('stays bounded on pathological input (each run in a child process killed after a few seconds)', function () {
    this.timeout(60000);
    // Linear work on these inputs takes well under a second; quadratic work takes minutes.
    const LIMIT_MS = 4000;
    const N = 100_000;
    const cases: Array<[string, string]> = [
      ['a long run of spaces inside an item title', `一、甲\n（一）加强${' '.repeat(N)}监管。（市公安局负责）`],
      ['a long run of spaces in an ordinary body line', `一、甲\n（一）加强监管。\n继续${' '.repeat(N)}推进。`],
      ['a long run of spaces in the preamble', `2020年某市工作要点\n做好${' '.repeat(N)}工作\n一、甲\n（一）加强监管。`],
      ['a long run of spaces inside a clause', `一、甲\n（一）加强监管。（市公安局${' '.repeat(N)}负责）`],
      ['deeply nested brackets in one item', `一、甲\n（一）加强监管${'（'.repeat(N)}${'）'.repeat(N)}。`],
      ['many unclosed clauses', `一、甲\n（一）加强监管。${'（市公安局负责'.repeat(N / 5)}`],
      ['many lines that never end a sentence', `一、甲\n（一）加强监管。\n${'继续推进\n'.repeat(N / 2)}`],
      ['one 1 MB line', `一、甲\n（一）${'加强监管，'.repeat(N * 2)}`],
      ['20 000 items all numbered （一）', `一、甲\n${'（一）加强监管。\n'.repeat(N / 5)}`],
      // Numbered 1． so that no marker is a bracket: each item's search for its next bracket must not run to the end.
      ['50 000 items without brackets, then one clause at the very end', `一、甲\n（一）乙\n${'1．加强监管。\n'.repeat(N / 2)}${'继续推进。'.repeat(N / 5)}（市公安局负责）`],
      ['item lines without 。 after many with it', `一、甲\n${'（一）加强监管。\n'.repeat(3000)}${'（二）加强监管\n'.repeat(2900)}${'继续推进，'.repeat(N / 2)}`],
      // Each of these lines could carry on a signature or a title: every one is claimed once.
      ['50 000 name-like lines before a date, a title and the body', `${'某某单位\n'.repeat(N / 2)}2020年5月27日\n${'某市某某\n'.repeat(N / 2)}2020年某市工作要点\n一、甲\n（一）加强监管。`],
      ['a PDF paste: 10 000 item lines at the measure of 10 000 wrapped lines', `一、甲\n${`（一）${'加强监管'.repeat(6)}\n${'继续推进'.repeat(7)}\n`.repeat(N / 10)}`],
    ];
    const results = new Map<string, Promise<{ result: string; elapsed: number; detail: string }>>();
    before(() => {
      // Two at a time, so that a slow case cannot starve the others of CPU.
      const chain: Array<Promise<unknown>> = [Promise.resolve(), Promise.resolve()];
      cases.forEach(([name, text], i) => {
        const slot = i % chain.length;
        const run = chain[slot].then(() => runBounded(text, LIMIT_MS));
        chain[slot] = run;
        results.set(name, run);
      });
    });
    for (const [name] of cases) {
      it(name, async () => {
        const r = await results.get(name)!;
        assert.strictEqual(r.result, 'ok', `${r.result} after ${r.elapsed} ms ${r.detail}`);
      });
    }
  });

  describe('a 5 MB plan', function () {
    this.timeout(20000);
    it('parses and is checked to the end', () => {
      const { text, items, subItems } = syntheticPlan(5_000_000);
      assert.ok(text.length >= 5_000_000);
      // A gap among the last items shows that the whole plan was checked.
      const lastItem = `（${formatChineseNumeral(items)}）`;
      const broken = text.replace(lastItem, `（${formatChineseNumeral(items + 1)}）`);
      const doc = freshDoc(broken);
      const plan = svc.parse(doc);
      assert.strictEqual(plan.headings.filter((h) => h.level === 2).length, items);
      assert.strictEqual(plan.headings.filter((h) => h.level === 3).length, subItems);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(codesOf(ds), ['numbering.gap']);
      assert.strictEqual(ds[0].range.start.line, broken.slice(0, broken.indexOf(`（${formatChineseNumeral(items + 1)}）`)).split('\n').length - 1);
      assert.ok(ds[0].message.includes(lastItem));
      const fixed = applyEdits(broken, svc.getFixAllEdits(doc));
      assert.strictEqual(fixed, text);
    });
  });

  describe('responsibility clauses', () => {
    it('reports a clause that never closes and offers to close it; the rest of the plan is still checked', () => {
      const { text, position } = withCursor(joinLines(
        '一、总体要求',
        '（一）加强网络市场监管。（市公安局负责|',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
        '（四）加强重点市场监管。（市市场监管局负责）',
      ));
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(codesOf(ds), ['clause.malformed', 'numbering.gap']);
      const [malformed, gap] = ds;
      assert.strictEqual(malformed.range.start.line, 1);
      assert.strictEqual(malformed.range.start.character, text.split('\n')[1].indexOf('（市公安局'));
      assert.deepStrictEqual(malformed.range.end, position);
      assert.ok(malformed.message.includes('）'));
      assert.strictEqual(gap.range.start.line, 3);
      assert.ok(gap.message.includes('应为（三）'));
      const plan = svc.parse(doc);
      assert.strictEqual(plan.headings.filter((h) => h.level === 2).length, 3);
      assert.deepStrictEqual(plan.headings[2].clauses.map((c) => c.content), ['市邮政管理局负责']);

      const fixes = svc.getCodeActions(doc, malformed.range, { diagnostics: [malformed], only: ['quickfix'] });
      assert.strictEqual(fixes.length, 1);
      const edits = fixes[0].edit!.changes[doc.uri];
      assert.deepStrictEqual(edits, [{ range: { start: position, end: position }, newText: '）' }]);
      const after = applyEdits(text, edits);
      assert.ok(after.includes('（市公安局负责）\n'));
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(after))), ['numbering.gap']);
    });

    it('closes a clause that stops mid-paragraph right after 负责', () => {
      const { text, position } = withCursor(joinLines(
        '一、总体要求',
        '（一）加强网络市场监管。（市公安局牵头，市商务局按职责分工负责|加强网站备案、网际协议地址（IP地址）管理。',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
      ));
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc).filter((d) => d.code === 'clause.malformed');
      assert.strictEqual(ds.length, 1);
      assert.deepStrictEqual(ds[0].range.end, position);
      const clause = svc.parse(doc).headings[1].clauses.find((c) => !c.closed);
      assert.strictEqual(clause?.content, '市公安局牵头，市商务局按职责分工负责');
    });

    it('uses a half-width ) to close a half-width clause', () => {
      const text = joinLines('一、总体要求', '（一）加强网络市场监管。(市公安局负责', '（二）严格寄递环节监管。（市邮政管理局负责）');
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      assert.strictEqual(d.code, 'clause.malformed');
      const [fix] = svc.getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] });
      assert.ok(applyEdits(text, fix.edit!.changes[doc.uri]).includes('(市公安局负责)'));
    });

    it('does not report brackets that are not clauses', () => {
      const text = joinLines('一、总体要求', '（一）继续加强网站备案、网际协议地址（IP地址）、域名等基础管理（以下简称“备案”）。（市公安局负责）');
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(text))), []);
    });
  });

  describe('line endings', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: CRLF and CR-only give the same structure and diagnostics as LF`, () => {
        const lf = loadSeed(name).replace(/\r\n?/g, '\n');
        const expectedOutline = outline(svc, freshDoc(lf));
        const lfDiags = svc.computeDiagnostics(freshDoc(lf)).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
        for (const eol of ['\r\n', '\r']) {
          const text = lf.replace(/\n/g, eol);
          const doc = freshDoc(text);
          assert.deepStrictEqual(outline(svc, doc), expectedOutline, JSON.stringify(eol));
          const ds = svc.computeDiagnostics(doc).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
          assert.deepStrictEqual(ds, lfDiags, JSON.stringify(eol));
          const plan = svc.parse(doc);
          for (const h of plan.headings) {
            assert.ok(!/[\r\n]/.test(h.title.text), 'titles carry no line breaks');
            for (const c of h.clauses) assert.ok(!/[\r\n]/.test(c.content));
          }
        }
      });
    }

    it('a mix of line endings in one file reads as one plan', () => {
      const text = '一、甲\r\n（一）加强监管。\r（二）严格监管。\n（三）推进\r\n治理。';
      const plan = svc.parse(freshDoc(text));
      assert.deepStrictEqual(plan.headings.map((h) => h.marker.text), ['一、', '（一）', '（二）', '（三）']);
      assert.strictEqual(plan.headings[3].title.text, '推进治理');
    });
  });

  describe('marker width', () => {
    it('half-width and full-width markers give the same structure', () => {
      const full = loadSeed('national-2020').replace(/^\((\S+?)\)/gm, '（$1）');
      const half = full.replace(/^（(\S+?)）/gm, '($1)');
      assert.notStrictEqual(full, half);
      const a = outline(svc, freshDoc(full));
      const b = outline(svc, freshDoc(half));
      assert.strictEqual(a.length, 42);
      assert.deepStrictEqual(b, a);
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(full))).filter((c) => c === 'numbering.width'), []);
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(half))).filter((c) => c === 'numbering.width'), []);
    });
  });

  describe('page markers', () => {
    const withPages = joinLines(
      '2020年某市工作要点',
      '一、总体要求',
      '（一）加强网络市场监管，以服装鞋帽为重点，严厉打击',
      '— 2 —',
      '在线销售侵权假冒商品。（市公安局负责）',
      '（二）严格寄递环节监管。落实寄递企业收寄验视制度，',
      '- 3 -',
      '加强寄递渠道监管。（市邮政管理局负责）',
      '（三）推进进出口侵权假冒治理。',
      '第 4 页',
      '开展“龙腾行动”。（厦门海关负责）',
      '（四）加强重点市场监管。（市市场监管局负责）',
    );
    const without = withPages.split('\n').filter((l) => !/^(— 2 —|- 3 -|第 4 页)$/.test(l)).join('\n');

    it('reports each page marker on its own line', () => {
      const ds = svc.computeDiagnostics(freshDoc(withPages)).filter((d) => d.code === 'text.page-marker');
      assert.deepStrictEqual(ds.map((d) => d.range.start.line), [3, 6, 9]);
      assert.ok(ds[0].message.includes('— 2 —'));
      assert.ok(ds[2].message.includes('第 4 页'));
      assert.deepStrictEqual(ds[1].range, { start: { line: 6, character: 0 }, end: { line: 6, character: 5 } });
    });

    it('the structure is the same as without them', () => {
      assert.deepStrictEqual(outline(svc, freshDoc(withPages)), outline(svc, freshDoc(without)));
      const plan = svc.parse(freshDoc(withPages));
      assert.strictEqual(plan.headings[1].title.text, '加强网络市场监管，以服装鞋帽为重点，严厉打击在线销售侵权假冒商品');
      assert.deepStrictEqual(plan.headings.map((h) => h.clauses.length), [0, 1, 1, 1, 1]);
      for (const h of plan.headings) assert.ok(!/[—-]\s*\d|第 4 页/.test(h.title.text), h.title.text);
    });

    it('the broken sentences around them are still found', () => {
      const ds = svc.computeDiagnostics(freshDoc(withPages)).filter((d) => d.code === 'text.broken-line');
      assert.deepStrictEqual(ds.map((d) => d.range.start.line), [2, 5]);
      const plain = svc.computeDiagnostics(freshDoc(without)).filter((d) => d.code === 'text.broken-line');
      assert.deepStrictEqual(plain.map((d) => d.range.start.line), [2, 4]);
    });

    it('a clause split by a page marker is one clause, without the marker in it', () => {
      const text = joinLines(
        '一、总体要求',
        '（一）加强网络市场监管。（市委宣传部、市通信',
        '',
        '— 2 —',
        '',
        '管理局、市公安局按职责分工负责）',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
        '（三）严格重点产品监管。（市市场监管局负责）',
      );
      const plan = svc.parse(freshDoc(text));
      assert.deepStrictEqual(plan.headings[1].clauses.map((c) => c.content), ['市委宣传部、市通信管理局、市公安局按职责分工负责']);
    });

    it('does not take page-like text inside a sentence for a page marker', () => {
      const text = joinLines('一、总体要求', '（一）加强监管。见第 4 页附表。（市公安局负责）', '（二）加强监管。- 3 - 项。（市公安局负责）');
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(text))), []);
    });
  });

  describe('blank lines', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: blank lines between every paragraph or none give the same structure`, () => {
        const text = loadSeed(name);
        const lines = text.split('\n');
        const none = lines.filter((l) => l.trim() !== '').join('\n');
        const every = lines.filter((l) => l.trim() !== '').join('\n\n');
        const expected = outline(svc, freshDoc(text));
        assert.deepStrictEqual(outline(svc, freshDoc(none)), expected, 'no blank lines');
        assert.deepStrictEqual(outline(svc, freshDoc(every)), expected, 'blank line after every line');
        const problems = (t: string) => svc.computeDiagnostics(freshDoc(t)).map((d) => `${d.code}:${d.message}`);
        assert.deepStrictEqual(problems(none), problems(text));
        assert.deepStrictEqual(problems(every), problems(text));
      });
    }
  });

  describe('hard line breaks', () => {
    it('reports a break in mid-sentence at the end of the first piece', () => {
      const { text, position } = withCursor(joinLines(
        '一、总体要求',
        '（一）加强网络市场监管，以服装鞋帽为重点，严厉|',
        '打击在线销售侵权假冒商品。（市公安局负责）',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
        '（三）严格重点产品监管。（市市场监管局负责）',
      ));
      const ds = svc.computeDiagnostics(freshDoc(text));
      assert.deepStrictEqual(codesOf(ds), ['text.broken-line']);
      assert.deepStrictEqual(ds[0].range.end, position);
      assert.strictEqual(ds[0].range.start.line, position.line);
      assert.ok(ds[0].message.includes('严厉'), ds[0].message);
      assert.ok(ds[0].message.includes('打击在线'), ds[0].message);
    });

    it('reports a break inside an agency name in a clause, and the clause is still one clause', () => {
      const text = joinLines(
        '一、总体要求',
        '（一）加强网络市场监管。（市委宣传部、市通信',
        '',
        '管理局、市公安局按职责分工负责）',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
      );
      const doc = freshDoc(text);
      // 市通信管理局 and 市邮政管理局 are Xiamen's units: one name across the break, not 市通信 and 管理局.
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(doc)), ['text.broken-line']);
      assert.deepStrictEqual(svc.parse(doc).headings[1].clauses.map((c) => c.content), ['市委宣传部、市通信管理局、市公安局按职责分工负责']);
      // In a Xiamen plan only the broken line is left.
      const xiamen = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY });
      xiamen.configure({ region: 'xiamen' });
      assert.deepStrictEqual(codesOf(xiamen.computeDiagnostics(freshDoc(text))), ['text.broken-line']);
    });

    it('does not report lines that end a sentence, a clause or a title-only heading', () => {
      const text = joinLines(
        '一、总体要求',
        '（一）加强互联网领域侵权假冒行为治理',
        '强化网上交易管理，提升协同管网水平。',
        '组织开展专项行动：',
        '“剑网行动”。',
        '（二）持续开展农村市场治理',
        '开展农村假冒伪劣食品专项整治。（市市场监管局负责）',
        '加大执法力度！',
        '（三）深入推进专项行动',
        '他说：“加强监管。”',
        '继续推进。',
      );
      assert.deepStrictEqual(codesOf(svc.computeDiagnostics(freshDoc(text))), []);
    });

    it('reports every break of a paragraph broken over several lines', () => {
      const text = joinLines('一、总体要求', '（一）加强网络', '市场监管，严厉', '打击在线销售', '侵权假冒商品。', '（二）严格寄递环节监管。', '（三）严格重点产品监管。');
      const ds = svc.computeDiagnostics(freshDoc(text));
      assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line}`), ['text.broken-line@1', 'text.broken-line@2', 'text.broken-line@3']);
      assert.strictEqual(svc.parse(freshDoc(text)).headings[1].title.text, '加强网络市场监管，严厉打击在线销售侵权假冒商品');
    });
  });

  describe('documents the parser must not mistake for plans', () => {
    it('finds no headings in prose that merely mentions numbers', () => {
      const text = joinLines('2020年5月27日', '1.5亿元的案值。', '（此件公开发布）', '一是加强监管。', '（备案）');
      const plan = svc.parse(freshDoc(text));
      assert.deepStrictEqual(plan.headings, []);
    });
  });
});
