import * as assert from 'assert';
import { formatMarker, matchMarker, type Level, type MarkerWidth } from '../../server/src/service/syntax/markers';

interface Expect {
  level: Level;
  value: number;
  text: string;
  width?: MarkerWidth;
  fullDigits?: boolean;
  suffix?: string;
  indent?: number;
}

function expectMarker(line: string, e: Expect): void {
  const m = matchMarker(line);
  assert.ok(m, `${JSON.stringify(line)} should be a marker`);
  assert.strictEqual(m.level, e.level, `level of ${line}`);
  assert.strictEqual(m.value, e.value, `value of ${line}`);
  assert.strictEqual(m.text, e.text, `text of ${line}`);
  if (e.width !== undefined) assert.strictEqual(m.width, e.width, `width of ${line}`);
  if (e.fullDigits !== undefined) assert.strictEqual(m.fullDigits, e.fullDigits, `digits of ${line}`);
  assert.strictEqual(m.suffix, e.suffix ?? '', `suffix of ${line}`);
  assert.strictEqual(m.indent, e.indent ?? 0, `indent of ${line}`);
}

describe('markers', () => {
  describe('levels', () => {
    it('level 1: 一、 … 十二、', () => {
      expectMarker('一、深化重点领域治理和产品监管', { level: 1, value: 1, text: '一、', width: 'full' });
      expectMarker('七、推进业务能力建设', { level: 1, value: 7, text: '七、' });
      expectMarker('十二、其他', { level: 1, value: 12, text: '十二、' });
    });

    it('level 2: （一） … （三十五）', () => {
      expectMarker('（一）加强互联网侵权假冒治理。', { level: 2, value: 1, text: '（一）', width: 'full' });
      expectMarker('（三十五）加强系统性宣传。', { level: 2, value: 35, text: '（三十五）', width: 'full' });
    });

    it('level 3: 1. and １．', () => {
      expectMarker('1. 开展“剑网 2023”专项行动', { level: 3, value: 1, text: '1.', width: 'half' });
      expectMarker('12.加强', { level: 3, value: 12, text: '12.', width: 'half' });
      expectMarker('１．加强', { level: 3, value: 1, text: '１．', width: 'full', fullDigits: true });
      expectMarker('1．加强', { level: 3, value: 1, text: '1．', width: 'full', fullDigits: false });
      expectMarker('１.加强', { level: 3, value: 1, text: '１.', width: 'half', fullDigits: true });
    });

    it('level 4: （1） and (1)', () => {
      expectMarker('（1）加强', { level: 4, value: 1, text: '（1）', width: 'full' });
      expectMarker('(2)加强', { level: 4, value: 2, text: '(2)', width: 'half' });
      expectMarker('（１０）加强', { level: 4, value: 10, text: '（１０）', width: 'full' });
    });

    it('leading indentation is measured, not part of the marker', () => {
      expectMarker('\u3000\u3000（二）任务', { level: 2, value: 2, text: '（二）', indent: 2 });
      expectMarker('  3.任务', { level: 3, value: 3, text: '3.', indent: 2 });
    });
  });

  describe('width', () => {
    it('full, half and mixed brackets at level 2', () => {
      expectMarker('（一）甲', { level: 2, value: 1, text: '（一）', width: 'full' });
      expectMarker('(一)甲', { level: 2, value: 1, text: '(一)', width: 'half' });
      expectMarker('(一) 加强互联网领域侵权假冒行为治理', { level: 2, value: 1, text: '(一)', width: 'half' });
      expectMarker('（一)甲', { level: 2, value: 1, text: '（一)', width: 'mixed' });
      expectMarker('(一）甲', { level: 2, value: 1, text: '(一）', width: 'mixed' });
    });

    it('full, half and mixed brackets at level 4', () => {
      expectMarker('（3)甲', { level: 4, value: 3, text: '（3)', width: 'mixed' });
      expectMarker('(3）甲', { level: 4, value: 3, text: '(3）', width: 'mixed' });
    });

    it('level 3 takes its width from the stop and keeps the digit style apart', () => {
      expectMarker('１.甲', { level: 3, value: 1, text: '１.', width: 'half', fullDigits: true });
    });
  });

  describe('punctuation after the marker', () => {
    it('（一）、 carries 、 as suffix', () => {
      expectMarker('（一）、加强', { level: 2, value: 1, text: '（一）、', width: 'full', suffix: '、' });
      expectMarker('（五）， 加强', { level: 2, value: 5, text: '（五），', suffix: '，' });
    });

    it('(一), carries , as suffix', () => {
      expectMarker('(一),加强', { level: 2, value: 1, text: '(一),', width: 'half', suffix: ',' });
    });

    it('1、 carries 、 as suffix', () => {
      expectMarker('1、加强', { level: 3, value: 1, text: '1、', suffix: '、' });
      expectMarker('2，加强', { level: 3, value: 2, text: '2，', suffix: '，' });
    });

    it('一， carries ， as suffix', () => {
      expectMarker('一，总体要求', { level: 1, value: 1, text: '一，', suffix: '，' });
      expectMarker('三.总体要求', { level: 1, value: 3, text: '三.', suffix: '.' });
    });

    it('1． is a level-3 marker with the stop and no suffix', () => {
      expectMarker('1．加强', { level: 3, value: 1, text: '1．', suffix: '' });
    });

    it('（1）、 carries 、 as suffix', () => {
      expectMarker('（1）、加强', { level: 4, value: 1, text: '（1）、', suffix: '、' });
    });
  });

  describe('one-character markers of Word numbering', () => {
    it('㈠…㈩ are level 2, （一）…（十）', () => {
      expectMarker('㈠加强互联网领域侵权假冒治理', { level: 2, value: 1, text: '㈠', width: 'enclosed' });
      expectMarker('  ㈩其他', { level: 2, value: 10, text: '㈩', width: 'enclosed', indent: 2 });
    });

    it('⒈…⒛ are level 3 and ⑴…⒇ level 4', () => {
      expectMarker('⒈开展专项行动', { level: 3, value: 1, text: '⒈', width: 'enclosed' });
      expectMarker('⒛开展专项行动', { level: 3, value: 20, text: '⒛', width: 'enclosed' });
      expectMarker('⑴开展专项行动', { level: 4, value: 1, text: '⑴', width: 'enclosed' });
      expectMarker('⒇开展专项行动', { level: 4, value: 20, text: '⒇', width: 'enclosed' });
    });

    it('carry punctuation after them as a suffix: ㈠、', () => {
      expectMarker('㈠、加强', { level: 2, value: 1, text: '㈠、', width: 'enclosed', suffix: '、' });
    });

    it('other enclosed characters are none: ① ㈪ ㉑', () => {
      for (const line of ['①开展', '㈪开展', '㉑开展']) assert.strictEqual(matchMarker(line), undefined, line);
    });
  });

  describe('not markers', () => {
    const lines = [
      '2020年全国打击侵犯知识产权和制售假冒伪劣商品工作要点',
      '2020 年厦门市打击侵犯知识产权',
      '1.5亿元',
      '1,000元',
      '（此件公开发布）',
      '一是深化重点领域治理和产品监管。',
      '（备案）',
      '（以下简称《要点》）',
      '十分重要，',
      '一二三、',
      '（十十）',
      '200.',
      '（2021—2035 年）',
      '— 2 —',
      '第 4 页',
      '',
      '   ',
      '一',
      '（一',
      '市公安局（一）',
    ];
    for (const line of lines) {
      it(JSON.stringify(line), () => assert.strictEqual(matchMarker(line), undefined));
    }
  });

  describe('formatMarker', () => {
    it('writes each level in each width', () => {
      assert.strictEqual(formatMarker(1, 7, 'full'), '七、');
      assert.strictEqual(formatMarker(1, 7, 'half'), '七、');
      assert.strictEqual(formatMarker(2, 35, 'full'), '（三十五）');
      assert.strictEqual(formatMarker(2, 14, 'half'), '(十四)');
      assert.strictEqual(formatMarker(3, 2, 'half'), '2.');
      assert.strictEqual(formatMarker(3, 12, 'full'), '12．');
      assert.strictEqual(formatMarker(3, 12, 'full', true), '１２．');
      assert.strictEqual(formatMarker(4, 3, 'full', true), '（３）');
      assert.strictEqual(formatMarker(4, 3, 'full'), '（3）');
      assert.strictEqual(formatMarker(4, 3, 'half'), '(3)');
    });

    it('every formatted marker is recognised with its level, value and width', () => {
      for (const level of [1, 2, 3, 4] as Level[]) {
        for (const width of ['full', 'half'] as const) {
          for (const value of [1, 2, 9, 10, 11, 19, 20, 35, 99]) {
            const text = formatMarker(level, value, width);
            const m = matchMarker(`${text}任务`);
            assert.ok(m, text);
            assert.deepStrictEqual(
              { level: m.level, value: m.value, text: m.text, suffix: m.suffix },
              { level, value, text, suffix: '' },
            );
            if (level !== 1) assert.strictEqual(m.width, width, `width of ${text}`);
          }
        }
      }
    });
  });
});
