import * as assert from 'node:assert/strict';
import { loadSeed, nationalService } from '../unit/util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
  SemanticTokensRequest,
  type CodeAction,
  type CodeLens,
  type Command,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type SemanticTokens,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { MAX_DOCUMENT_CHARS } from '../../server/src/service';
import { generatePlan, prng } from '../../scripts/synthetic';
import { EditingClient, SERVER_JS, TestClient, codes, isCodeAction, positionOf, type ClientOptions } from './lspClient';

/**
 * The built server (dist/server.js) over stdio when the user, the workspace
 * or the client gets things wrong: broken registry files, a parent plan that
 * is not a plan, settings of the wrong shape, requests for documents that
 * are not open, stale or regressing versions, a 10 MB paste and a plan
 * beyond the size the service reads. Every case ends with the server alive
 * and answering: a probe document is opened, its diagnostics equal the
 * library's (built-in registry and national plans) and a hover answers.
 */

const REPO = resolve(__dirname, '../../..');
const XIAMEN = loadSeed('xiamen-city-2020');
const FAULTY = readFileSync(resolve(REPO, 'samples/faulty-draft.wp.txt'), 'utf8');
const BASE = 'file:///tmp/workplan-protocol/robustness';
/** A unit no built-in registry knows; the fixed registry file registers it. */
const LOCAL_UNIT = '市知识产权服务中心';
const XIAMEN_LOCAL = XIAMEN.replace('（市公安局负责）', `（${LOCAL_UNIT}负责）`);
const DEFAULT_SETTINGS = { validation: { delay: 50 }, rules: {} };

type Shown = ShowMessageParams & { method: string };

/** The library as the server creates it by default: built-in registry and national plans. */
const library = nationalService();

/** What the server must publish for `text` with the built-in data and default settings, as it arrives over JSON-RPC. */
function expectedDiagnostics(uri: string, text: string, version = 1): Diagnostic[] {
  const diagnostics = library.computeDiagnostics({ uri, version, getText: () => text });
  library.forget(uri);
  return JSON.parse(JSON.stringify(diagnostics)) as Diagnostic[];
}

let probes = 0;

/**
 * The server is alive and answering with the built-in registry and national
 * plan: a probe (the Xiamen plan) is opened, its diagnostics equal the
 * library's, a hover on 市公安局 answers, the context names the built-in
 * national plan; the probe is closed again.
 */
async function assertAlive(client: TestClient, what: string): Promise<void> {
  assert.ok(!client.exited, `the server is running (${what}); stderr:\n${client.stderr}`);
  const uri = `${BASE}/probe-${++probes}.wp.txt`;
  const since = client.mark();
  await client.open(uri, XIAMEN, 1);
  const published = await client.waitForDiagnostics(uri, { since, what: `on the probe after ${what}`, timeoutMs: 20000 });
  assert.deepEqual(published.diagnostics, expectedDiagnostics(uri, XIAMEN), `the probe after ${what} is checked with the built-in data`);
  const hover = await client.request<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: positionOf(XIAMEN, '（市公安局负责）', 2) });
  assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /^\*\*市公安局\*\*/, `a hover after ${what}`);
  const context = await client.request<{ national?: { id: string } } | null>('workplan/context', { uri });
  assert.equal(context?.national?.id, 'national-2020', `the built-in national plan after ${what}`);
  await client.close(uri);
}

/** Stderr lines that show a handler failed or the process is in trouble (the server logs to the client, so stderr stays quiet). */
function assertQuietStderr(client: TestClient): void {
  assert.ok(!/Error|exception|FATAL/i.test(client.stderr), `stderr:\n${client.stderr}`);
}

