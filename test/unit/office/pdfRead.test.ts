import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfficeError, type ExtractedPlan } from '../../../server/src/office/document';
import { dropFurniture, pageNumberOf, type PdfPage } from '../../../server/src/office/pdfFurniture';
import type { PdfLine } from '../../../server/src/office/pdfLines';
import { joinParagraphs } from '../../../server/src/office/pdfParagraphs';
import { readPdf } from '../../../server/src/office/pdfRead';
import { createLanguageService, type Diagnostic, type Position } from '../../../server/src/service';
import { REPO_ROOT, SEED_NAMES, loadSeed, prng, type SeedName } from '../util';

// The PDFs of test/fixtures/office/ are the seeds set in 公文 layout and
// printed by LibreOffice (scripts/fixtures/office-pdf.mjs): one seed line is
// one paragraph. Reading one back gives the seed's text, and the checker says
// the same of it, apart from what a PDF cannot carry, each named here:
//
// - BLANK LINES: the seeds' blank lines are no paragraphs; the layout has none.
// - SPACES AT A LINE'S ENDS: a PDF places its text and prints no spaces around it.
// - SPACES BESIDE CHINESE: a PDF shows a gap between Chinese and digits or Latin
//   letters whether or not the drafter typed a space there (LibreOffice, like
//   Word, sets one), so a space is read only between two characters of Latin
//   script, digits or ASCII punctuation.
//
// Nothing else differs: each wrap the layout made is joined (a seed line the
// checker reports as text.broken-line was a paragraph of its own in the layout,
// indented, and stays apart, so the reviewer is told about it as before), and
// every page number is dropped.

const OFFICE = join(REPO_ROOT, 'test', 'fixtures', 'office');
const fixture = (name: string) => new Uint8Array(readFileSync(join(OFFICE, name)));

const SPACED = /[A-Za-z0-9\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/;

/** The seed as its PDF prints it, with where each seed position went: the named differences above, and nothing else. */
function asPrinted(seed: string): { text: string; at(p: Position): Position } {
  const out: string[] = [];
  const lineTo: number[] = [];
  const columns: number[][] = [];
  seed.split(/\r\n|\r|\n/).forEach((line) => {
    let text = '';
    const cols: number[] = [];
    const first = line.search(/\S/);
    const last = line.length - (line.length - line.trimEnd().length);
    for (let c = 0; c < line.length; c++) {
      cols.push(text.length);
      if (c < first || c >= last || first < 0) continue;
      if (/\s/.test(line[c])) {
        let e = c;
        while (e < line.length && /\s/.test(line[e])) e++;
        if (SPACED.test(line[c - 1]) && SPACED.test(line[e]) && !text.endsWith(' ')) text += ' ';
        continue;
      }
      text += line[c];
    }
    cols.push(text.length);
    lineTo.push(text === '' ? -1 : out.length);
    columns.push(cols);
    if (text !== '') out.push(text);
  });
  return {
    text: out.join('\n'),
    at: (p) => {
      assert.ok(lineTo[p.line] >= 0, `a diagnostic of the seed at blank line ${p.line}`);
      return { line: lineTo[p.line], character: columns[p.line][p.character] };
    },
  };
}

const service = createLanguageService({ locale: 'zh-cn' });
let version = 0;
function diagnostics(text: string): Diagnostic[] {
  return service.computeDiagnostics({ uri: `test://office/${++version}.workplan`, version: 1, getText: () => text });
}
const shape = (d: Diagnostic) => ({ code: d.code, range: d.range, message: d.message });

function pdftotext(file: string, page: number): string {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), join(OFFICE, file), '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s/g, '');
}

async function refusal(work: Promise<unknown>): Promise<OfficeError> {
  try {
    await work;
  } catch (e) {
    assert.ok(e instanceof OfficeError, `not an OfficeError: ${e instanceof Error ? e.stack : String(e)}`);
    return e;
  }
  assert.fail('read without an error');
}

