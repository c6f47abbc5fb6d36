import * as assert from 'assert';
import { commonMeasure, fillsMeasure, lineWidth } from '../../server/src/service/syntax/wrap';
import { freshDoc, joinLines, service } from './util';

// A PDF paste wraps every line at the page's measure, heading lines
// included: a numbered line that runs to the measure and stops mid-word is a
// hard wrap, not a title on a line of its own.

const svc = service();
const broken = (text: string) => svc.computeDiagnostics(freshDoc(text)).filter((d) => d.code === 'text.broken-line').map((d) => d.range.start.line);

/** Body lines wrapped at 28 characters, as national-2022's PDF is. */
const PDF = [
  '一、扎实开展重点难点治理',
  '（一）开展互联网领域治理',
  '1. 开展“剑网2022”专项行动，严厉打击网络侵权盗版行为。',
  '（中央宣传部、中央网信办、公安部、工业和信息化部按职责分工',
  '负责）',
  '2. 印发《2022年全国知识产权行政保护工作方案》，聚焦电',
  '商等重点领域开展专项治理。开展反不正当竞争专项执法，打击',
  '互联网领域仿冒混淆、侵犯商业秘密等行为，治理电商“刷单炒',
  '信”、买卖快递单号等问题。（市场监管总局、知识产权局按职责',
  '分工负责）',
];

describe('heading lines wrapped at the measure of a PDF paste', () => {
  it('reports the break of a numbered line that stops mid-word at the measure, and reads its title whole', () => {
    assert.deepStrictEqual(broken(joinLines(...PDF)), [3, 5, 6, 7, 8]);
    const item = svc.parse(freshDoc(joinLines(...PDF))).headings.find((h) => h.marker.value === 2 && h.level === 3)!;
    assert.strictEqual(item.title.text, '印发《2022年全国知识产权行政保护工作方案》，聚焦电商等重点领域开展专项治理');
    assert.strictEqual(item.titleOnly, false);
  });

  it('a short title line in the same paste stays a title, its body on the next line', () => {
    const text = joinLines(...PDF, '（二）开展农村市场治理', '加强农村市场监管，严厉打击制售假冒伪劣食品违法行为，净化农村', '消费市场。（市场监管总局负责）');
    assert.deepStrictEqual(broken(text), [3, 5, 6, 7, 8, 11]);
    assert.strictEqual(svc.parse(freshDoc(text)).headings.find((h) => h.level === 2 && h.marker.value === 2)!.title.text, '开展农村市场治理');
  });

  it('without a measure (a Word paste, lines of every length) a long title line without 。 is still a title', () => {
    const text = joinLines(
      '一、总体要求',
      '（一）加强互联网领域侵权假冒行为治理，聚焦重点平台和重点商品类别',
      '强化网上交易管理，以打击侵权假冒、虚假宣传等违法行为为重点，提升协同管网水平。组织开展专项行动，',
      '加大执法力度。',
      '（二）持续开展农村和城乡结合部市场治理',
      '突出农村食品安全监管。',
    );
    assert.deepStrictEqual(broken(text), [2]);
  });

  it('measures text as it is set: Chinese and punctuation an em, digits and Latin half', () => {
    const t = '1. 开展,剑网2022';
    assert.strictEqual(lineWidth(t, 0, t.length), 1 + 2 + 1 + 2 * 2 + 2 + 2 * 2 + 4);
    assert.strictEqual(lineWidth('𠀀', 0, 2), 2);
  });

  it('finds a measure only where most wrapped lines share one', () => {
    assert.strictEqual(commonMeasure([56, 58, 58, 60, 50]), 58);
    assert.strictEqual(commonMeasure([58, 58]), undefined, 'too few lines');
    assert.strictEqual(commonMeasure([20, 58, 110, 220, 330]), undefined, 'no width shared');
    assert.ok(fillsMeasure(52, 58) && !fillsMeasure(50, 58) && !fillsMeasure(52, undefined));
  });
});
