import * as assert from 'node:assert/strict';
import { loadSeed, nationalService } from '../unit/util';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  DefinitionRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type CodeLens,
  type Command,
  type Diagnostic,
  type Hover,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { EditingClient, SERVER_JS, codes, isCodeAction, positionOf, toContentChanges } from './lspClient';

/**
 * National plan alignment over the protocol, against the bundled server:
 * hover on an item, code lenses, go to definition, the custom requests, the
 * insertTask quick fix applied as incremental changes, and the insert-all
 * command's workspace/applyEdit round trip.
 */

const ROOT = resolve(__dirname, '../../..');
const XIAMEN = loadSeed('xiamen-city-2020');
const GUANDU = loadSeed('guandu-district-2020');
const NATIONAL_URI = pathToFileURL(resolve(ROOT, 'data/national/2020.txt')).href;
const NATIONAL_TEXT = readFileSync(resolve(ROOT, 'data/national/2020.txt'), 'utf8');
const BASE = 'file:///tmp/workplan-protocol/national';
const PLAN_TITLE = '2020 年全国打击侵犯知识产权和制售假冒伪劣商品工作要点';

const SEQUENCE = /^numbering\.(gap|duplicate|order|level|convention|punctuation)$/;

/** The library as the server creates it, with the built-in national plans. */
const library = nationalService();

function expectedDiagnostics(uri: string, doc: TextDocument): Diagnostic[] {
  return JSON.parse(JSON.stringify(library.computeDiagnostics({ uri, version: doc.version, getText: () => doc.getText() }))) as Diagnostic[];
}



/**
 * Xiamen without item （五）, the items after it renumbered （五）…（三十四） as a
 * drafter does after dropping one (the library's numbering.gap fix).
 */
function xiamenWithoutItem5(): string {
  const lines = XIAMEN.split('\n');
  const i = lines.findIndex((l) => l.startsWith('（五）'));
  assert.ok(i > 0 && lines[i + 1] === '', 'the Xiamen seed has item （五） followed by a blank line');
  lines.splice(i, 2);
  const cut = TextDocument.create('test://cut', 'workplan', 1, lines.join('\n'));
  const doc = { uri: cut.uri, version: 1, getText: () => cut.getText() };
  const gap = library.computeDiagnostics(doc).find((d) => d.code === 'numbering.gap');
  assert.ok(gap);
  const renumber = library.getCodeActions(doc, gap.range, { diagnostics: [gap] }).find((a) => a.title === '从此处起重新编排二级序号');
  assert.ok(renumber?.edit?.changes);
  return TextDocument.applyEdits(cut, renumber.edit.changes[cut.uri]);
}