describe('readPdf: the seeds printed to PDF', function () {
  this.timeout(60_000);
  const read = new Map<SeedName, ExtractedPlan>();
  before(async () => {
    for (const name of SEED_NAMES) read.set(name, await readPdf(fixture(`${name}.pdf`), `${name}.pdf`));
  });

  for (const name of SEED_NAMES) {
    describe(name, () => {
      it('reads the seed text back, but for what a PDF does not carry', () => {
        assert.equal(read.get(name)!.text, asPrinted(loadSeed(name)).text);
      });

      it('gets the diagnostics of the seed, each at its place in the text read', () => {
        const printed = asPrinted(loadSeed(name));
        const expected = diagnostics(loadSeed(name)).map((d) => ({ ...shape(d), range: { start: printed.at(d.range.start), end: printed.at(d.range.end) } }));
        assert.ok(expected.length > 0);
        assert.deepEqual(diagnostics(read.get(name)!.text).map(shape), expected);
      });

      it('drops the page number of every page and says so, and counts the wraps it joined', () => {
        const plan = read.get(name)!;
        const notes = new Map(plan.notes.map((n) => [n.key, n.args]));
        assert.deepEqual(notes.get('office.pdfPageNumbers'), { file: `${name}.pdf`, count: plan.pages });
        const joined = Number(notes.get('office.pdfJoinedWraps')?.count);
        const running = Number(notes.get('office.pdfRunningLines')?.count ?? 0);
        // Each line pdftotext prints is a page number, a running line, a paragraph's first line or a wrap joined.
        const printedLines = spawnSync('pdftotext', [join(OFFICE, `${name}.pdf`), '-'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.trim() !== '').length;
        assert.equal(plan.pages! + running + plan.text.split('\n').length + joined, printedLines);
      });

      it('gives each paragraph the page pdftotext finds its first words on', () => {
        const plan = read.get(name)!;
        const lines = plan.text.split('\n');
        assert.equal(plan.sources.length, lines.length);
        plan.sources.forEach((s, i) => assert.equal(s.paragraph, i + 1));
        assert.equal(plan.sources[0].page, 1);
        for (let i = 1; i < lines.length; i++) assert.ok(plan.sources[i].page! >= plan.sources[i - 1].page!, `paragraph ${i + 1} before the one above`);
        // The first paragraph to start on a page after the first, one in the middle, the last.
        const picks = new Set([plan.sources.findIndex((s) => s.page! > 1), lines.length >> 1, lines.length - 1]);
        for (const i of picks) {
          const head = lines[i].replace(/\s/g, '').slice(0, 10);
          const page = plan.sources[i].page!;
          assert.ok(pdftotext(`${name}.pdf`, page).includes(head), `“${head}” on page ${page}`);
          if (page > 1 && plan.text.indexOf(head) === plan.text.lastIndexOf(head)) {
            assert.ok(!pdftotext(`${name}.pdf`, page - 1).includes(head), `“${head}” already on page ${page - 1}`);
          }
        }
      });
    });
  }

  it('drops the running header Xiamen’s template prints on every page, and says what it was', () => {
    const plan = read.get('xiamen-city-2020')!;
    const note = plan.notes.find((n) => n.key === 'office.pdfRunningLines');
    assert.deepEqual(note?.args, { file: 'xiamen-city-2020.pdf', count: plan.pages, text: '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点' });
  });

  it('leaves the caller’s bytes as they were: the same Buffer read twice gives the same plan (a Buffer’s slice is a view, not a copy)', async () => {
    const bytes = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'office', 'nantong-city-2017.pdf'));
    const size = bytes.length;
    const first = await readPdf(bytes, 'nantong-city-2017.pdf');
    assert.equal(bytes.length, size);
    assert.equal((await readPdf(bytes, 'nantong-city-2017.pdf')).text, first.text);
  });
});

describe('readPdf: page markers in the body of a pasted plan', function () {
  this.timeout(20_000);
  it('keeps them as the text they are, and the checker reports them', async () => {
    const plan = await readPdf(fixture('pasted-markers.pdf'), 'pasted-markers.pdf');
    const lines = plan.text.split('\n');
    const markers = diagnostics(plan.text).filter((d) => d.code === 'text.page-marker').map((d) => lines[d.range.start.line]);
    assert.deepEqual(markers, ['—2—', '－3－']);
    // The printed page numbers are dropped all the same, one a page.
    assert.deepEqual(plan.notes.find((n) => n.key === 'office.pdfPageNumbers')?.args, { file: 'pasted-markers.pdf', count: plan.pages });
  });
});

