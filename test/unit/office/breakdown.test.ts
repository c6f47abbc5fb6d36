import * as assert from 'assert';
import type { Element } from '@xmldom/xmldom';
import { writeBreakdownDocx } from '../../../server/src/office/breakdownDocx';
import { writeBreakdownXlsx } from '../../../server/src/office/breakdownXlsx';
import { taskBreakdownCells, taskBreakdownHeader, type TaskBreakdownRow } from '../../../server/src/service';
import { freshDoc, loadSeed, nationalService } from '../util';
import { all, children, convertToPdf, first, openPackage, paragraphText, pdfPages, pdfText, SML, wAttr } from './ooxml';

/**
 * The 任务分解表 as a Word table (office/breakdownDocx.ts) and as a workbook
 * (office/breakdownXlsx.ts), read back from their XML: the same header and
 * cells as the CSV, one row per task.
 */

const rows: TaskBreakdownRow[] = nationalService().getTaskBreakdown(freshDoc(loadSeed('guandu-district-2020')));

describe('office: the 任务分解表 as .docx', () => {
  it('writes a landscape A4 table: the header row repeated on each page, one row per task with the CSV’s cells', async () => {
    const pkg = await openPackage(await writeBreakdownDocx(rows, 'zh-cn', '官渡区任务分解表'));
    const doc = await pkg.part('word/document.xml');
    const pgSz = first(first(doc, 'sectPr')!, 'pgSz')!;
    assert.deepStrictEqual([wAttr(pgSz, 'w'), wAttr(pgSz, 'h'), wAttr(pgSz, 'orient')], ['16838', '11906', 'landscape']);

    const title = children(first(doc, 'body')!, 'p')[0];
    assert.strictEqual(paragraphText(title), '官渡区任务分解表');
    assert.strictEqual(wAttr(first(title, 'rFonts'), 'eastAsia'), '方正小标宋简体');

    const tableRows = all(first(doc, 'tbl')!, 'tr');
    assert.strictEqual(tableRows.length, rows.length + 1);
    const texts = (tr: Element) => all(tr, 'tc').map((tc) => all(tc, 'p').map(paragraphText).join('\n'));
    assert.deepStrictEqual(texts(tableRows[0]), taskBreakdownHeader('zh-cn'));
    assert.ok(first(tableRows[0], 'tblHeader'), 'the header row repeats on each page');
    assert.ok(!first(tableRows[1], 'tblHeader'));
    rows.forEach((r, i) => assert.deepStrictEqual(texts(tableRows[i + 1]), taskBreakdownCells(r), `row ${i + 1}`));
    assert.ok(tableRows.every((tr) => first(tr, 'cantSplit')), 'a row is kept whole on a page');

    const headerFont = wAttr(first(tableRows[0], 'rFonts'), 'eastAsia');
    const bodyFonts = new Set(all(tableRows[1], 'rFonts').map((f) => wAttr(f, 'eastAsia')));
    assert.strictEqual(headerFont, '黑体');
    assert.deepStrictEqual([...bodyFonts], ['仿宋_GB2312']);
    // The columns fill the 版心's 225 mm, turned.
    const grid = all(first(doc, 'tblGrid')!, 'gridCol').map((c) => Number(wAttr(c, 'w')));
    const total = grid.reduce((a, b) => a + b, 0);
    assert.strictEqual(grid.length, 6);
    assert.ok(Math.abs(total - (225 * 1440) / 25.4) < 6, `${total}`);
  });

  it('titles the table 任务分解表 in the locale when no title is given', async () => {
    for (const [locale, title] of [['zh-cn', '任务分解表'], ['en', 'Task breakdown']] as const) {
      const doc = await (await openPackage(await writeBreakdownDocx([], locale))).part('word/document.xml');
      assert.strictEqual(paragraphText(children(first(doc, 'body')!, 'p')[0]), title);
      assert.strictEqual(all(doc, 'tr').length, 1, 'the header row alone');
    }
  });

  it('opens in LibreOffice, which prints the header on every page', async function () {
    this.timeout(120_000);
    const pdf = convertToPdf({ 'breakdown.docx': await writeBreakdownDocx(rows, 'zh-cn') })['breakdown.docx'];
    const pages = pdfPages(pdf);
    assert.ok(pages >= 2, `${pages} pages`);
    for (let page = 1; page <= pages; page++) assert.match(pdfText(pdf, page), /序号\s+所属部分\s+工作任务/, `page ${page}`);
    assert.match(pdfText(pdf), /加强重点市场监管/);
  });
});

