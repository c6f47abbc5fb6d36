import * as assert from 'assert';
import { freshDoc, joinLines, service } from './util';

// An item written on the line of its section heading, as some offices type
// (一、聚焦重点领域，提升政务公开质量 （一）标准财政资金…): the item is an item,
// the section's title ends before it, and the numbering after it follows on.

const svc = service();
const outline = (text: string) => svc.parse(freshDoc(text)).headings.map((h) => `${h.level}:${h.marker.text.trim()}${h.title.text}`);
const numbering = (text: string) => svc.computeDiagnostics(freshDoc(text)).filter((d) => d.code.startsWith('numbering.')).map((d) => d.code);

describe('an item on the line of its section heading', () => {
  const text = joinLines(
    '2022年某市打击侵犯知识产权和制售假冒伪劣商品工作要点',
    '一、深化重点领域治理 （一）加强互联网领域治理。严厉打击网络侵权假冒行为。（市市场监管局、市公安局按职责分工负责）',
    '（二）加强农村市场治理。严厉打击制售假冒伪劣食品行为。（市市场监管局负责）',
    '二、强化知识产权保护　（三）加强商标保护。严厉打击商标侵权行为。（市市场监管局负责）',
  );

  it('is an item of its own, with its clause, and the section keeps only its title', () => {
    assert.deepStrictEqual(outline(text), [
      '1:一、深化重点领域治理', '2:（一）加强互联网领域治理', '2:（二）加强农村市场治理', '1:二、强化知识产权保护', '2:（三）加强商标保护',
    ]);
    const [section, first] = svc.parse(freshDoc(text)).headings;
    assert.deepStrictEqual(section.clauses, []);
    assert.strictEqual(first.clauses.length, 1);
    assert.deepStrictEqual(numbering(text), []);
  });

  it('is not read into a section title that is a sentence, nor out of a bracket that is no marker', () => {
    const sentence = joinLines('一、总体要求。坚持依法治理 （一）不是另一项', '（一）加强监管。严厉打击。');
    assert.deepStrictEqual(outline(sentence).map((h) => h.slice(0, 4)), ['1:一、', '2:（一']);
    const year = joinLines('一、总体要求 (2022年)', '（一）加强监管。严厉打击。');
    assert.deepStrictEqual(outline(year), ['1:一、总体要求 (2022年)', '2:（一）加强监管']);
  });

  it('without the space, as a PDF’s text gives it, only as the first item: 质量(一)标准…, not 目标（二）…', () => {
    const pdf = joinLines('一、聚焦重点领域,提升政务公开质量(一)标准财政资金领域信息公开。强化预算管理。(牵头单位:市财政局)', '(二)细化卫生健康领域信息公开。做好疫情防控信息公开。(牵头单位:市卫生健康委)');
    assert.deepStrictEqual(outline(pdf), ['1:一、聚焦重点领域,提升政务公开质量', '2:(一)标准财政资金领域信息公开', '2:(二)细化卫生健康领域信息公开']);
    assert.deepStrictEqual(numbering(pdf), []);
    const second = joinLines('一、工作目标（二）加强监管', '（一）加强监管。严厉打击。');
    assert.deepStrictEqual(outline(second).map((h) => h.slice(0, 4)), ['1:一、', '2:（一']);
  });
});