/** A PDF of one A4 page with the given content stream and fonts, written out here. */
function onePagePdf(content: string, fonts: Record<string, string>, extra: string[] = [], pageEntries = ''): Uint8Array {
  const fontRefs = Object.keys(fonts).map((name, i) => `/${name} ${5 + i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]${pageEntries} /Resources << /Font << ${fontRefs} >> >> /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    ...Object.values(fonts),
    ...extra,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(pdf);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

describe('readPdf: files it refuses, in words', function () {
  this.timeout(30_000);
  it('an empty file', async () => {
    assert.deepEqual({ ...(await refusal(readPdf(fixture('empty.pdf'), 'empty.pdf'))) }, { key: 'office.empty', args: { file: 'empty.pdf' } });
  });
  it('a file that is no PDF at all', async () => {
    const e = await refusal(readPdf(new TextEncoder().encode(loadSeed('nantong-city-2017')), 'plan.pdf'));
    assert.equal(e.key, 'office.corrupt');
    assert.equal(e.args.file, 'plan.pdf');
  });
  it('a truncated PDF', async () => {
    const e = await refusal(readPdf(fixture('truncated.pdf'), 'truncated.pdf'));
    assert.equal(e.key, 'office.corrupt');
    assert.ok(String(e.args.detail).length > 0 && String(e.args.detail).length <= 80, String(e.args.detail));
  });
  it('a PDF with a password to open it', async () => {
    assert.deepEqual({ ...(await refusal(readPdf(fixture('encrypted.pdf'), 'encrypted.pdf'))) }, { key: 'office.encrypted', args: { file: 'encrypted.pdf' } });
  });
  it('a scan: pages of images and no text', async () => {
    assert.deepEqual({ ...(await refusal(readPdf(fixture('image-only.pdf'), 'scan.pdf'))) }, { key: 'office.imageOnly', args: { file: 'scan.pdf', pages: 2 } });
  });
  it('text in a Chinese font that is not embedded and needs one of Adobe’s character maps, which the reader does not fetch', async () => {
    const pdf = onePagePdf('BT /F1 16 Tf 72 700 Td <4E2D658760A8597D> Tj ET', {
      F1: '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    }, [
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ]);
    assert.equal((await refusal(readPdf(pdf, 'song.pdf'))).key, 'office.noText');
  });
  it('a page that prints nothing but its page number', async () => {
    const pdf = onePagePdf('BT /F1 12 Tf 290 40 Td (- 1 -) Tj ET', { F1: HELVETICA });
    assert.equal((await refusal(readPdf(pdf, 'blank.pdf'))).key, 'office.noText');
  });
  it('reads upright text, and leaves out text set at an angle (a watermark)', async () => {
    const pdf = onePagePdf('BT /F1 12 Tf 72 700 Td (Work plan) Tj ET BT /F1 40 Tf 0.7 0.7 -0.7 0.7 150 300 Tm (DRAFT) Tj ET', { F1: HELVETICA });
    assert.equal((await readPdf(pdf, 'draft.pdf')).text, 'Work plan');
  });
  it('reads a page turned a quarter, as it is shown', async () => {
    // Set bottom to top on the page, as a landscape page is, and shown upright by /Rotate.
    const pdf = onePagePdf('BT /F1 12 Tf 0 1 -1 0 100 72 Tm (Task list) Tj ET BT /F1 12 Tf 0 1 -1 0 120 72 Tm (second row) Tj ET', { F1: HELVETICA }, [], ' /Rotate 90');
    assert.equal((await readPdf(pdf, 'landscape.pdf')).text, 'Task list\nsecond row');
  });
  it('a file that takes longer than the time given', async () => {
    assert.deepEqual({ ...(await refusal(readPdf(fixture('national-2020.pdf'), 'national.pdf', { timeLimitMs: 1 }))) }, { key: 'office.tooSlow', args: { file: 'national.pdf', seconds: 1 } });
  });
});

describe('readPdf: damaged files', function () {
  this.timeout(180_000);
  it('reads or refuses a PDF with random damage, never throws anything else, within the time given', async () => {
    const original = fixture('guandu-district-2020.pdf');
    const random = prng(14);
    const limit = 4000;
    for (let round = 0; round < 16; round++) {
      const bytes = original.slice();
      const edits = 1 + Math.floor(random() * 40);
      for (let k = 0; k < edits; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const damaged = round % 4 === 3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      const started = Date.now();
      try {
        const plan = await readPdf(damaged, 'damaged.pdf', { timeLimitMs: limit });
        assert.equal(plan.sources.length, plan.text.split('\n').length);
      } catch (e) {
        assert.ok(e instanceof OfficeError, `round ${round}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      assert.ok(Date.now() - started < limit + 2000, `round ${round} took ${Date.now() - started} ms`);
    }
  });
});

