import * as assert from 'node:assert/strict';
import JSZip from 'jszip';
import { OfficeError, type ExtractedPlan } from '../../../server/src/office/document';
import { readDocx } from '../../../server/src/office/docxRead';
import { MAX_PART_BYTES, MAX_PART_TAGS } from '../../../server/src/office/ooxmlPackage';
import { MAX_DOCUMENT_CHARS, parsePlan } from '../../../server/src/service';
import { loadSeed, SEED_NAMES } from '../util';
import { bodyParagraphs, diagnosticsOf, fixture, officeError } from './fixtures';
import { convertWithLibreOffice } from './libreOffice';
import { abstractNum, docx, lvl, num, numPr, p, para, r, t } from './wordml';

const lines = async (parts: Parameters<typeof docx>[0]) => (await readDocx(await docx(parts), 'test.docx')).text.split('\n');
const paragraphs = (plan: ExtractedPlan) => plan.sources.map((s) => s.paragraph);

describe('readDocx: the seed plans as Word documents', () => {
  for (const name of SEED_NAMES) {
    describe(name, () => {
      const seed = loadSeed(name);
      let plan: ExtractedPlan;
      before(async () => {
        plan = await readDocx(fixture(`${name}.docx`), `${name}.docx`);
      });

      it('gives the seed text, its markers written by Word list numbering read back as text', async () => {
        // The format makes no difference here: every line of the seed is a paragraph, spaces kept, page
        // markers (— 2 —) and hard wraps of the pasted original included.
        assert.equal(plan.format, 'docx');
        assert.equal(plan.text, seed);
        assert.deepEqual(plan.notes, []);
      });

      it('has the same diagnostics as the seed text', () => {
        assert.deepEqual(diagnosticsOf(plan.text), diagnosticsOf(seed));
      });

      it('names each line its paragraph', () => {
        assert.equal(plan.sources.length, seed.split('\n').length);
        assert.deepEqual(paragraphs(plan), plan.sources.map((_, i) => i + 1));
      });

      it('was given its markers by numbering, except where the seed departs from it', async () => {
        const body = await bodyParagraphs(fixture(`${name}.docx`));
        assert.equal(body.length, seed.split('\n').length);
        const headings = parsePlan(seed).headings;
        const numbered = headings.filter((h) => body[h.line].numbered);
        for (const h of numbered) assert.ok(!body[h.line].text.startsWith(h.marker.text), `${h.marker.text} typed at line ${h.line + 1}`);
        assert.ok(numbered.length >= headings.length * 0.75, `${numbered.length} of ${headings.length} markers numbered`);
        const files = Object.keys((await JSZip.loadAsync(fixture(`${name}.docx`))).files);
        assert.ok(files.includes('word/footer1.xml'), 'a footer with the page number, which is not body text');
      });
    });
  }

  it('keeps a seed’s departures typed: Xiamen’s half-width (一), Jiyuan’s (四)', async () => {
    const typed = async (name: string, marker: string) => (await bodyParagraphs(fixture(`${name}.docx`))).filter((b) => !b.numbered && b.text.startsWith(marker)).length;
    assert.equal(await typed('xiamen-city-2020', '(一) 加强互联网'), 1);
    assert.equal(await typed('jiyuan-zone-2023', '(四) '), 1);
  });
});

