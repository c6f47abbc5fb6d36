import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readDocx } from '../../server/src/office/docxRead';
import { loadSeed } from '../unit/util';
import { EditingClient, SERVER_JS } from './lspClient';

/**
 * The requests behind the editor's Word and PDF commands, sent to the real
 * server over stdio: a .docx or .pdf read as plan text (what the client
 * opens as a work plan), a file that cannot be read answered with its
 * reason, and an open plan exported as a 公文 .docx, an Excel workbook and a
 * Word table.
 */

const OFFICE = resolve(__dirname, '../../../test/fixtures/office');
const fileUri = (name: string) => pathToFileURL(join(OFFICE, name)).href;

type Read = { text: string; format: string; notes: string[] } | { error: string };

describe('language server over stdio: Word and PDF documents', function () {
  this.timeout(30000);
  let client: EditingClient;
  let tmp: string;

  before(async function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
    tmp = mkdtempSync(join(tmpdir(), 'workplan-protocol-office-'));
    client = new EditingClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} } });
    await client.initialize();
  });

  after(async function () {
    await client?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('workplan/readOfficeDocument on a .docx: the plan text with Word’s automatic numbers as markers; opened, it is checked as the seed is', async function () {
    const read = await client.request<Read>('workplan/readOfficeDocument', { uri: fileUri('xiamen-city-2020.docx') });
    assert.ok('text' in read, JSON.stringify(read));
    assert.equal(read.format, 'docx');
    assert.equal(read.text, loadSeed('xiamen-city-2020'));
    const uri = 'untitled:/tmp/xiamen-city-2020.wp.txt';
    const since = client.mark();
    await client.open(uri, read.text, 1);
    const published = await client.waitForDiagnostics(uri, { since });
    const seedUri = 'file:///tmp/workplan-protocol/office/xiamen.wp.txt';
    const seedSince = client.mark();
    await client.open(seedUri, loadSeed('xiamen-city-2020'), 1);
    const seed = await client.waitForDiagnostics(seedUri, { since: seedSince });
    assert.ok(published.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range, d.message]), seed.diagnostics.map((d) => [d.code, d.range, d.message]));
  });

  it('on a .pdf: the text with its page numbers dropped and wraps joined, and what reading changed in words', async function () {
    const read = await client.request<Read>('workplan/readOfficeDocument', { uri: fileUri('guandu-district-2020.pdf') });
    assert.ok('text' in read, JSON.stringify(read));
    assert.equal(read.format, 'pdf');
    assert.ok(read.text.includes('（一）加强网上侵权假冒治理。'), read.text.slice(0, 200));
    assert.ok(read.notes.some((n) => /个页码不是正文/.test(n)) && read.notes.some((n) => /自动换行已接回/.test(n)), read.notes.join(' | '));
  });

  it('a file that cannot be read: its reason, in the user’s language; the server keeps serving', async function () {
    const big = join(tmp, 'big.pdf');
    writeFileSync(big, Buffer.alloc(0));
    for (const [name, uri, reason] of [
      ['encrypted', fileUri('encrypted.pdf'), /已加密/],
      ['image-only', fileUri('image-only.pdf'), /没有文字层/],
      ['empty', pathToFileURL(big).href, /文件是空的/],
      ['missing', pathToFileURL(join(tmp, 'no-such.docx')).href, /no such file/],
      ['not a file', 'https://example.org/plan.docx', /只能打开本机上的文件/],
    ] as const) {
      const read = await client.request<Read>('workplan/readOfficeDocument', { uri });
      assert.ok('error' in read && reason.test(read.error), `${name}: ${JSON.stringify(read)}`);
    }
    const again = await client.request<Read>('workplan/readOfficeDocument', { uri: fileUri('nantong-city-2017.docx') });
    assert.ok('text' in again);
  });

  it('workplan/exportDocument: the open plan as a 公文 .docx that reads back to its text; the table as .xlsx and .docx; null for a document not open', async function () {
    const uri = 'file:///tmp/workplan-protocol/office/guandu.wp.txt';
    const text = loadSeed('guandu-district-2020');
    const since = client.mark();
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, { since });
    const docx = await client.request<{ data: string }>('workplan/exportDocument', { uri, format: 'docx' });
    const back = await readDocx(Buffer.from(docx.data, 'base64'), 'guandu.docx');
    assert.equal(back.text, text);
    for (const format of ['xlsx', 'table-docx']) {
      const file = await client.request<{ data: string }>('workplan/exportDocument', { uri, format });
      assert.equal(Buffer.from(file.data, 'base64').subarray(0, 2).toString('latin1'), 'PK', format);
    }
    assert.equal(await client.request('workplan/exportDocument', { uri: 'file:///not/open.txt', format: 'docx' }), null);
  });
});