describe('office: the 任务分解表 as .xlsx', () => {
  async function sheet(bytes: Uint8Array) {
    const pkg = await openPackage(bytes);
    const shared = all(await pkg.part('xl/sharedStrings.xml'), 'si', SML).map((si) => all(si, 't', SML).map((t) => t.textContent).join(''));
    const ws = await pkg.part('xl/worksheets/sheet1.xml');
    const styles = await pkg.part('xl/styles.xml');
    const xfs = all(first(styles, 'cellXfs', SML)!, 'xf', SML);
    const fonts = all(first(styles, 'fonts', SML)!, 'font', SML);
    const value = (c: Element) => {
      const v = first(c, 'v', SML)?.textContent;
      return v === undefined || v === null ? '' : c.getAttribute('t') === 's' ? shared[Number(v)] : v;
    };
    const cellRows = all(ws, 'row', SML).map((r) => all(r, 'c', SML));
    return {
      pkg,
      ws,
      values: cellRows.map((r) => r.map(value)),
      bold: (c: Element) => !!first(fonts[Number(xfs[Number(c.getAttribute('s'))].getAttribute('fontId'))], 'b', SML),
      wraps: (c: Element) => first(xfs[Number(c.getAttribute('s'))], 'alignment', SML)?.getAttribute('wrapText') === '1',
      cells: cellRows,
    };
  }

  it('writes the header bold and frozen, then one row per task with the CSV’s cells, wrapping', async () => {
    const s = await sheet(await writeBreakdownXlsx(rows, 'zh-cn'));
    assert.deepStrictEqual(s.values[0], taskBreakdownHeader('zh-cn'));
    assert.strictEqual(s.values.length, rows.length + 1);
    rows.forEach((r, i) => assert.deepStrictEqual(s.values[i + 1], taskBreakdownCells(r), `row ${i + 1}`));
    assert.ok(s.cells[0].every(s.bold), 'header bold');
    assert.ok(!s.cells[1].some(s.bold));
    assert.ok(s.cells.every((r) => r.every(s.wraps)), 'every cell wraps');
    const pane = first(s.ws, 'pane', SML)!;
    assert.deepStrictEqual([pane.getAttribute('ySplit'), pane.getAttribute('state')], ['1', 'frozen']);
    // Columns wide enough for their Chinese text: 序号 holds 一、/（十一）, unit lists are the widest.
    const widths = all(s.ws, 'col', SML).map((c) => Number(c.getAttribute('width')));
    assert.strictEqual(widths.length, 6);
    assert.ok(widths[0] >= 14 && widths[4] === Math.max(...widths), `${widths}`);
    const book = await s.pkg.part('xl/workbook.xml');
    assert.strictEqual(first(book, 'sheet', SML)!.getAttribute('name'), '任务分解表');
  });

  it('keeps a cell that looks like a formula as text, drops a character XML cannot hold, and caps a cell at Excel’s 32767', async () => {
    const row: TaskBreakdownRow = { number: '（一）', path: ['一、', '（一）'], line: 3, section: '总体要求', title: '=HYPERLINK("x")\u0007', leads: ['市公安局'], partners: [], national: [] };
    const s = await sheet(await writeBreakdownXlsx([row], 'en'));
    assert.deepStrictEqual(s.values[0], taskBreakdownHeader('en'));
    assert.deepStrictEqual(s.values[1], ['一、/（一）', '总体要求', '=HYPERLINK("x")', '市公安局', '', '']);
    assert.strictEqual(all(s.ws, 'f', SML).length, 0, 'no formula');
    const long = await sheet(await writeBreakdownXlsx([{ ...row, title: '长'.repeat(40_000) }], 'zh-cn'));
    assert.strictEqual(long.values[1][2].length, 32767);
    assert.ok(long.values[1][2].endsWith('…'));
  });
});
