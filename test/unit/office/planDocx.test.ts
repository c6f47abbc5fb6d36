import * as assert from 'assert';
import type { Document as XmlDocument, Element } from '@xmldom/xmldom';
import { writePlanDocx } from '../../../server/src/office/planDocx';
import { parsePlan, type PlanDocument } from '../../../server/src/service';
import { loadSeed, SEED_NAMES } from '../util';
import { all, bodyParagraphs, children, convertToPdf, first, openPackage, paragraphText, pdfPages, pdfText, wAttr, type Package } from './ooxml';

/**
 * The plan as a 公文 .docx (office/planDocx.ts), read back from its own XML:
 * the page and grid figures of GB/T 9704-2012, the fonts and sizes of each
 * kind of line, the page numbers, the font table's fallbacks, every line's
 * text in its paragraph; then as LibreOffice prints it.
 */

const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);

interface Written {
  pkg: Package;
  document: XmlDocument;
  paragraphs: Element[];
  plan: PlanDocument;
}

const written = new Map<string, Promise<Written>>();
function write(seed: string): Promise<Written> {
  let w = written.get(seed);
  if (!w) {
    w = (async () => {
      const text = loadSeed(seed);
      const pkg = await openPackage(await writePlanDocx(text));
      const document = await pkg.part('word/document.xml');
      return { pkg, document, paragraphs: bodyParagraphs(document), plan: parsePlan(text) };
    })();
    written.set(seed, w);
  }
  return w;
}

const lineOf = (plan: PlanDocument, offset: number) => plan.lines.lineAt(offset);

/** What Word applies to a paragraph's runs: each run's fonts, size and spacing, with the text they carry. */
function runs(p: Element) {
  return children(p, 'r').map((r) => {
    const rPr = first(r, 'rPr');
    const fonts = rPr && first(rPr, 'rFonts');
    return {
      text: paragraphText(r),
      eastAsia: wAttr(fonts, 'eastAsia'),
      ascii: wAttr(fonts, 'ascii'),
      size: Number(wAttr(rPr && first(rPr, 'sz'), 'val')),
      // The library leaves out w:spacing 0, which is the default.
      spacing: Number(wAttr(rPr && first(rPr, 'spacing'), 'val') ?? 0),
      color: wAttr(rPr && first(rPr, 'color'), 'val'),
    };
  });
}

function jc(p: Element): string | undefined {
  const pPr = first(p, 'pPr');
  return pPr && wAttr(first(pPr, 'jc'), 'val');
}

function indent(p: Element): Record<string, number> {
  const ind = first(p, 'ind');
  const out: Record<string, number> = {};
  for (const name of ['firstLine', 'left', 'right', 'hanging']) {
    const v = wAttr(ind, name);
    if (v) out[name] = Number(v);
  }
  return out;
}

