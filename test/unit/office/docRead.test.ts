import * as assert from 'node:assert/strict';
import { OfficeError } from '../../../server/src/office/document';
import { readDoc } from '../../../server/src/office/docRead';
import { parsePlan } from '../../../server/src/service';
import { loadSeed, SEED_NAMES } from '../util';
import { bodyParagraphs, diagnosticsOf, fixture, officeError } from './fixtures';
import { convertWithLibreOffice } from './libreOffice';
import { docx, p, para, r, t } from './wordml';

describe('readDoc: the seed plans as .doc (LibreOffice’s save of the .docx fixtures)', () => {
  for (const name of SEED_NAMES) {
    describe(name, () => {
      const seed = loadSeed(name);
      /** The seed without the markers the .docx numbers automatically: a .doc keeps them as list properties, which word-extractor does not read. */
      let expected: string;
      let numbered: number;
      before(async () => {
        const body = await bodyParagraphs(fixture(`${name}.docx`));
        const markers = new Map(parsePlan(seed).headings.map((h) => [h.line, h.marker.end - h.marker.start]));
        numbered = body.filter((b) => b.numbered).length;
        expected = seed
          .split('\n')
          .map((line, i) => (body[i].numbered ? line.slice(markers.get(i)) : line))
          .join('\n');
      });

      it('gives the text without the automatic markers, and a note that says so', async () => {
        const plan = await readDoc(fixture(`${name}.doc`), `${name}.doc`);
        assert.equal(plan.format, 'doc');
        assert.equal(plan.text, expected);
        assert.deepEqual(plan.notes, [{ key: 'office.docNumbering', args: { file: `${name}.doc` } }]);
        assert.deepEqual(plan.sources.map((s) => s.paragraph), plan.text.split('\n').map((_, i) => i + 1));
        // The difference is real: the checker sees fewer headings, and reports on what it sees.
        assert.equal(parsePlan(plan.text).headings.length, parsePlan(seed).headings.length - numbered);
        assert.deepEqual(diagnosticsOf(plan.text), diagnosticsOf(expected));
      });
    });
  }
});

describe('readDoc: what a .doc gives of the body', () => {
  it('reads a .doc without lists, with what the format loses named', async function () {
    this.timeout(60_000);
    const cell = (text: string) => `<w:tc>${para(text)}</w:tc>`;
    const source = await docx({
      body: [
        para('一、加强组织领导'),
        p(r(t('第一行') + '<w:br/>' + t('第二行'))),
        `<w:tbl><w:tr>${cell('序号')}${cell('任务')}</w:tr><w:tr>${cell('1')}${cell('落实')}</w:tr></w:tbl>`,
        p(r(t('可见')) + r(t('隐藏'), '<w:vanish/>')),
        p(r(t('保留')) + `<w:del w:id="1" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>`),
        p(r(t('“引号”——2021') + '<w:noBreakHyphen/>' + t('2025'))),
      ].join(''),
    });
    const doc = convertWithLibreOffice([{ name: 'plain.docx', bytes: source }], 'doc', 'doc').get('plain.docx')!;
    const plan = await readDoc(doc, 'plain.doc');
    assert.deepEqual(plan.notes, []);
    assert.deepEqual(plan.text.split('\n'), [
      '一、加强组织领导',
      // A soft break ends a line as a paragraph mark does: from here on, paragraph numbers count it.
      '第一行',
      '第二行',
      // A table row is one line, each cell followed by a tab.
      '序号\t任务\t',
      '1\t落实\t',
      // Hidden text is read.
      '可见隐藏',
      '保留',
      // Quotes and dashes as written, not word-extractor's ASCII.
      '“引号”——2021-2025',
    ]);
  });
});

describe('readDoc: files it cannot read', () => {
  const error = async (bytes: Uint8Array) => officeError(readDoc(bytes, 'x.doc'));

  it('an empty file, and text', async () => {
    assert.equal((await error(new Uint8Array(0))).key, 'office.empty');
    assert.deepEqual((await error(new TextEncoder().encode('一、加强'))).args, { file: 'x.doc', detail: 'not a Word 97–2003 document' });
  });

  it('reads a .docx named .doc as a .docx', async () => {
    const plan = await readDoc(fixture('nantong-city-2017.docx'), 'x.doc');
    assert.equal(plan.format, 'docx');
    assert.equal(plan.text, loadSeed('nantong-city-2017'));
  });

  it('encrypted: a .doc with an open password, and an encrypted .docx named .doc', async () => {
    assert.equal((await error(fixture('encrypted.doc'))).key, 'office.encrypted');
    assert.equal((await error(fixture('encrypted.docx'))).key, 'office.encrypted');
  });

  it('damaged: truncated, no Word stream, a sector chain that loops', async () => {
    const good = fixture('national-2020.doc');
    const corrupt = async (bytes: Uint8Array) => {
      const e = await error(bytes);
      assert.equal(e.key, 'office.corrupt');
      return String(e.args.detail);
    };
    assert.match(await corrupt(good.subarray(0, good.length >> 1)), /truncated|broken|bad/);
    const renamed = good.slice();
    const name = Buffer.from('WordDocument', 'utf16le');
    const at = Buffer.from(renamed).indexOf(name);
    renamed[at + name.length - 2] = 0x58;
    assert.equal(await corrupt(renamed), 'no Word document stream');
    // Every entry of the first sector allocation sector points to its neighbour and back: every chain loops.
    const looped = good.slice();
    const view = new DataView(looped.buffer);
    const fatSector = (view.getInt32(76, true) + 1) * 512;
    for (let i = 0; i < 128; i++) view.setInt32(fatSector + i * 4, i ^ 1, true);
    assert.equal(await corrupt(looped), 'broken sector chain');
  });

  it('throws nothing but OfficeError on random damage to a real .doc', async function () {
    this.timeout(60_000);
    const good = fixture('xiamen-city-2020.doc');
    let seed = 20170725;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let read = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = good.slice();
      for (let k = 0; k < 1 + (i % 8); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        await readDoc(bytes, 'x.doc');
        read++;
      } catch (e) {
        assert.ok(e instanceof OfficeError, `mutant ${i}: ${e instanceof Error ? e.stack : e}`);
      }
    }
    assert.ok(read > 0 && read < 300, `${read} of 300 read`);
  });
});

describe('readDoc: speed', () => {
  it('reads the longest seed in well under a second', async () => {
    const bytes = fixture('jiyuan-zone-2023.doc');
    await readDoc(bytes, 'x.doc');
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) await readDoc(bytes, 'x.doc');
    const ms = Number(process.hrtime.bigint() - start) / 5e6;
    assert.ok(ms < 500, `${ms.toFixed(1)} ms`);
  });
});
