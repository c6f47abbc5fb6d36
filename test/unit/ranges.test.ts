import * as assert from 'assert';
import type { Diagnostic, Range } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { allMutations } from './mutations';
import { freshDoc, isInside, joinLines, loadSeed, SEED_NAMES, service, withCursor } from './util';

const svc = service();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textOf(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** True when the position falls between the two halves of a surrogate pair. */
function splitsPair(text: string, range: Range): boolean {
  const index = new LineIndex(text);
  return [range.start, range.end].some((p) => {
    const o = index.offsetAt(p);
    return o > 0 && /[\ud800-\udbff]/.test(text[o - 1]) && /[\udc00-\udfff]/.test(text[o] ?? '');
  });
}

function checkRangeText(text: string, d: Diagnostic): void {
  const covered = textOf(text, d.range);
  switch (d.code) {
    case 'text.page-marker':
      assert.match(covered, /^([—–－-]{1,2}\s*[0-9０-９]+\s*[—–－-]{1,2}|第\s*[0-9０-９]+\s*页)$/, covered);
      break;
    case 'text.broken-line':
      assert.ok(covered.length >= 1 && covered.length <= 2 && !/\s/.test(covered), JSON.stringify(covered));
      assert.strictEqual(d.range.start.line, d.range.end.line);
      break;
    case 'clause.malformed': {
      // The whole clause (unclosed, or without role words), or the unit named twice.
      const unit = /“(.+?)”已牵头/.exec(d.message)?.[1];
      if (unit) assert.strictEqual(covered.replace(/\s+/g, ''), unit);
      else if (d.message.includes('括号未闭合')) assert.match(covered, /^[（(].*(负责|牵头)$/s, covered);
      else assert.match(covered, /^[（(][^（）()]*[）)]$/s, covered);
      break;
    }
    case 'clause.missing':
      // The item's marker and title.
      assert.match(covered, /^[（(]?[一二三四五六七八九十百0-9０-９]+[）)]?[、，,.．]?\s*\S/, covered);
      assert.ok(d.message.includes(covered.replace(/\s+/g, '').slice(0, 10)), `${d.message} names ${covered}`);
      break;
    case 'agency.unknown':
    case 'agency.duplicate':
    case 'agency.national-in-local':
    case 'agency.level':
      // Exactly the unit the message names, line breaks inside it aside.
      assert.ok(d.message.includes(`“${covered.replace(/\s+/g, '')}”`), `${d.code} covers its unit: ${JSON.stringify(covered)} in ${d.message}`);
      break;
    default:
      assert.match(covered, /^[（(]?[一二三四五六七八九十百0-9０-９]+[）)]?[、，,.．]?$/, `${d.code} covers its marker: ${covered}`);
  }
}

describe('ranges', () => {
  describe('UTF-16 positions', () => {
    it('counts UTF-16 code units, not code points, before a problem on the same line', () => {
      const { text, position } = withCursor(joinLines(
        '一、总体要求',
        '（一）加强𠀀𠀀监管😀👍🏽，推进治理。|（市公安局负责',
        '（二）严格监管。（市公安局负责）',
      ));
      const [d] = svc.computeDiagnostics(freshDoc(text));
      assert.strictEqual(d.code, 'clause.malformed');
      assert.deepStrictEqual(d.range.start, position);
      const line = text.split('\n')[1];
      const before = line.slice(0, position.character);
      assert.notStrictEqual([...before].length, before.length, 'the fixture has astral characters before the clause');
      assert.strictEqual(d.range.end.character, line.length);
      assert.strictEqual(textOf(text, d.range), '（市公安局负责');
    });

    it('measures indentation in UTF-16 units (ideographic spaces, tabs)', () => {
      const text = joinLines('一、总体要求', '\u3000\u3000（一）甲。', '\t（二）乙。', '\u3000（四）丙。');
      const [d] = svc.computeDiagnostics(freshDoc(text));
      assert.strictEqual(d.code, 'numbering.gap');
      assert.deepStrictEqual(d.range, { start: { line: 3, character: 1 }, end: { line: 3, character: 4 } });
    });

    it('puts a broken-line range on whole characters when the line ends in an astral character', () => {
      const text = joinLines(
        '一、总体要求',
        '（一）加强监管。推进𠀀',
        '治理。（市公安局负责）',
        '（二）严格监管。发布😀',
        '表情。（市公安局负责）',
        '（三）推进治理。（市公安局负责）',
      );
      const ds = svc.computeDiagnostics(freshDoc(text));
      assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line}`), ['text.broken-line@1', 'text.broken-line@3']);
      for (const d of ds) {
        assert.ok(!splitsPair(text, d.range), `range ${JSON.stringify(d.range)} splits a surrogate pair`);
        assert.ok(!LONE_SURROGATE.test(textOf(text, d.range)));
      }
    });

    it('never quotes half a surrogate pair in a message', () => {
      const text = joinLines(
        '一、总体要求',
        '（一）加强𠀀𠀀𠀀𠀀甲',
        '𠀀𠀀𠀀𠀀𠀀乙丙。',
        '（二）严格监管。（市公安局负责）',
        '（三）推进治理。（𠀀𠀀𠀀公安局负责',
        '（四）加强监管。（市公安局负责）',
      );
      const ds = svc.computeDiagnostics(freshDoc(text));
      // （一） has no clause; 𠀀𠀀𠀀公安局 is no registered unit.
      assert.deepStrictEqual(ds.map((d) => d.code), ['clause.missing', 'text.broken-line', 'clause.malformed', 'agency.unknown']);
      assert.ok(ds[3].message.includes('“𠀀𠀀𠀀公安局”'));
      for (const d of ds) assert.ok(!LONE_SURROGATE.test(d.message), `lone surrogate in ${JSON.stringify(d.message)}`);
      for (const d of service('en').computeDiagnostics(freshDoc(text))) assert.ok(!LONE_SURROGATE.test(d.message), JSON.stringify(d.message));
    });

    it('quick-fix edits land on the right UTF-16 offsets after astral characters', () => {
      const text = joinLines('一、总体要求', '（一）加强😀监管。（市公安局😀负责', '（二）严格监管。（市公安局负责）');
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      const [fix] = svc.getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] });
      const [edit] = fix.edit!.changes[doc.uri];
      assert.deepStrictEqual(edit.range.start, { line: 1, character: text.split('\n')[1].length });
    });
  });

  describe('LineIndex', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: positionAt and offsetAt round-trip over every offset (LF, CRLF, CR)`, () => {
        const lf = loadSeed(name);
        for (const eol of ['\n', '\r\n', '\r']) {
          const text = lf.replace(/\n/g, eol);
          const index = new LineIndex(text);
          assert.strictEqual(index.lineCount, lf.split('\n').length);
          let line = 0;
          let character = 0;
          for (let o = 0; o <= text.length; o++) {
            const p = index.positionAt(o);
            const insideCrlf = text[o - 1] === '\r' && text[o] === '\n';
            if (!insideCrlf) {
              assert.deepStrictEqual(p, { line, character }, `offset ${o}`);
              assert.strictEqual(index.offsetAt(p), o, `offset ${o}`);
            } else {
              assert.strictEqual(index.offsetAt(p), o - 1, 'between \\r and \\n maps to the end of the line');
            }
            const ch = text[o];
            if (ch === '\n' || (ch === '\r' && text[o + 1] !== '\n')) {
              line++;
              character = 0;
            } else if (!(ch === '\r' && text[o + 1] === '\n')) {
              character++;
            }
          }
        }
      });
    }

    it('clamps positions outside the text', () => {
      const index = new LineIndex('ab\ncd');
      assert.strictEqual(index.offsetAt({ line: -1, character: 5 }), 0);
      assert.strictEqual(index.offsetAt({ line: 9, character: 0 }), 5);
      assert.strictEqual(index.offsetAt({ line: 0, character: 99 }), 2);
      assert.strictEqual(index.offsetAt({ line: 1, character: -3 }), 3);
      assert.deepStrictEqual(index.positionAt(-4), { line: 0, character: 0 });
      assert.deepStrictEqual(index.positionAt(99), { line: 1, character: 2 });
    });
  });

  describe('every diagnostic range lies inside the document and covers what it reports', () => {
    for (const name of SEED_NAMES) {
      it(name, () => {
        const text = loadSeed(name);
        for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
          for (const d of svc.computeDiagnostics(freshDoc(variant))) {
            assert.ok(isInside(variant, d.range), `${d.code} ${JSON.stringify(d.range)}`);
            assert.ok(!splitsPair(variant, d.range));
            checkRangeText(variant, d);
          }
        }
      });
    }

    it('the mutations', () => {
      for (const m of allMutations()) {
        for (const d of svc.computeDiagnostics(freshDoc(m.text))) {
          assert.ok(isInside(m.text, d.range), `${m.name}: ${d.code}`);
          checkRangeText(m.text, d);
        }
      }
    });
  });
});