describe('readDocx: text of paragraphs', () => {
  it('starts a line of the same paragraph at a soft break, and at a page break only between text', async () => {
    const plan = await readDocx(
      await docx({
        body: [
          p(r(t('第一行') + '<w:br/>' + t('第二行'))),
          p(r(t('前') + '<w:br w:type="page"/>' + t('后'))),
          p(r('<w:br w:type="page"/>')),
          p(r(t('末') + '<w:br w:type="page"/>')),
          p(r(t('软') + '<w:br/>')),
        ].join(''),
      }),
      'x.docx',
    );
    assert.deepEqual(plan.text.split('\n'), ['第一行', '第二行', '前', '后', '', '末', '软', '']);
    assert.deepEqual(paragraphs(plan), [1, 1, 2, 2, 3, 4, 5, 5]);
  });

  it('reads a tab as a tab, a non-breaking hyphen as a hyphen, an optional one as nothing, a symbol as its character, a note reference as nothing', async () => {
    assert.deepEqual(
      await lines({
        body: [
          p(r(t('一、') + '<w:tab/>' + t('加强'))),
          p(r(t('2021') + '<w:noBreakHyphen/>' + t('2025') + '<w:softHyphen/>' + t('年'))),
          p(r('<w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="SimSun" w:char="2605"/>')),
          p(r(t('脚注') + '<w:footnoteReference w:id="1"/>') + r('<w:commentReference w:id="0"/>') + r(t('批注'))),
        ].join(''),
      }),
      ['一、\t加强', '2021-2025年', '✓•★', '脚注批注'],
    );
  });

  it('drops the blanks around a w:t without xml:space="preserve", as LibreOffice does, and keeps them with it', async () => {
    assert.deepEqual(await lines({ body: p(r('<w:t>  甲  </w:t>')) + p(r('<w:t xml:space="preserve">  乙  </w:t>')) + p(r('<w:t>丙\n丁</w:t>')) }), [
      '甲',
      '  乙  ',
      '丙 丁',
    ]);
  });

  it('reads a table row by row, each cell paragraph a line and a paragraph', async () => {
    const cell = (...ps: string[]) => `<w:tc>${ps.join('')}</w:tc>`;
    const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
    const nested = `<w:tbl>${row(cell(para('内')))}</w:tbl>`;
    const deleted = `<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>${cell(para('删行'))}</w:tr>`;
    const plan = await readDocx(
      await docx({
        body: para('前') + `<w:tbl>${row(cell(para('序号')), cell(para('任务'), para('续')))}${deleted}${row(cell(para('1'), nested), cell(p('')))}</w:tbl>` + para('后'),
      }),
      'x.docx',
    );
    assert.deepEqual(plan.text.split('\n'), ['前', '序号', '任务', '续', '1', '内', '', '后']);
    assert.deepEqual(paragraphs(plan), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads tracked changes as accepted: deletions and moves away out, insertions and moves in kept', async () => {
    const del = (text: string) => `<w:del w:id="1" w:author="a"><w:r><w:delText>${text}</w:delText></w:r></w:del>`;
    const ins = (text: string) => `<w:ins w:id="2" w:author="a">${r(t(text))}</w:ins>`;
    assert.deepEqual(
      await lines({
        body: p(r(t('加强')) + del('删去') + ins('增加') + `<w:moveFrom w:id="3" w:author="a">${r(t('移走'))}</w:moveFrom>` + `<w:moveTo w:id="4" w:author="a">${r(t('移来'))}</w:moveTo>`),
      }),
      ['加强增加移来'],
    );
  });

  it('joins a paragraph whose mark was deleted to the next, which gives the joined paragraph its numbering', async () => {
    const deletedMark = '<w:rPr><w:del w:id="5" w:author="a"/></w:rPr>';
    const plan = await readDocx(
      await docx({
        body: para('一', numPr(1, 0)) + para('前半', numPr(1, 0) + deletedMark) + para('后半', numPr(1, 0)) + para('三', numPr(1, 0)),
        numbering: abstractNum(0, lvl(0, 'chineseCounting', '%1、')) + num(1, 0),
      }),
      'x.docx',
    );
    assert.deepEqual(plan.text.split('\n'), ['一、一', '二、前半后半', '三、三']);
    assert.deepEqual(paragraphs(plan), [1, 2, 4]);
  });

  it('shows a field’s result, not its code, also of nested fields and fields across paragraphs', async () => {
    const fld = (type: string) => r(`<w:fldChar w:fldCharType="${type}"/>`);
    const instr = (code: string) => r(`<w:instrText xml:space="preserve">${code}</w:instrText>`);
    assert.deepEqual(
      await lines({
        body: [
          p(r(t('第')) + fld('begin') + instr(' PAGE ') + fld('separate') + r(t('3')) + fld('end') + r(t('页'))),
          p(fld('begin') + instr(' IF ') + fld('begin') + instr(' DATE ') + fld('separate') + r(t('内层')) + fld('end') + instr(' = 1 ') + fld('separate') + r(t('结果')) + fld('end')),
          p('<w:fldSimple w:instr=" DATE "><w:r><w:t>2020年5月27日</w:t></w:r></w:fldSimple>'),
          p(fld('begin') + instr(' TOC \\o ') + fld('separate') + r(t('目录一'))),
          p(r(t('目录二')) + fld('end')),
          p(fld('begin') + instr(' NUMPAGES ') + fld('end') + r(t('无结果'))),
        ].join(''),
      }),
      ['第3页', '结果', '2020年5月27日', '目录一', '目录二', '无结果'],
    );
  });

  it('leaves out hidden text: the run’s own, its character style’s, its paragraph style’s', async () => {
    const styles =
      '<w:style w:type="character" w:styleId="Secret"><w:name w:val="secret"/><w:rPr><w:vanish/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Hidden"><w:name w:val="hidden"/><w:rPr><w:vanish/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="note"/><w:basedOn w:val="Hidden"/></w:style>';
    assert.deepEqual(
      await lines({
        body: [
          p(r(t('可见')) + r(t('隐藏'), '<w:vanish/>') + r(t('又见'), '<w:vanish w:val="0"/>')),
          p(r(t('字符样式'), '<w:rStyle w:val="Secret"/>') + r(t('正文'))),
          p(r(t('段落样式隐藏')) + r(t('显示'), '<w:vanish w:val="false"/>'), '<w:pStyle w:val="Note"/>'),
        ].join(''),
        styles,
      }),
      ['可见又见', '正文', '显示'],
    );
  });

  it('reads runs in hyperlinks, content controls, smart tags, custom XML and a compatibility fallback; not text boxes', async () => {
    const textBox = `<mc:AlternateContent><mc:Choice Requires="wps">${r('<w:drawing/>')}</mc:Choice><mc:Fallback>${r('<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>' + para('框内') + '</w:txbxContent></v:textbox></v:shape></w:pict>')}</mc:Fallback></mc:AlternateContent>`;
    assert.deepEqual(
      await lines({
        body: [
          p(`<w:hyperlink r:id="rId9">${r(t('链接'))}</w:hyperlink><w:smartTag w:element="x">${r(t('标记'))}</w:smartTag><w:customXml w:element="y">${r(t('定制'))}</w:customXml>`),
          p(`<w:sdt><w:sdtPr><w:alias w:val="占位"/></w:sdtPr><w:sdtContent>${r(t('控件'))}</w:sdtContent></w:sdt>` + textBox),
          `<w:sdt><w:sdtContent>${para('块控件')}</w:sdtContent></w:sdt>`,
          p(r(`<mc:AlternateContent><mc:Choice Requires="w14">${t('新')}</mc:Choice><mc:Fallback>${t('旧')}</mc:Fallback></mc:AlternateContent>`)),
        ].join(''),
      }),
      ['链接标记定制', '控件', '块控件', '旧'],
    );
  });

  it('reads the strict Open XML namespace and a main part wherever the package relationship says', async () => {
    const strict = 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"';
    assert.deepEqual(await lines({ body: para('严格'), rootAttrs: strict, main: 'content/main.xml' }), ['严格']);
  });
});

describe('readDocx: automatic numbering', () => {
  const multilevel = abstractNum(0, lvl(0, 'decimal', '%1.') + lvl(1, 'decimal', '%1.%2.'), '<w:multiLevelType w:val="multilevel"/>');

  it('writes each level’s marker with its number format and text, a higher level’s number (in its own format) in a lower one', async () => {
    const levels =
      lvl(0, 'chineseCountingThousand', '%1、', '<w:suff w:val="nothing"/>') +
      lvl(1, 'chineseCounting', '（%2）', '<w:suff w:val="space"/>') +
      lvl(2, 'decimal', '%3.') +
      lvl(3, 'decimal', '（%4）') +
      lvl(4, 'decimal', '%1.%3.%5');
    const body = [para('甲', numPr(1, 0)), para('乙', numPr(1, 1)), para('丙', numPr(1, 2)), para('丁', numPr(1, 3)), para('戊', numPr(1, 4)), para('己', numPr(1, 1)), para('庚', numPr(1, 2))];
    assert.deepEqual(await lines({ body: body.join(''), numbering: abstractNum(0, levels) + num(1, 0) }), [
      '一、甲',
      '（一）乙',
      '1.丙',
      '（1）丁',
      '一.1.1戊',
      '（二）己',
      '1.庚',
    ]);
  });

  it('renders Word’s number formats', async () => {
    const formats: Record<string, Record<number, string>> = {
      decimal: { 1: '1', 12: '12' },
      decimalZero: { 3: '03', 12: '12' },
      chineseCounting: { 1: '一', 10: '十', 11: '十一', 20: '二十', 35: '三十五', 101: '一○一' },
      chineseCountingThousand: { 10: '十', 19: '十九', 21: '二十一', 101: '一百〇一', 110: '一百一十' },
      chineseLegalSimplified: { 1: '壹', 10: '壹拾', 11: '壹拾壹', 20: '贰拾', 101: '壹佰零壹' },
      ideographTraditional: { 1: '甲', 10: '癸', 11: '11' },
      ideographDigital: { 3: '三', 10: '一〇', 25: '二五' },
      decimalEnclosedCircle: { 1: '①', 20: '⑳', 21: '21' },
      decimalEnclosedParen: { 1: '⑴', 20: '⒇' },
      decimalEnclosedFullstop: { 1: '⒈', 20: '⒛' },
      decimalFullWidth: { 7: '７', 12: '１２' },
      lowerLetter: { 1: 'a', 26: 'z', 27: 'aa', 30: 'dd' },
      upperLetter: { 2: 'B' },
      lowerRoman: { 4: 'iv', 14: 'xiv' },
      upperRoman: { 1999: 'MCMXCIX' },
      none: { 5: '' },
      ordinal: { 5: '5' },
    };
    let abstracts = '';
    let nums = '';
    const body: string[] = [];
    const expected: string[] = [];
    Object.entries(formats).forEach(([format, values], k) => {
      abstracts += abstractNum(k, lvl(0, format, '[%1]'));
      Object.entries(values).forEach(([value, shown], j) => {
        const id = 100 * (k + 1) + j;
        nums += num(id, k, { 0: Number(value) });
        body.push(para(format, numPr(id, 0)));
        expected.push(`[${shown}]${format}`);
      });
    });
    assert.deepEqual(await lines({ body: body.join(''), numbering: abstracts + nums }), expected);
  });

  it('writes a bullet as the character it shows, a symbol font’s as its Unicode character', async () => {
    const bullets = abstractNum(0, lvl(0, 'bullet', '\uf0b7') + lvl(1, 'bullet', '\uf0d8') + lvl(2, 'bullet', '○'));
    assert.deepEqual(await lines({ body: para('一', numPr(1, 0)) + para('二', numPr(1, 1)) + para('三', numPr(1, 2)), numbering: bullets + num(1, 0) }), ['•一', '➢二', '○三']);
  });

  it('counts the nums of one abstract list as one list, each start override once, as LibreOffice does', async () => {
    const cases: Array<{ body: string; numbering: string; expected: string[] }> = [
      // Two nums of one list count on from each other; a list of its own counts apart.
      {
        body: [para('a', numPr(1, 0)), para('a', numPr(1, 0)), para('b', numPr(2, 0)), para('b', numPr(2, 0)), para('a', numPr(1, 0)), para('c', numPr(3, 0))].join(''),
        numbering: multilevel + abstractNum(1, lvl(0, 'decimal', '%1.')) + num(1, 0) + num(2, 0) + num(3, 1),
        expected: ['1.a', '2.a', '3.b', '4.b', '5.a', '1.c'],
      },
      // A num restarting at 1 restarts the list, which then counts on in both nums.
      {
        body: [para('a', numPr(1, 0)), para('a', numPr(1, 0)), para('b', numPr(2, 0)), para('b', numPr(2, 0)), para('a', numPr(1, 0)), para('b', numPr(2, 0))].join(''),
        numbering: multilevel + num(1, 0) + num(2, 0, { 0: 1 }),
        expected: ['1.a', '2.a', '1.b', '2.b', '3.a', '4.b'],
      },
      // An override of the second level takes effect at the num's first paragraph there, once.
      {
        body: [para('s', numPr(1, 0)), para('i', numPr(1, 1)), para('s', numPr(2, 0)), para('j', numPr(2, 1)), para('k', numPr(1, 1)), para('s', numPr(2, 0)), para('m', numPr(2, 1))].join(''),
        numbering: multilevel + num(1, 0) + num(2, 0, { 1: 5 }),
        expected: ['1.s', '1.1.i', '2.s', '2.5.j', '2.6.k', '3.s', '3.1.m'],
      },
      // A num first used on a level it does not override keeps its override for the level it does.
      {
        body: [para('a', numPr(1, 0)), para('b', numPr(1, 0)), para('x', numPr(2, 1)), para('y', numPr(2, 0)), para('z', numPr(2, 0))].join(''),
        numbering: multilevel + num(1, 0) + num(2, 0, { 0: 1 }),
        expected: ['1.a', '2.b', '2.1.x', '1.y', '2.z'],
      },
      // A level above that was never used counts as used once at its start.
      {
        body: [para('x', numPr(1, 1)), para('y', numPr(1, 1)), para('s', numPr(1, 0)), para('z', numPr(1, 1))].join(''),
        numbering: multilevel + num(1, 0),
        expected: ['1.1.x', '1.2.y', '2.s', '2.1.z'],
      },
    ];
    const plans = await Promise.all(cases.map(async (c) => ({ ...c, bytes: await docx(c) })));
    for (const c of plans) assert.deepEqual((await readDocx(c.bytes, 'x.docx')).text.split('\n'), c.expected);
    // The expectations are LibreOffice's rendering: its text export writes list numbers before the text.
    const rendered = convertWithLibreOffice(
      plans.map((c, i) => ({ name: `case${i}.docx`, bytes: c.bytes })),
      'txt:Text',
      'txt',
    );
    plans.forEach((c, i) => {
      const text = rendered.get(`case${i}.docx`)!.toString('utf8').replace(/^\uFEFF/, '');
      assert.deepEqual(
        text.split('\n').filter(Boolean).map((l) => l.replace(/\s+/g, '')),
        c.expected,
      );
    });
  });

  it('restarts a level after the level lvlRestart names, never for 0 (ECMA-376 §17.9.10; LibreOffice 7.4 ignores it)', async () => {
    const levels = lvl(0, 'decimal', '%1.') + lvl(1, 'chineseCounting', '（%2）', '<w:lvlRestart w:val="0"/>') + lvl(2, 'decimal', '%3)', '<w:lvlRestart w:val="1"/>');
    const body = [para('s', numPr(1, 0)), para('i', numPr(1, 1)), para('x', numPr(1, 2)), para('i', numPr(1, 1)), para('x', numPr(1, 2)), para('s', numPr(1, 0)), para('i', numPr(1, 1)), para('x', numPr(1, 2))];
    assert.deepEqual(await lines({ body: body.join(''), numbering: abstractNum(0, levels) + num(1, 0) }), ['1.s', '（一）i', '1)x', '（二）i', '2)x', '2.s', '（三）i', '1)x']);
  });

  it('writes every number of a legal level in digits (§17.9.4; LibreOffice 7.4 ignores it)', async () => {
    const levels = lvl(0, 'chineseCounting', '第%1章') + lvl(1, 'lowerLetter', '%1.%2', '<w:isLgl/>');
    assert.deepEqual(await lines({ body: para('总则', numPr(1, 0)) + para('目的', numPr(1, 1)), numbering: abstractNum(0, levels) + num(1, 0) }), ['第一章总则', '1.1目的']);
  });

  it('numbers a paragraph by its style: along basedOn, at the level linked to the style, unless the paragraph says numId 0', async () => {
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="item"/><w:basedOn w:val="Heading2"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="loop"/><w:basedOn w:val="Loop"/></w:style>';
    const levels = lvl(0, 'chineseCountingThousand', '%1、', '<w:pStyle w:val="Heading1"/>') + lvl(1, 'chineseCountingThousand', '（%2）') + lvl(2, 'decimal', '%3.');
    const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
    const body = [
      para('加强组织', style('Heading1')),
      para('落实责任', style('Item')),
      para('不编号', style('Item') + numPr(0)),
      para('强化考核', style('Heading2')),
      para('第三级', style('Item') + '<w:numPr><w:ilvl w:val="2"/></w:numPr>'),
      para('正文', style('Loop')),
      para('加强宣传', style('Heading1')),
    ];
    assert.deepEqual(await lines({ body: body.join(''), numbering: abstractNum(0, levels) + num(1, 0), styles }), [
      '一、加强组织',
      '（一）落实责任',
      '不编号',
      '（二）强化考核',
      '1.第三级',
      '正文',
      '二、加强宣传',
    ]);
  });

  it('follows a list defined by a numbering style (numStyleLink), and numbers a singleLevel list at its first level', async () => {
    const styles = '<w:style w:type="numbering" w:styleId="PlanList"><w:name w:val="plan list"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>';
    const numbering =
      abstractNum(0, '', '<w:numStyleLink w:val="PlanList"/>') +
      abstractNum(1, lvl(0, 'chineseCounting', '%1、'), '<w:styleLink w:val="PlanList"/>') +
      abstractNum(2, lvl(0, 'decimal', '%1)') + lvl(1, 'decimal', 'never'), '<w:multiLevelType w:val="singleLevel"/>') +
      num(1, 0) +
      num(2, 1) +
      num(3, 2);
    assert.deepEqual(await lines({ body: para('甲', numPr(1, 0)) + para('乙', numPr(2, 0)) + para('丙', numPr(3, 1)), numbering, styles }), ['一、甲', '二、乙', '1)丙']);
  });

  it('leaves a paragraph unnumbered whose list or level does not exist', async () => {
    assert.deepEqual(await lines({ body: para('甲', numPr(7, 0)) + para('乙', numPr(1, 5)), numbering: multilevel + num(1, 0) }), ['甲', '乙']);
  });
});

describe('readDocx: files it cannot read', () => {
  const key = async (bytes: Uint8Array) => (await officeError(readDocx(bytes, 'x.docx'))).key;
  const zipOf = async (files: Record<string, string | Uint8Array>) => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(files)) zip.file(name, content);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  };

  it('an empty file', async () => {
    const error = await officeError(readDocx(new Uint8Array(0), '空.docx'));
    assert.equal(error.key, 'office.empty');
    assert.deepEqual(error.args, { file: '空.docx' });
  });

  it('not a zip: text, a .doc', async () => {
    assert.equal(await key(new TextEncoder().encode('一、加强组织领导')), 'office.notZip');
    assert.equal(await key(fixture('national-2020.doc')), 'office.notZip');
  });

  it('encrypted: a .docx LibreOffice saved with an open password', async () => {
    assert.equal(await key(fixture('encrypted.docx')), 'office.encrypted');
  });

  it('damaged: truncated, no document part, not a Word document, bad XML, no body', async () => {
    const good = fixture('national-2020.docx');
    const corrupt = async (bytes: Uint8Array) => {
      const error = await officeError(readDocx(bytes, 'x.docx'));
      assert.equal(error.key, 'office.corrupt');
      return String(error.args.detail);
    };
    assert.match(await corrupt(good.subarray(0, good.length >> 1)), /^zip: /);
    assert.match(await corrupt(await zipOf({ 'readme.txt': 'hello' })), /word\/document\.xml is missing/);
    const workbook = await zipOf({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    });
    assert.match(await corrupt(workbook), /xl\/workbook\.xml is not a Word document body/);
    assert.match(await corrupt(await zipOf({ 'word/document.xml': '<w:document xmlns:w="x"><w:body><w:p></w:body>' })), /^word\/document\.xml: /);
    assert.match(await corrupt(await zipOf({ 'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' })), /not a Word document body/);
  });

  it('a zip bomb: a document part that inflates past the limit', async function () {
    this.timeout(60_000);
    const zeros = new Uint8Array(MAX_PART_BYTES + 1024 * 1024);
    const bomb = await zipOf({ 'word/document.xml': zeros });
    assert.ok(bomb.length < 1024 * 1024, `${bomb.length} bytes`);
    const error = await officeError(readDocx(bomb, 'x.docx'));
    assert.equal(error.key, 'office.corrupt');
    assert.match(String(error.args.detail), /more than 200 MB uncompressed/);
  });

  it('a document part of more tags than its DOM could hold', async () => {
    const error = await officeError(readDocx(await docx({ body: '<w:p/>'.repeat(MAX_PART_TAGS) }), 'x.docx'));
    assert.deepEqual([error.key, error.args.part, error.args.limit], ['office.tooComplex', 'word/document.xml', MAX_PART_TAGS]);
  });

  it('no text: empty paragraphs, hidden text, only a field code', async () => {
    assert.equal(await key(await docx({ body: p('') + para('  ') + `<w:sectPr/>` })), 'office.noText');
    assert.equal(await key(await docx({ body: p(r(t('隐'), '<w:vanish/>')) })), 'office.noText');
    assert.equal(await key(await docx({ body: p(r('<w:fldChar w:fldCharType="begin"/>') + r('<w:instrText>PAGE</w:instrText>') + r('<w:fldChar w:fldCharType="end"/>')) })), 'office.noText');
  });

  it('tables nested past any document, and more text than the checker takes', async () => {
    const nested = '<w:tbl><w:tr><w:tc>'.repeat(100) + para('深') + '</w:tc></w:tr></w:tbl>'.repeat(100);
    const error = await officeError(readDocx(await docx({ body: nested }), 'x.docx'));
    assert.deepEqual([error.key, error.args.detail], ['office.corrupt', 'content nested too deeply']);
    const long = await officeError(readDocx(await docx({ body: para('a'.repeat(MAX_DOCUMENT_CHARS)) + para('b') }), 'x.docx'));
    assert.deepEqual([long.key, long.args.limit], ['office.tooMuchText', MAX_DOCUMENT_CHARS]);
  });

  it('throws nothing but OfficeError on random damage to a real .docx', async function () {
    this.timeout(60_000);
    const good = fixture('guandu-district-2020.docx');
    let seed = 20200527;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let read = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = good.slice(0, i % 3 === 0 ? Math.floor(random() * good.length) : good.length);
      for (let k = 0; k < 1 + (i % 8); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        await readDocx(bytes, 'x.docx');
        read++;
      } catch (e) {
        assert.ok(e instanceof OfficeError, `mutant ${i}: ${e instanceof Error ? e.stack : e}`);
      }
    }
    // Damage to a stored part's data or to the zip's comments still reads: some mutants must get through.
    assert.ok(read > 0 && read < 300, `${read} of 300 read`);
  });
});

describe('readDocx: speed', () => {
  it('reads the longest seed in well under a second', async () => {
    const bytes = fixture('jiyuan-zone-2023.docx');
    await readDocx(bytes, 'x.docx');
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) await readDocx(bytes, 'x.docx');
    const ms = Number(process.hrtime.bigint() - start) / 5e6;
    assert.ok(ms < 500, `${ms.toFixed(1)} ms`);
  });
});