/** A line of the body of a page of 公文: 16 pt, the text block from 80 to 522 points, a line every 29. */
function line(text: string, row: number, x = 80, end = 522, size = 16): PdfLine {
  return { text, x, end, y: 140 + 29 * row, size };
}
const page = (number: number, lines: PdfLine[]): PdfPage => ({ number, width: 595, height: 842, lines });

describe('PDF layout: paragraphs and page furniture', () => {
  it('joins a line whose last punctuation hangs past the right edge', () => {
    const { paragraphs, joined } = joinParagraphs([page(1, [
      line('一二三四五', 0, 112),
      line('六七，', 1, 80, 538),
      line('八九十。', 2, 80, 144),
      line('另起一段', 3, 112, 300),
      line('一二三', 4),
      line('四', 5, 80, 96),
    ])]);
    assert.deepEqual(paragraphs.map((p) => p.text), ['一二三四五六七，八九十。', '另起一段', '一二三四']);
    assert.equal(joined, 3);
  });
  it('starts a paragraph at a numbering marker (not at 一， a wrap left at a line’s start), at a change of size and after a paragraph’s spacing', () => {
    const { paragraphs } = joinParagraphs([page(1, [
      line('甲', 0),
      line('（二）乙', 1),
      line('丙', 2),
      line('丁', 3, 80, 522, 22),
      line('戊', 4),
      line('己', 5.8),
      line('全国统', 6.8),
      line('一，规范', 7.8),
    ])]);
    assert.deepEqual(paragraphs.map((p) => p.text), ['甲', '（二）乙丙', '丁', '戊', '己全国统一，规范']);
  });
  it('continues a paragraph on the next page, and keeps Latin words and numbers whole', () => {
    const { paragraphs } = joinParagraphs([
      page(1, [line('一', 0, 112), line('二', 1), line('three', 2), line('the Intellectual', 3)]),
      page(2, [line('Property 2', 0), line('023年', 1, 80, 200)]),
    ]);
    assert.deepEqual(paragraphs, [{ text: '一二three the Intellectual Property 2023年', page: 1 }]);
  });
  it('knows the forms of page numbers, and nothing else for one', () => {
    for (const [text, n] of [['— 2 —', 2], ['-2-', 2], ['－ ２ －', 2], ['第 2 页', 2], ['第2页 共10页', 2], ['2/10', 2], ['2', 2], ['Page 2 of 10', 2]] as const) {
      assert.equal(pageNumberOf(text), n, text);
    }
    for (const text of ['二', '2020年', '(2)', '第二页', '2.']) assert.equal(pageNumberOf(text), undefined, text);
  });
  it('drops page numbers that count with the pages and a running footer, and keeps a number in the body', () => {
    const pages = [1, 2, 3].map((n) => page(n, [
      line(`正文第${n}页`, 0),
      line(n === 2 ? '— 7 —' : `正文${n}`, 1),
      { text: '某某市人民政府办公室', x: 230, end: 370, y: 770, size: 10.5 },
      { text: `— ${n + 1} —`, x: 280, end: 320, y: 790, size: 14 },
    ]));
    const furniture = dropFurniture(pages);
    assert.equal(furniture.pageNumbers, 3);
    assert.equal(furniture.runningLines, 3);
    assert.deepEqual(furniture.runningTexts, ['某某市人民政府办公室']);
    assert.deepEqual(furniture.pages.map((p) => p.lines.map((l) => l.text)), [['正文第1页', '正文1'], ['正文第2页', '— 7 —'], ['正文第3页', '正文3']]);
  });
});