describe('language server over stdio: robustness', function () {
  this.timeout(60000);
  const folders: string[] = [];
  const clients: TestClient[] = [];

  before(function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`node scripts/build.mjs\` first`);
  });

  after(async function () {
    for (const c of clients) await c.dispose();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  const workspace = () => {
    const dir = mkdtempSync(join(tmpdir(), 'workplan-robust-'));
    folders.push(dir);
    mkdirSync(join(dir, '.workplan'));
    return dir;
  };
  const start = async (options: Partial<ClientOptions> = {}, Client: typeof TestClient = TestClient) => {
    const client = new Client({ configuration: true, settings: DEFAULT_SETTINGS, ...options });
    clients.push(client);
    await client.initialize();
    return client;
  };
  const shutdown = async (client: TestClient) => {
    const status = await client.shutdown();
    assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    assertQuietStderr(client);
  };

  describe('1. a malformed workspace registry file', function () {
    it('bad JSON, JSON of the wrong shape, 5 MB of garbage: one warning each, the built-in registry keeps working; the fixed file applies', async function () {
      const folder = workspace();
      const file = join(folder, '.workplan', 'registry.json');
      const fileUri = pathToFileURL(file).href;
      const aboutFile = (m: Shown) => m.message.includes(file);
      writeFileSync(file, '{\n  "units": [\n    {"name": "市甲局"}\n    {"name": "市乙局"}\n  ]\n}\n');
      const client = await start({ workspaceFolder: folder });

      const first = await client.waitForMessage(aboutFile);
      assert.equal(first.type, 2, 'a warning');
      assert.ok(first.message.includes('第 4 行第 5 列'), first.message);
      const uri = pathToFileURL(join(folder, 'xiamen.wp.txt')).href;
      let since = client.mark();
      await client.open(uri, XIAMEN_LOCAL, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      assert.deepEqual(opened.diagnostics, expectedDiagnostics(uri, XIAMEN_LOCAL), 'the built-in registry only');
      assert.ok(codes(opened).includes('agency.unknown'));

      /** Rewrites the file, tells the server, and returns the warning it shows (exactly one more about the file). */
      const rewrite = async (content: string | Buffer, expect: RegExp) => {
        const before = client.messages.filter(aboutFile).length;
        writeFileSync(file, content);
        const mark = client.mark();
        const started = performance.now();
        await client.changeWatchedFiles([{ uri: fileUri, type: 2 }]);
        const republished = await client.waitForDiagnostics(uri, { since: mark, what: 'after the registry file changed', timeoutMs: 30000 });
        const ms = performance.now() - started;
        const warning = await client.waitForMessage((m) => aboutFile(m) && client.messages.filter(aboutFile).indexOf(m) >= before);
        assert.equal(warning.type, 2, 'a warning');
        assert.match(warning.message, expect);
        assert.ok(warning.message.length < 600, `a short message, not the file's content: ${warning.message.length} characters`);
        assert.deepEqual(republished.diagnostics, expectedDiagnostics(uri, XIAMEN_LOCAL), 'still the built-in registry');
        return { warning, ms };
      };

      const array = await rewrite('[{ "name": "市甲局" }]\n', /the registry file must be an object|必须|must be an object/);
      const units = await rewrite('{ "units": { "name": "市甲局" } }\n', /units must be an array/);
      const random = prng(7);
      const garbage = Buffer.alloc(5 * 1024 * 1024);
      for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(random() * 256);
      const big = await rewrite(garbage, /第 \d+ 行第 \d+ 列/);
      console.log(`      registry: wrong shape ${array.ms.toFixed(0)} ms, ${units.ms.toFixed(0)} ms; 5 MB of garbage read and reported in ${big.ms.toFixed(0)} ms: ${big.warning.message}`);
      assert.equal(client.messages.filter(aboutFile).length, 4, 'one warning per broken content');

      // Fixed: the unit is registered, no further warning.
      writeFileSync(file, `{ "units": [{ "name": "${LOCAL_UNIT}", "region": "xiamen" }] }\n`);
      since = client.mark();
      await client.changeWatchedFiles([{ uri: fileUri, type: 2 }]);
      const fixed = await client.waitForDiagnostics(uri, { since, what: 'after the registry file was fixed', predicate: (p) => !codes(p).includes('agency.unknown') });
      assert.ok(!codes(fixed).includes('agency.unknown'), `codes: ${codes(fixed)}`);
      assert.equal(client.messages.filter(aboutFile).length, 4, 'no warning for the fixed file');
      await client.close(uri);
      await assertAlive(client, 'the registry file was fixed');
      await shutdown(client);
    });
  });

  describe('2. workplan.nationalPlan naming a file that is not a plan', function () {
    it('a PNG, an empty file, a JSON file, a directory, a missing path: a clear warning each, the built-in plan keeps working', async function () {
      const folder = workspace();
      writeFileSync(join(folder, 'plan.png'), readFileSync(resolve(REPO, 'images/icon.png')));
      writeFileSync(join(folder, 'empty.txt'), '');
      writeFileSync(join(folder, 'plan.json'), readFileSync(resolve(REPO, 'package.json')));
      mkdirSync(join(folder, 'plans'));
      const client = await start({ workspaceFolder: folder });
      await assertAlive(client, 'start');
      // A document kept open: every reconfiguration checks it again, which tells when one is done.
      const held = pathToFileURL(join(folder, 'held.wp.txt')).href;
      let since = client.mark();
      await client.open(held, XIAMEN, 1);
      await client.waitForDiagnostics(held, { since });
      const cases: Array<[string, RegExp]> = [
        ['plan.png', /不是工作要点/],
        [join(folder, 'empty.txt'), /不是工作要点/],
        ['plan.json', /不是工作要点/],
        ['plans', /is a directory/],
        ['missing/plan.txt', /no such file/],
      ];
      for (const [setting, expect] of cases) {
        const before = client.messages.length;
        client.settings = { ...DEFAULT_SETTINGS, nationalPlan: setting };
        await client.changeConfiguration({ workplan: client.settings });
        const warning = await client.waitForMessage((m) => client.messages.indexOf(m) >= before && m.message.includes('workplan.nationalPlan'), 10000);
        assert.equal(warning.type, 2, `a warning for ${setting}`);
        assert.ok(warning.message.includes(setting.startsWith('/') ? setting : join(folder, setting)), `names the file: ${warning.message}`);
        assert.match(warning.message, expect);
        assert.match(warning.message, /内置全国工作要点/, 'says the built-in plan is used');
        await assertAlive(client, `nationalPlan = ${setting}`);
        const plans = await client.request<{ plans: Array<{ id: string }> }>('workplan/nationalPlans', {});
        assert.deepEqual(plans.plans.map((p) => p.id), ['national-2020'], `only the built-in plan is offered after ${setting}`);
        // Another reconfiguration (a watched file changed) does not repeat the warning.
        since = client.mark();
        await client.changeWatchedFiles([{ uri: pathToFileURL(join(folder, '.workplan', 'config.json')).href, type: 3 }]);
        await client.waitForDiagnostics(held, { since, what: 'after a watched file changed' });
        assert.equal(client.messages.length, before + 1, `exactly one message for ${setting}: ${JSON.stringify(client.messages.slice(before))}`);
      }
      // A real plan as the parent plan is used, with no warning.
      writeFileSync(join(folder, 'parent.txt'), loadSeed('national-2020'));
      const before = client.messages.length;
      client.settings = { ...DEFAULT_SETTINGS, nationalPlan: 'parent.txt' };
      since = client.mark();
      await client.changeConfiguration({ workplan: client.settings });
      await client.waitForDiagnostics(held, { since, what: 'with a real parent plan' });
      const context = await client.request<{ national?: { id: string; source: string } } | null>('workplan/context', { uri: held });
      assert.deepEqual(context?.national && { id: context.national.id, source: context.national.source }, { id: 'parent', source: 'setting' });
      assert.equal(client.messages.length, before, JSON.stringify(client.messages.slice(before)));
      await client.close(held);
      await shutdown(client);
    });
  });

  describe('3. settings of the wrong shape', function () {
    const BAD: unknown[] = [
      null,
      'workplan',
      [1, 2, 3],
      { rules: 'off' },
      { rules: { 'numbering.gap': 42 } },
      { validation: { delay: -5 } },
      { validation: { delay: 'fast' } },
      { level: 7 },
      { region: {} },
      { validation: null, rules: null, registry: 5, nationalPlan: {}, level: 'planet', region: '' },
    ];

    for (const mode of ['answered to workspace/configuration', 'pushed with didChangeConfiguration'] as const) {
      it(`${mode}: no crash, defaults used, diagnostics still published (also after an edit)`, async function () {
        const pull = mode === 'answered to workspace/configuration';
        const client = await start({ configuration: pull, settings: DEFAULT_SETTINGS });
        const uri = `${BASE}/settings-${pull ? 'pull' : 'push'}.wp.txt`;
        let doc = TextDocument.create(uri, 'workplan', 1, XIAMEN);
        let since = client.mark();
        await client.open(uri, doc.getText(), 1);
        await client.waitForDiagnostics(uri, { since });
        for (const bad of BAD) {
          const label = JSON.stringify(bad);
          client.settings = bad;
          since = client.mark();
          await client.changeConfiguration({ workplan: bad });
          const republished = await client.waitForDiagnostics(uri, { since, what: `after workplan = ${label}` });
          assert.deepEqual(republished.diagnostics, expectedDiagnostics(uri, doc.getText(), doc.version), `defaults with workplan = ${label}`);
          // An edit is still checked (with the default delay when the setting's is unusable).
          const change = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }];
          doc = TextDocument.update(doc, change, doc.version + 1);
          since = client.mark();
          await client.change(uri, doc.version, change);
          const edited = await client.waitForDiagnostics(uri, { since, what: `an edit with workplan = ${label}`, predicate: (p) => p.version === doc.version });
          assert.deepEqual(edited.diagnostics, expectedDiagnostics(uri, doc.getText(), doc.version), `the edit with workplan = ${label}`);
        }
        // Whole notifications of the wrong shape.
        for (const settings of [null, 'x', 42, [], { workplan: undefined }]) {
          since = client.mark();
          await client.changeConfiguration(settings);
          await client.waitForDiagnostics(uri, { since, what: `after didChangeConfiguration ${JSON.stringify(settings)}` });
        }
        assert.deepEqual(client.messages, [], 'nothing the user did wrong here needs a message');
        await client.close(uri);
        client.settings = DEFAULT_SETTINGS;
        await assertAlive(client, `wrong settings, ${mode}`);
        await shutdown(client);
      });
    }
  });

  describe('4. requests for documents that are closed or were never opened', function () {
    it('hover, completion, code actions, lenses, definition, symbols, folding, semantic tokens, the custom requests and commands answer empty', async function () {
      const client = (await start({}, EditingClient)) as EditingClient;
      const closed = `${BASE}/closed.wp.txt`;
      let since = client.mark();
      await client.open(closed, FAULTY, 1);
      const opened = await client.waitForDiagnostics(closed, { since });
      since = client.mark();
      await client.close(closed);
      await client.waitForDiagnostics(closed, { since, what: 'cleared on close', predicate: (p) => p.diagnostics.length === 0 });

      const position = { line: 20, character: 3 };
      const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
      for (const uri of [closed, `${BASE}/never-opened.wp.txt`, 'untitled:Untitled-1', 'not a uri at all']) {
        const textDocument = { uri };
        const answers: Array<[string, unknown, unknown]> = [
          [HoverRequest.method, { textDocument, position }, null],
          [CompletionRequest.method, { textDocument, position, context: { triggerKind: 2, triggerCharacter: '、' } }, []],
          [CodeActionRequest.method, { textDocument, range, context: { diagnostics: opened.diagnostics } }, []],
          [CodeLensRequest.method, { textDocument }, []],
          [DefinitionRequest.method, { textDocument, position }, []],
          [DocumentSymbolRequest.method, { textDocument }, []],
          [FoldingRangeRequest.method, { textDocument }, []],
          [SemanticTokensRequest.method, { textDocument }, { data: [] }],
          ['workplan/coverageReport', { uri }, null],
          ['workplan/context', { uri }, null],
          ['workplan/taskBreakdown', { uri, format: 'csv' }, null],
          ['workplan/taskBreakdown', { uri, format: 'markdown' }, null],
          [ExecuteCommandRequest.method, { command: 'workplan.insertAllMissing', arguments: [uri] }, null],
          [ExecuteCommandRequest.method, { command: 'workplan.renumber', arguments: [uri] }, null],
        ];
        for (const [method, params, expected] of answers) {
          // An error response would reject here (and show as an error in the editor).
          const answer = await client.request<unknown>(method, params);
          assert.deepEqual(answer, expected, `${method} for ${uri}`);
        }
      }
      // Arguments of the wrong shape, as a confused client or a stale keybinding might send them.
      const odd: Array<[string, unknown, unknown]> = [
        ['workplan/coverageReport', {}, null],
        ['workplan/context', { uri: 42 }, null],
        ['workplan/taskBreakdown', { uri: closed, format: 'xlsx' }, null],
        [ExecuteCommandRequest.method, { command: 'workplan.renumber' }, null],
        [ExecuteCommandRequest.method, { command: 'workplan.insertAllMissing', arguments: [42] }, null],
        [ExecuteCommandRequest.method, { command: 'workplan.renumber', arguments: [{ uri: closed }] }, null],
        [ExecuteCommandRequest.method, { command: 'workplan.addToRegistry', arguments: ['市甲局'] }, null],
      ];
      for (const [method, params, expected] of odd) {
        assert.deepEqual(await client.request<unknown>(method, params), expected, `${method} ${JSON.stringify(params)}`);
      }
      assert.deepEqual(client.applyEdits, [], 'no edit is sent for a document that is not open');
      assert.deepEqual(client.messages, [], 'and no message');
      await assertAlive(client, 'requests for documents that are not open');
      await shutdown(client);
    });
  });

  describe('5. stale and regressing versions', function () {
    it('code actions for diagnostics of an older version offer no quick fix; fix-all is computed for the current text', async function () {
      const client = await start();
      const uri = `${BASE}/stale.wp.txt`;
      let doc = TextDocument.create(uri, 'workplan', 1, FAULTY);
      let since = client.mark();
      await client.open(uri, doc.getText(), 1);
      const v1 = await client.waitForDiagnostics(uri, { since });
      const withFixes = v1.diagnostics.filter((d) => (d.data as { fixes?: unknown[] } | undefined)?.fixes?.length);
      assert.ok(withFixes.length >= 5, `the faulty draft has diagnostics with fixes: ${codes(v1)}`);

      // A line inserted at the top: every range of version 1 is now one line off.
      const change = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }];
      doc = TextDocument.update(doc, change, 2);
      since = client.mark();
      await client.change(uri, 2, change);
      const v2 = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2 });

      const request = (diagnostics: Diagnostic[], only?: string[]) =>
        client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } },
          context: { diagnostics, only },
        });
      // The control: this version's own diagnostics do get their quick fixes.
      const current = await request(v2.diagnostics, ['quickfix']);
      assert.ok(current.length >= 5, `quick fixes for version 2: ${current.map((a) => a.title).join(' | ')}`);

      for (const d of v1.diagnostics) {
        assert.deepEqual(await request([d], ['quickfix']), [], `no quick fix for ${d.code} of version 1`);
      }
      const all = await request(v1.diagnostics);
      for (const a of all) {
        assert.ok(isCodeAction(a) && a.kind === 'source.fixAll.workplan', `only fix-all, computed for the current text: ${a.title}`);
      }
      const fixAll = all.filter(isCodeAction)[0]?.edit?.changes?.[uri] ?? [];
      const expected = library.getFixAllEdits({ uri: `${uri}#expected`, version: 2, getText: () => doc.getText() });
      assert.deepEqual(fixAll, JSON.parse(JSON.stringify(expected)), 'the fix-all edits are those of version 2');
      await client.close(uri);
      await assertAlive(client, 'stale code actions');
      await shutdown(client);
    });

    it('a didChange with a lower or equal version is applied without a crash, and no fix of the earlier text with that number is offered', async function () {
      const client = await start();
      const uri = `${BASE}/regress.wp.txt`;
      let doc = TextDocument.create(uri, 'workplan', 5, FAULTY);
      let since = client.mark();
      await client.open(uri, doc.getText(), 5);
      const v5 = await client.waitForDiagnostics(uri, { since });
      const top = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }];
      const quickFixes = (diagnostics: Diagnostic[]) =>
        client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } },
          context: { diagnostics, only: ['quickfix'] },
        });
      const edit = async (version: number) => {
        doc = TextDocument.update(doc, top, version);
        since = client.mark();
        await client.change(uri, version, top);
        const published = await client.waitForDiagnostics(uri, { since, what: `after version ${version}`, predicate: (p) => p.version === version });
        assert.deepEqual(published.diagnostics, expectedDiagnostics(uri, doc.getText(), version), `the server holds the client's text at version ${version}`);
        return published;
      };

      // Version 6, then a client that goes back to 5: the server follows the client's text.
      await edit(6);
      await edit(5);
      // The diagnostics of the first version 5, two lines ago, carry data.version 5 again: their fixes would land two lines off.
      const stale = await quickFixes(v5.diagnostics);
      assert.deepEqual(stale.map((a) => a.title), [], 'no quick fix computed for another text with the same version number');
      await edit(3);
      // Once the version passes every number used before, quick fixes are offered again.
      const v7 = await edit(7);
      const fresh = await quickFixes(v7.diagnostics);
      assert.ok(fresh.length >= 5, `quick fixes for version 7: ${fresh.map((a) => a.title).join(' | ')}`);
      await client.close(uri);
      await assertAlive(client, 'regressing versions');
      await shutdown(client);
    });

    it('a didChange for a closed or never-opened document, without a version, or out of range: no crash', async function () {
      const client = await start();
      const uri = `${BASE}/changes.wp.txt`;
      let doc = TextDocument.create(uri, 'workplan', 1, XIAMEN);
      let since = client.mark();
      await client.open(uri, doc.getText(), 1);
      await client.waitForDiagnostics(uri, { since });
      const insert = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '（一）' }];
      await client.change(`${BASE}/never-opened.wp.txt`, 2, insert);
      const closed = `${BASE}/changes-closed.wp.txt`;
      await client.open(closed, XIAMEN, 1);
      await client.close(closed);
      await client.change(closed, 2, insert);
      await client.notify('textDocument/didChange', { textDocument: { uri, version: null }, contentChanges: insert });
      await client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: insert });
      await client.notify('textDocument/didChange', { textDocument: { uri: 42, version: 3 }, contentChanges: insert });
      await client.notify('textDocument/didChange', {});
      await client.notify('textDocument/didOpen', {});
      await client.notify('textDocument/didClose', { textDocument: {} });
      // A range past the end of the document is clamped to it, as the text document library does.
      const far = [{ range: { start: { line: 9999, character: 50 }, end: { line: 10000, character: 0 } }, text: '\n（九十九）补充事项。' }];
      doc = TextDocument.update(doc, far, 2);
      since = client.mark();
      await client.change(uri, 2, far);
      const published = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2 });
      assert.deepEqual(published.diagnostics, expectedDiagnostics(uri, doc.getText(), 2));
      assert.ok(!client.published.some((p) => p.uri === closed && p.diagnostics.length > 0 && client.published.indexOf(p) > since), 'nothing published for the closed document');
      await client.close(uri);
      await assertAlive(client, 'changes for documents that are not open');
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });

  describe('6. a 10 MB paste, and a plan beyond the size the service reads', function () {
    this.timeout(300000);
    let client: TestClient;
    /** Two synthetic 5 MB Xiamen plans pasted one after the other (generatePlan stops below 999 items). */
    let paste: string;
    const timings: string[] = [];
    const time = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await run();
      timings.push(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
      return result;
    };

    before(async function () {
      const half = 5 * 1024 * 1024;
      paste = generatePlan({ targetBytes: half, seed: 1 }).text + generatePlan({ targetBytes: half, seed: 2 }).text;
      client = await start();
    });

    after(function () {
      console.log(`      timings (this machine):\n${timings.map((t) => `        ${t}`).join('\n')}`);
    });

    it('10 MB: diagnostics within a bounded time; a small document opened next is answered', async function () {
      const bytes = Buffer.byteLength(paste, 'utf8');
      assert.ok(bytes >= 10 * 1024 * 1024 && paste.length < MAX_DOCUMENT_CHARS, `${bytes} bytes, ${paste.length} characters: checked in full`);
      timings.push(`the paste: ${(bytes / 1048576).toFixed(1)} MB, ${paste.length} characters, ${paste.split('\n').length} lines`);
      const uri = `${BASE}/paste-10mb.wp.txt`;
      const small = `${BASE}/after-paste.wp.txt`;
      let since = client.mark();
      const started = performance.now();
      await client.open(uri, paste, 1);
      // The small document is opened right behind the paste, before its diagnostics arrive.
      await client.open(small, XIAMEN, 1);
      const big = await client.waitForDiagnostics(uri, { since, timeoutMs: 120000 });
      timings.push(`10 MB didOpen → publishDiagnostics (${big.diagnostics.length} diagnostics): ${(performance.now() - started).toFixed(0)} ms`);
      const smallPublished = await client.waitForDiagnostics(small, { since, timeoutMs: 120000 });
      timings.push(`small document opened right after it → publishDiagnostics: ${(performance.now() - started).toFixed(0)} ms after the paste's didOpen`);
      assert.deepEqual(smallPublished.diagnostics, expectedDiagnostics(small, XIAMEN));
      assert.ok(codes(big).includes('numbering.duplicate') || codes(big).includes('numbering.order'), 'the paste restarts the numbering');

      const hover = await time('hover on the small document', () =>
        client.request<Hover | null>(HoverRequest.method, { textDocument: { uri: small }, position: positionOf(XIAMEN, '（市公安局负责）', 2) }),
      );
      assert.ok(hover);
      const symbols = await time('documentSymbol on the 10 MB document', () => client.request<unknown[]>(DocumentSymbolRequest.method, { textDocument: { uri } }));
      assert.ok(symbols.length > 0);
      await time('semanticTokens/full on the 10 MB document', () => client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: { uri } }));
      await time('codeLens on the 10 MB document', () => client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } }));

      // A keystroke in the middle of the paste: debounced (50 ms here), then checked again.
      const line = Math.floor(paste.split('\n').length / 2);
      since = client.mark();
      const typed = performance.now();
      await client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '加强' }]);
      await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2, timeoutMs: 120000 });
      timings.push(`a keystroke in the 10 MB document → publishDiagnostics: ${(performance.now() - typed).toFixed(0)} ms`);
      await client.close(uri);
      await client.close(small);
      await assertAlive(client, 'the 10 MB paste');
    });

    it(`beyond ${MAX_DOCUMENT_CHARS} characters: one document.too-large diagnostic, every feature empty; cut back, it is checked again`, async function () {
      // The 10 MB paste three times over: about 30 MB.
      const huge = paste.repeat(3);
      assert.ok(huge.length > MAX_DOCUMENT_CHARS);
      const uri = `${BASE}/paste-too-large.wp.txt`;
      let since = client.mark();
      const started = performance.now();
      await client.open(uri, huge, 1);
      const published = await client.waitForDiagnostics(uri, { since, timeoutMs: 120000 });
      timings.push(`${(Buffer.byteLength(huge, 'utf8') / 1048576).toFixed(1)} MB (${huge.length} characters) didOpen → the one document.too-large diagnostic: ${(performance.now() - started).toFixed(0)} ms`);
      assert.equal(published.diagnostics.length, 1, `codes: ${codes(published)}`);
      const [d] = published.diagnostics;
      assert.equal(d.code, 'document.too-large');
      assert.equal(d.severity, 2);
      assert.equal(d.source, 'workplan');
      assert.equal(d.range.start.line, 0);
      const size = huge.length.toLocaleString('en-US');
      const limit = MAX_DOCUMENT_CHARS.toLocaleString('en-US');
      const text = String(d.message);
      assert.ok(text.includes(size) && text.includes(limit) && text.includes('文档过大'), text);

      const textDocument = { uri };
      const position = positionOf(huge, '（市公安局负责）', 2);
      const empty: Array<[string, unknown, unknown]> = [
        [HoverRequest.method, { textDocument, position }, null],
        [CompletionRequest.method, { textDocument, position: positionOf(huge, '（市公安局负责）', 1) }, []],
        [CodeActionRequest.method, { textDocument, range: d.range, context: { diagnostics: [d] } }, []],
        [CodeLensRequest.method, { textDocument }, []],
        [DefinitionRequest.method, { textDocument, position: positionOf(huge, '（二）', 1) }, []],
        [DocumentSymbolRequest.method, { textDocument }, []],
        [FoldingRangeRequest.method, { textDocument }, []],
        [SemanticTokensRequest.method, { textDocument }, { data: [] }],
        ['workplan/coverageReport', { uri }, null],
      ];
      for (const [method, params, expected] of empty) {
        assert.deepEqual(await time(`${method} on the too-large document`, () => client.request<unknown>(method, params)), expected, method);
      }
      const context = await client.request<{ national?: unknown } | null>('workplan/context', { uri });
      assert.ok(context && context.national === undefined, 'a context, without a parent plan');

      // Cut back below the limit (the second paste deleted), the plan is checked in full again.
      const doc = TextDocument.create(uri, 'workplan', 1, huge);
      const cut = [{ range: { start: doc.positionAt(paste.length / 2), end: doc.positionAt(huge.length) }, text: '' }];
      const after = TextDocument.update(doc, cut, 2);
      since = client.mark();
      await client.change(uri, 2, cut);
      const rechecked = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2, timeoutMs: 120000 });
      assert.ok(!codes(rechecked).includes('document.too-large') && rechecked.diagnostics.length > 1, `codes: ${[...new Set(codes(rechecked))]}`);
      assert.deepEqual(rechecked.diagnostics, expectedDiagnostics(uri, after.getText(), 2));
      await client.close(uri);
      await assertAlive(client, 'the too-large document');
      await shutdown(client);
    });
  });
});