describe('language server over stdio: national plan alignment', function () {
  this.timeout(20000);
  let client: EditingClient;
  const xiamenUri = `${BASE}/xiamen-city-2020.wp.txt`;

  before(async function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
    client = new EditingClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} } });
    const init = await client.initialize();
    assert.ok(init.capabilities.codeLensProvider, 'codeLensProvider');
    assert.ok(init.capabilities.definitionProvider, 'definitionProvider');
    assert.ok(init.capabilities.executeCommandProvider?.commands.includes('workplan.insertAllMissing'));
    const since = client.mark();
    await client.open(xiamenUri, XIAMEN, 1);
    const opened = await client.waitForDiagnostics(xiamenUri, { since });
    assert.ok(!codes(opened).includes('coverage.missing'), 'Xiamen covers the whole national plan');
  });

  after(async function () {
    await client?.dispose();
  });

  it('hover on a Xiamen item shows its national task 全国任务（五）…, the score and the Xiamen units', async function () {
    const hover = await client.request<Hover | null>(HoverRequest.method, { textDocument: { uri: xiamenUri }, position: positionOf(XIAMEN, '（五）加强重点市场监管', 2) });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*全国任务（五）加强重点市场监管\*\* · 匹配度 0\.\d\d\n\n加强重点市场监管。/);
    assert.ok(value.includes('公安部 → 市公安局'), value);
    const start = positionOf(XIAMEN, '（五）加强重点市场监管');
    assert.deepEqual(hover.range, { start, end: { line: start.line, character: start.character + '（五）加强重点市场监管'.length } });
  });

  it('textDocument/codeLens: the coverage lens 全国任务覆盖 35/35, then one per item', async function () {
    const lenses = await client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri: xiamenUri } });
    assert.equal(lenses.length, 36);
    assert.equal(lenses[0].command?.title, `全国任务覆盖 35/35 · ${PLAN_TITLE}`);
    assert.equal(lenses[0].command?.command, 'workplan.coverageReport');
    assert.deepEqual(lenses[0].command?.arguments, [xiamenUri]);
    assert.equal(lenses[5].command?.title, '对应全国（五）加强重点市场监管');
    assert.equal(lenses[5].range.start.line, positionOf(XIAMEN, '（五）加强重点市场监管').line);
    const location = lenses[5].command?.arguments?.[0] as Location;
    assert.equal(location.uri, NATIONAL_URI);
  });

  it('textDocument/definition: the national task in data/national/2020.txt', async function () {
    const locations = await client.request<Location[]>(DefinitionRequest.method, { textDocument: { uri: xiamenUri }, position: positionOf(XIAMEN, '（五）加强重点市场监管', 4) });
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, NATIONAL_URI);
    const national = TextDocument.create(NATIONAL_URI, 'workplan', 1, NATIONAL_TEXT);
    assert.match(national.getText(locations[0].range), /^（五）加强重点市场监管。.*按职责分工负责）$/s);
    const none = await client.request<Location[]>(DefinitionRequest.method, { textDocument: { uri: xiamenUri }, position: positionOf(XIAMEN, '对侵权假冒案件多发', 3) });
    assert.deepEqual(none, []);
  });

  it('workplan/coverageReport and workplan/context answer for the open document', async function () {
    const report = await client.request<string | null>('workplan/coverageReport', { uri: xiamenUri });
    assert.ok(report && report.startsWith(`# 全国任务对照表：${PLAN_TITLE}\n`), String(report));
    assert.ok(report.includes('| （五）加强重点市场监管 | （五）加强重点市场监管 |'));
    const context = await client.request<{ level: string; region?: string; national?: { id: string; source: string } } | null>('workplan/context', { uri: xiamenUri });
    assert.equal(context?.level, 'city');
    assert.equal(context?.region, 'xiamen');
    assert.equal(context?.national?.id, 'national-2020');
    assert.equal(await client.request('workplan/coverageReport', { uri: `${BASE}/never-opened.wp.txt` }), null);
  });

  it('a real plan of a place no preset knows (Linxia 2022): over the server, its 州 units known, one coverage.other-year, and the context names level, prefix and year', async function () {
    const uri = `${BASE}/linxia-prefecture-2022.wp.txt`;
    const text = readFileSync(resolve(ROOT, 'test/fixtures/real/linxia-prefecture-2022.txt'), 'utf8');
    const since = client.mark();
    await client.open(uri, text, 1);
    const published = await client.waitForDiagnostics(uri, { since });
    assert.deepEqual(codes(published), ['coverage.other-year']);
    assert.deepEqual(published.diagnostics, expectedDiagnostics(uri, TextDocument.create(uri, 'workplan', 1, text)));
    const context = await client.request<{ level: string; prefix?: string; year?: number; national?: { source: string } } | null>('workplan/context', { uri });
    assert.deepEqual([context?.level, context?.prefix, context?.year, context?.national?.source], ['city', '州', 2022, 'latest']);
    await client.close(uri);
  });

  it('a Xiamen copy without （五）: coverage.missing → insertTask quick fix as incremental changes → the next publish has neither coverage.missing nor a numbering problem', async function () {
    const uri = `${BASE}/xiamen-without-5.wp.txt`;
    let doc = TextDocument.create(uri, 'workplan', 1, xiamenWithoutItem5());
    let since = client.mark();
    await client.open(uri, doc.getText(), 1);
    const opened = await client.waitForDiagnostics(uri, { since, what: 'after didOpen of the copy' });
    const missing = opened.diagnostics.filter((d) => d.code === 'coverage.missing');
    assert.equal(missing.length, 1, `codes: ${codes(opened)}`);
    const d = missing[0];
    assert.equal(d.severity, 3);
    assert.equal(d.message, '全国任务（五）“加强重点市场监管”在本文档中没有对应事项：可在此处补充为（五）加强重点市场监管');
    assert.equal(doc.getText(d.range), '（五）', 'on the item now in its place, 严格寄递环节监管');
    assert.ok(!codes(opened).some((c) => SEQUENCE.test(c)), `codes: ${codes(opened)}`);
    const widthBefore = opened.diagnostics.filter((x) => x.code === 'numbering.width').length;

    const actions = await client.request<Array<CodeAction | Command>>(CodeActionRequest.method, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const insert = actions.filter(isCodeAction).find((a) => a.title === '在此处补充全国任务（五）（改写为本地表述）');
    assert.ok(insert, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    const edits = insert.edit?.changes?.[uri];
    assert.ok(edits && edits.length >= 30, `the insertion and the renumbering of （五）…（三十四）: ${edits?.length} edits`);
    const expected = TextDocument.applyEdits(doc, edits);
    const changes = toContentChanges(edits);
    doc = TextDocument.update(doc, changes, 2);
    assert.equal(doc.getText(), expected, 'bottom-up incremental changes equal the edit applied at once');

    since = client.mark();
    await client.change(uri, 2, changes);
    const next = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2, what: 'after the insertTask fix' });
    assert.ok(!codes(next).includes('coverage.missing'), `codes: ${codes(next)}`);
    assert.ok(!codes(next).some((c) => SEQUENCE.test(c)), `codes: ${codes(next)}`);
    assert.ok(next.diagnostics.filter((x) => x.code === 'numbering.width').length <= widthBefore, 'no new width problem');
    assert.deepEqual(next.diagnostics, expectedDiagnostics(uri, doc), 'the server holds exactly our text');
    const inserted = doc.getText().split('\n').find((l) => l.startsWith('（五）'));
    assert.ok(inserted?.startsWith('（五）加强重点市场监管。') && inserted.includes('市公安局') && !inserted.includes('公安部'), inserted);
    await client.close(uri);
  });

  it('workspace/executeCommand workplan.insertAllMissing: workspace/applyEdit (answered applied) whose edit leaves nothing missing', async function () {
    const uri = `${BASE}/guandu-district-2020.wp.txt`;
    let doc = TextDocument.create(uri, 'workplan', 1, GUANDU);
    let since = client.mark();
    await client.open(uri, GUANDU, 1);
    const opened = await client.waitForDiagnostics(uri, { since });
    assert.equal(codes(opened).filter((c) => c === 'coverage.missing').length, 4);

    const applied = client.nextApplyEdit();
    await client.request(ExecuteCommandRequest.method, { command: 'workplan.insertAllMissing', arguments: [uri] });
    const params = await applied;
    assert.equal(params.label, '补充全部缺失的全国任务');
    const edits = params.edit.changes?.[uri];
    assert.ok(edits && edits.length === 1, JSON.stringify(params.edit).slice(0, 200));

    const changes = toContentChanges(edits);
    doc = TextDocument.update(doc, changes, 2);
    since = client.mark();
    await client.change(uri, 2, changes);
    const next = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2, what: 'after insert-all' });
    assert.ok(!codes(next).includes('coverage.missing'), `codes: ${codes(next)}`);
    assert.ok(!codes(next).some((c) => SEQUENCE.test(c)), `codes: ${codes(next)}`);
    assert.deepEqual(next.diagnostics, expectedDiagnostics(uri, doc));
    const lenses = await client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } });
    assert.equal(lenses[0].command?.title, `全国任务覆盖 35/35 · ${PLAN_TITLE}`);

    // Once more: nothing to insert, said so, and no edit asked for.
    const before = client.applyEdits.length;
    await client.request(ExecuteCommandRequest.method, { command: 'workplan.insertAllMissing', arguments: [uri] });
    const info = await client.waitForMessage((m) => m.message === '本文档已覆盖全部全国任务，无需补充。');
    assert.equal(info.type, 3);
    assert.equal(client.applyEdits.length, before);
    await client.close(uri);
  });

  it('shuts down cleanly', async function () {
    const status = await client.shutdown();
    assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    assert.equal(client.stderr, '');
  });
});