describe('office: the plan as a 公文 .docx', () => {
  it('sets the page as GB/T 9704 does: A4, margins 37/35/28/26 mm, a 22-line grid, 28 characters a line', async () => {
    const { document } = await write('guandu-district-2020');
    const sectPr = first(document, 'sectPr')!;
    const pgSz = first(sectPr, 'pgSz')!;
    const pgMar = first(sectPr, 'pgMar')!;
    const grid = first(sectPr, 'docGrid')!;
    const n = (el: Element, name: string) => Number(wAttr(el, name));

    assert.deepStrictEqual([n(pgSz, 'w'), n(pgSz, 'h')], [mmToTwips(210), mmToTwips(297)]);
    assert.deepStrictEqual([n(pgSz, 'w'), n(pgSz, 'h')], [11906, 16838]);
    assert.deepStrictEqual(
      { top: n(pgMar, 'top'), bottom: n(pgMar, 'bottom'), left: n(pgMar, 'left'), right: n(pgMar, 'right') },
      { top: mmToTwips(37), bottom: mmToTwips(35), left: mmToTwips(28), right: mmToTwips(26) },
    );
    const width = n(pgSz, 'w') - n(pgMar, 'left') - n(pgMar, 'right');
    const height = n(pgSz, 'h') - n(pgMar, 'top') - n(pgMar, 'bottom');
    // The 版心 is 156 mm × 225 mm to within the rounding of each margin to a twip.
    assert.ok(Math.abs(width - (156 * 1440) / 25.4) < 2 && Math.abs(height - (225 * 1440) / 25.4) < 2, `${width} × ${height}`);

    // 22 lines fit in the 版心 and a 23rd does not.
    const linePitch = n(grid, 'linePitch');
    assert.strictEqual(linePitch, 579);
    assert.ok(22 * linePitch <= height && 23 * linePitch > height);
    assert.strictEqual(wAttr(grid, 'type'), 'lines');
    // Word's character pitch for 28 a line: 16 pt + charSpace/4096 pt, 28 of them within the width, 29 not.
    const charSpace = n(grid, 'charSpace');
    assert.strictEqual(charSpace, -842);
    const pitch = (16 + charSpace / 4096) * 20;
    assert.ok(28 * pitch <= width && 29 * pitch > width, `${pitch}`);
    // Every 3号 run is narrowed so that 28 characters, not 27, fill a line in any application.
    const styles = await (await write('guandu-district-2020')).pkg.part('word/styles.xml');
    const defaults = first(first(styles, 'rPrDefault')!, 'rPr')!;
    const spacing = Number(wAttr(first(defaults, 'spacing'), 'val'));
    assert.strictEqual(spacing, -5);
    assert.ok(28 * (320 + spacing) <= width && 27 * 320 <= width && 28 * 320 > width);
    assert.strictEqual(wAttr(first(defaults, 'sz'), 'val'), '32');
    assert.strictEqual(wAttr(first(defaults, 'lang'), 'eastAsia'), 'zh-CN');
  });

  it('numbers the pages “— n —” in 4号 宋体, odd pages right and even pages left one 字 in, 7 mm below the 版心', async () => {
    const { pkg, document } = await write('guandu-district-2020');
    const settings = await pkg.part('word/settings.xml');
    assert.ok(first(settings, 'evenAndOddHeaders'), 'even and odd footers differ');
    const rels = await pkg.part('word/_rels/document.xml.rels');
    const target = (id: string) => all(rels, 'Relationship', 'http://schemas.openxmlformats.org/package/2006/relationships').find((r) => r.getAttribute('Id') === id)!.getAttribute('Target')!;
    const footers = new Map(all(first(document, 'sectPr')!, 'footerReference').map((f) => [wAttr(f, 'type')!, target(f.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')!)]));
    assert.deepStrictEqual([...footers.keys()].sort(), ['default', 'even']);

    const pgMar = first(first(document, 'sectPr')!, 'pgMar')!;
    // The footer's line is exactly 14 pt; its middle, where the dash is, lies 7 mm below the bottom margin's edge.
    const dashAboveEdge = Number(wAttr(pgMar, 'footer')) + 140;
    assert.ok(Math.abs(Number(wAttr(pgMar, 'bottom')) - dashAboveEdge - mmToTwips(7)) <= 1, `footer ${wAttr(pgMar, 'footer')}`);

    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const footer = await pkg.part(`word/${footers.get(type)}`);
      const p = first(footer, 'p')!;
      assert.strictEqual(jc(p), side, type);
      assert.deepStrictEqual(indent(p), { [side]: 315 }, type);
      assert.deepStrictEqual([wAttr(first(p, 'spacing'), 'line'), wAttr(first(p, 'spacing'), 'lineRule')], ['280', 'exact']);
      assert.strictEqual(first(p, 'instrText')!.textContent!.trim(), 'PAGE');
      assert.deepStrictEqual(all(p, 't').map((t) => t.textContent), ['— ', ' —']);
      const rPr = first(p, 'rPr')!;
      assert.deepStrictEqual([wAttr(first(rPr, 'rFonts'), 'ascii'), wAttr(first(rPr, 'rFonts'), 'eastAsia'), wAttr(first(rPr, 'sz'), 'val')], ['宋体', '宋体', '28']);
    }
  });

  it('sets the title in 2号 小标宋 centred, 一、 in 黑体, （一） in 楷体 up to its 。, the body in 仿宋 two 字 in', async () => {
    const { paragraphs, plan } = await write('national-2020');
    const title = paragraphs[lineOf(plan, plan.title!.start)];
    assert.strictEqual(jc(title), 'center');
    assert.deepStrictEqual(runs(title).map((r) => [r.eastAsia, r.ascii, r.size, r.spacing]), [['方正小标宋简体', 'Times New Roman', 44, 0]]);
    assert.strictEqual(paragraphText(title), '2020 年全国打击侵犯知识产权和制售假冒伪劣商品工作要点');
    // One grid line high, in Word and in LibreOffice alike.
    const titlePPr = first(title, 'pPr')!;
    assert.deepStrictEqual([wAttr(first(titlePPr, 'spacing'), 'line'), wAttr(first(titlePPr, 'spacing'), 'lineRule'), wAttr(first(titlePPr, 'snapToGrid'), 'val')], ['579', 'exact', '0']);

    const section = plan.headings.find((h) => h.level === 1)!;
    const p1 = paragraphs[section.line];
    assert.strictEqual(jc(p1), 'both');
    assert.deepStrictEqual(indent(p1), { firstLine: 630 });
    assert.deepStrictEqual(runs(p1).map((r) => [r.text, r.eastAsia, r.size]), [['一、深化重点领域治理和产品监管', '黑体', 32]]);

    // A run-in item: its number and title to the 。 in 楷体, the sentences after in 仿宋.
    const item = plan.headings.find((h) => h.level === 2)!;
    const p2 = paragraphs[item.line];
    assert.deepStrictEqual(indent(p2), { firstLine: 630 });
    const r2 = runs(p2);
    assert.deepStrictEqual(r2.map((r) => r.eastAsia), ['楷体_GB2312', '仿宋_GB2312']);
    assert.strictEqual(r2[0].text, '（一）加强互联网侵权假冒治理。');
    assert.ok(r2[1].text.startsWith('加强网络市场监管'), r2[1].text);
    assert.ok(r2.every((r) => r.size === 32 && r.spacing === -5 && r.ascii === 'Times New Roman'));

    const body = paragraphs[lineOf(plan, plan.preamble[0].start)];
    assert.strictEqual(jc(body), 'both');
    assert.deepStrictEqual(indent(body), { firstLine: 630 });
    assert.deepStrictEqual(runs(body).map((r) => [r.eastAsia, r.size]), [['仿宋_GB2312', 32]]);
  });

  it('sets the notice: a red masthead and rule, 主送 flush left, signature and date as 7.3.5 places them', async () => {
    const { paragraphs, plan } = await write('xiamen-city-2020');
    const roleLines = (role: string) => plan.noticeRoles.flatMap((r, i) => (r === role ? [i] : []));
    const masthead = paragraphs[roleLines('masthead')[0]];
    assert.strictEqual(jc(masthead), 'center');
    assert.deepStrictEqual(runs(masthead).map((r) => [r.eastAsia, r.color]), [['方正小标宋简体', 'FF0000']]);
    const number = paragraphs[roleLines('number')[0]];
    assert.strictEqual(wAttr(first(first(number, 'pBdr')!, 'bottom'), 'color'), 'FF0000');

    const addressee = paragraphs[roleLines('addressee')[0]];
    assert.deepStrictEqual(indent(addressee), {});

    // 厦门市打击侵犯知识产权和制售 / 假冒伪劣商品工作领导小组 (14 字 at most): both lines start 28 − 2 − 14 = 12 字 in, the date 2 字 further.
    const signature = roleLines('signature').map((i) => indent(paragraphs[i]));
    assert.deepStrictEqual(signature, [{ left: 12 * 315 }, { left: 12 * 315 }]);
    assert.deepStrictEqual(indent(paragraphs[roleLines('date')[0]]), { left: 14 * 315 });
  });

  it('puts a date without a signature four 字 from the right', async () => {
    const { paragraphs, plan } = await write('jiyuan-zone-2023');
    const date = plan.noticeRoles.indexOf('date');
    assert.strictEqual(plan.noticeRoles.indexOf('signature'), -1);
    assert.strictEqual(paragraphText(paragraphs[date]), '2023年5月22日');
    // 6.5 字 wide: it starts 28 − 4 − 6.5 字 in.
    assert.deepStrictEqual(indent(paragraphs[date]), { left: Math.round(17.5 * 315) });
  });

  it('lists each Chinese font in the font table with its fallback and the GB2312 charset', async () => {
    const { pkg } = await write('guandu-district-2020');
    const table = await pkg.part('word/fontTable.xml');
    const fonts = new Map(all(table, 'font').map((f) => [wAttr(f, 'name')!, { alt: wAttr(first(f, 'altName'), 'val'), charset: wAttr(first(f, 'charset'), 'val') }]));
    assert.deepStrictEqual(Object.fromEntries(fonts), {
      方正小标宋简体: { alt: '宋体', charset: '86' },
      黑体: { alt: 'SimHei', charset: '86' },
      楷体_GB2312: { alt: '楷体', charset: '86' },
      仿宋_GB2312: { alt: '仿宋', charset: '86' },
      宋体: { alt: 'SimSun', charset: '86' },
      'Times New Roman': { alt: undefined, charset: '00' },
    });
    // Every font a run names is in the table.
    const { document } = await write('guandu-district-2020');
    const named = new Set(all(document, 'rFonts').flatMap((f) => ['eastAsia', 'ascii', 'hAnsi'].map((a) => wAttr(f, a)!)));
    for (const name of named) assert.ok(fonts.has(name), name);
  });

  it('titles the document with the plan', async () => {
    const { pkg } = await write('jiyuan-zone-2023');
    const core = await pkg.part('docProps/core.xml');
    assert.strictEqual(first(core, 'title', 'http://purl.org/dc/elements/1.1/')!.textContent, '示范区 2023 年打击侵犯知识产权和 制售假冒伪劣商品工作要点');
    const given = await openPackage(await writePlanDocx(loadSeed('jiyuan-zone-2023'), { title: '济源示范区工作要点', author: '示范区双打办' }));
    const givenCore = await given.part('docProps/core.xml');
    assert.strictEqual(first(givenCore, 'title', 'http://purl.org/dc/elements/1.1/')!.textContent, '济源示范区工作要点');
    assert.strictEqual(first(givenCore, 'creator', 'http://purl.org/dc/elements/1.1/')!.textContent, '示范区双打办');
  });

  for (const seed of SEED_NAMES) {
    it(`gives back every line of ${seed} as one paragraph holding exactly it`, async () => {
      const { paragraphs } = await write(seed);
      const lines = loadSeed(seed).split(/\r\n|\r|\n/);
      assert.strictEqual(paragraphs.length, lines.length);
      paragraphs.forEach((p, i) => assert.strictEqual(paragraphText(p), lines[i], `line ${i + 1}`));
      // Markers are typed text: no paragraph is a Word list item.
      assert.strictEqual(paragraphs.filter((p) => first(p, 'numPr')).length, 0);
    });
  }

  it('keeps tabs, typed indents, CRLF and blank lines; a character XML cannot hold becomes U+FFFD', async () => {
    const text = '一、总体要求\r\n\u3000\u3000各单位要\t按时完成。\r\n\r\n  二、保障措施\u0001\ud800完\n';
    const pkg = await openPackage(await writePlanDocx(text));
    const paragraphs = bodyParagraphs(await pkg.part('word/document.xml'));
    assert.deepStrictEqual(paragraphs.map(paragraphText), ['一、总体要求', '\u3000\u3000各单位要\t按时完成。', '', '  二、保障措施\ufffd\ufffd完', '']);
    assert.strictEqual(all(paragraphs[1], 'tab').length, 1);
    // Typed spaces stand for the indent: no first-line indent is added to them.
    assert.deepStrictEqual(indent(paragraphs[1]), {});
    assert.deepStrictEqual(indent(paragraphs[0]), { firstLine: 630 });
    assert.strictEqual(children(paragraphs[2], 'r').length, 0);
  });

  it('writes an empty text as one empty paragraph', async () => {
    const pkg = await openPackage(await writePlanDocx(''));
    assert.deepStrictEqual(bodyParagraphs(await pkg.part('word/document.xml')).map(paragraphText), ['']);
  });

  describe('as LibreOffice prints it', function () {
    this.timeout(120_000);
    let pdf: string;
    before(async () => {
      pdf = convertToPdf({ 'guandu.docx': await writePlanDocx(loadSeed('guandu-district-2020')) })['guandu.docx'];
    });

    it('prints the text, and “— 1 —”, “— 2 —” at the foot of the pages', () => {
      const pages = pdfPages(pdf);
      assert.ok(pages >= 10, `${pages} pages`);
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      const printed = squeeze(pdfText(pdf));
      for (const line of ['昆明市官渡区', '关于印发官渡区2020年打击侵犯知识产权和制售假冒伪劣商品工作要点的通知', '一、深化重点领域和产品监管治理', '（三十一）提升舆论引导能力。']) {
        assert.ok(printed.includes(squeeze(line)), line);
      }
      for (const page of [1, 2, pages]) {
        const lines = pdfText(pdf, page).split('\n').filter((l) => l.trim());
        assert.match(lines[lines.length - 1].trim(), new RegExp(`^—\\s*${page}\\s*—$`), `page ${page}`);
      }
    });

    it('puts 22 lines of 28 characters on a full page of body text', () => {
      const lines = pdfText(pdf, 2).split('\n').filter((l) => l.trim());
      const body = lines.slice(0, -1).map((l) => l.replace(/\s+/g, ''));
      assert.strictEqual(body.length, 22, body.join('\n'));
      // A line of Chinese characters only holds 28: none more, and most full lines exactly that.
      const cjkOnly = body.filter((l) => /^[^\x00-\x7f]+$/.test(l));
      assert.ok(cjkOnly.every((l) => [...l].length <= 28), cjkOnly.join('\n'));
      assert.ok(cjkOnly.filter((l) => [...l].length === 28).length >= 10, cjkOnly.join('\n'));
    });
  });
});
