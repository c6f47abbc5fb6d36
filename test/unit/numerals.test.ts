import * as assert from 'assert';
import {
  formatChineseNumeral,
  parseChineseNumeral,
  digitsValue,
  toFullWidthDigits,
} from '../../server/src/service/text/numerals';

describe('numerals', () => {
  it('formats the standard numerals a plan uses', () => {
    const cases: Array<[number, string]> = [
      [1, '一'], [2, '二'], [9, '九'], [10, '十'], [11, '十一'], [14, '十四'], [20, '二十'],
      [21, '二十一'], [35, '三十五'], [99, '九十九'], [100, '一百'], [101, '一百零一'],
      [105, '一百零五'], [110, '一百一十'], [111, '一百一十一'], [120, '一百二十'], [999, '九百九十九'],
    ];
    for (const [n, s] of cases) assert.strictEqual(formatChineseNumeral(n), s, `format ${n}`);
  });

  it('parses the standard numerals a plan uses', () => {
    const cases: Array<[string, number]> = [
      ['一', 1], ['十', 10], ['十四', 14], ['二十', 20], ['三十五', 35], ['一百', 100],
      ['一百零五', 105], ['一百一十', 110], ['九百九十九', 999], ['两', 2], ['一百〇五', 105],
    ];
    for (const [s, n] of cases) assert.strictEqual(parseChineseNumeral(s), n, `parse ${s}`);
  });

  it('round-trips every value from 1 to 999', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 999; n++) {
      const s = formatChineseNumeral(n);
      assert.ok(/^[一二三四五六七八九十百零]+$/.test(s), `${n} → ${s}`);
      assert.ok(!seen.has(s), `${s} formatted twice`);
      seen.add(s);
      assert.strictEqual(parseChineseNumeral(s), n, `${n} → ${s} → ${parseChineseNumeral(s)}`);
    }
  });

  it('rejects strings that are not a standard numeral', () => {
    for (const s of ['', '十十', '一二', '零', '〇', '十零', '百', '百一', '一百零', '一百零十', '二十二十', '一千', '三十五项', 'a', '1', '十一二']) {
      assert.ok(Number.isNaN(parseChineseNumeral(s)), `${JSON.stringify(s)} → ${parseChineseNumeral(s)}`);
    }
  });

  it('formatting outside 1..999 does not invent a numeral', () => {
    for (const n of [0, -1, 1000, 1.5]) assert.ok(!/[一二三四五六七八九十百]/.test(formatChineseNumeral(n)), `${n}`);
  });

  it('converts full-width and ASCII digits both ways', () => {
    assert.strictEqual(digitsValue('１２３'), 123);
    assert.strictEqual(digitsValue('１2'), 12);
    assert.ok(Number.isNaN(digitsValue('１２年')));
    assert.ok(Number.isNaN(digitsValue('')));
    assert.strictEqual(toFullWidthDigits('2020年1号'), '２０２０年１号');
    assert.strictEqual(digitsValue(toFullWidthDigits('1234567890')), 1234567890);
  });
});
