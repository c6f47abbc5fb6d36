import * as assert from 'node:assert/strict';
import { loadSeed, nationalService } from '../unit/util';
import { existsSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SERVER_JS, TestClient, codes, isCodeAction, toContentChanges } from './lspClient';

/**
 * End-to-end protocol tests: the bundled server (dist/server.js) is started
 * as a child process and driven over stdio exactly as an editor would.
 * Waits are on the server's own notifications (with timeouts), never sleeps.
 */

const XIAMEN = loadSeed('xiamen-city-2020');
const BASE = 'file:///tmp/workplan-protocol';

const has = (code: string) => (p: PublishDiagnosticsParams) => codes(p).includes(code);

/** Xiamen without item （五）: its line and the blank line after it are gone. */
function xiamenWithoutItem5(): string {
  const lines = XIAMEN.split('\n');
  const i = lines.findIndex((l) => l.startsWith('（五）'));
  assert.ok(i > 0 && lines[i + 1] === '', 'the Xiamen seed has item （五） followed by a blank line');
  lines.splice(i, 2);
  return lines.join('\n');
}



/** The library run on the same text: what the server must publish if its copy of the document equals ours. */
function expectedDiagnostics(uri: string, doc: TextDocument, rules: Record<string, unknown> = {}): Diagnostic[] {
  const service = nationalService();
  const diagnostics = service.computeDiagnostics({ uri, version: doc.version, getText: () => doc.getText() }, { severities: rules });
  // As it would arrive over JSON-RPC (undefined properties dropped).
  return JSON.parse(JSON.stringify(diagnostics)) as Diagnostic[];
}

describe('language server over stdio', function () {
  this.timeout(20000);

  before(function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
  });

  describe('client with workspace/configuration and dynamic registration', function () {
    let client: TestClient;
    let init: InitializeResult;
    const xiamenUri = `${BASE}/xiamen-city-2020.workplan`;
    let xiamenOpen: PublishDiagnosticsParams;

    before(async function () {
      client = new TestClient({ configuration: true, dynamicConfigurationRegistration: true, settings: { validation: { delay: 50 }, rules: {} } });
      init = await client.initialize();
    });

    after(async function () {
      await client?.dispose();
    });

    it('answers initialize with incremental sync and its providers', function () {
      const caps = init.capabilities;
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
      assert.ok(caps.documentSymbolProvider);
      assert.ok(caps.foldingRangeProvider);
      const kinds = (caps.codeActionProvider as { codeActionKinds?: string[] }).codeActionKinds ?? [];
      assert.ok(kinds.includes('quickfix'), `codeActionKinds: ${kinds}`);
      assert.ok(kinds.includes('source.fixAll.workplan'), `codeActionKinds: ${kinds}`);
      assert.equal(init.serverInfo?.name, 'workplan-language-server');
    });

    it('registers for workspace/didChangeConfiguration once initialized', async function () {
      // A round trip: the server handles `initialized` (and sends its registration) before answering this.
      await client.request(FoldingRangeRequest.method, { textDocument: { uri: `${BASE}/barrier.workplan` } });
      const methods = client.registrations.flatMap((r) => r.registrations.map((x) => x.method));
      assert.deepEqual(methods, ['workspace/didChangeConfiguration']);
    });

    it('publishes diagnostics for the opened Xiamen seed, each carrying data.version', async function () {
      const since = client.mark();
      await client.open(xiamenUri, XIAMEN, 1);
      xiamenOpen = await client.waitForDiagnostics(xiamenUri, { since, what: 'after didOpen' });
      assert.equal(xiamenOpen.version, 1);
      const found = new Set(codes(xiamenOpen));
      assert.ok(found.has('numbering.width'), `codes: ${[...found]}`);
      assert.ok(found.has('text.broken-line'), `codes: ${[...found]}`);
      assert.ok(!found.has('numbering.gap'), 'the real Xiamen plan has no numbering gap');
      for (const d of xiamenOpen.diagnostics) {
        assert.equal(d.source, 'workplan');
        assert.equal(d.severity, 2, `${d.code} is a warning in the seed`);
        assert.equal((d.data as { version?: unknown })?.version, 1, `${d.code} at ${JSON.stringify(d.range.start)} lacks data.version`);
      }
      // The settings were pulled for this document.
      const items = client.configurationRequests.flatMap((r) => r.items);
      assert.ok(items.some((i) => i.section === 'workplan' && i.scopeUri === xiamenUri), JSON.stringify(items));
      // Exactly what the library computes for the same text.
      assert.deepEqual(xiamenOpen.diagnostics, expectedDiagnostics(xiamenUri, TextDocument.create(xiamenUri, 'workplan', 1, XIAMEN)));
    });

    it('documentSymbol: the notice, the title, 7 sections holding items （一）…（三十五）', async function () {
      const symbols = await client.request<Array<DocumentSymbol | SymbolInformation>>(DocumentSymbolRequest.method, { textDocument: { uri: xiamenUri } });
      const docSymbols = symbols as DocumentSymbol[];
      assert.ok(docSymbols.every((s) => 'selectionRange' in s), 'hierarchical DocumentSymbols');
      const sections = docSymbols.filter((s) => /^[一二三四五六七]、/.test(s.name));
      assert.equal(sections.length, 7, docSymbols.map((s) => s.name).join(' | '));
      const items = sections.flatMap((s) => s.children ?? []);
      assert.equal(items.length, 35);
      const numerals = items.map((i) => /^[（(]([一二三四五六七八九十]+)[）)]/.exec(i.name)?.[1]);
      assert.equal(numerals[0], '一');
      assert.equal(numerals[4], '五');
      assert.equal(numerals[34], '三十五');
      for (const s of docSymbols) {
        const r = s.range;
        const sr = s.selectionRange;
        const inside = (sr.start.line > r.start.line || (sr.start.line === r.start.line && sr.start.character >= r.start.character))
          && (sr.end.line < r.end.line || (sr.end.line === r.end.line && sr.end.character <= r.end.character));
        assert.ok(inside, `selectionRange of ${s.name} lies inside its range`);
      }
    });

    it('foldingRange: non-empty, every range within the document', async function () {
      const ranges = await client.request<FoldingRange[]>(FoldingRangeRequest.method, { textDocument: { uri: xiamenUri } });
      assert.ok(ranges.length > 0);
      const lineCount = XIAMEN.split('\n').length;
      for (const r of ranges) assert.ok(r.startLine < r.endLine && r.endLine < lineCount, JSON.stringify(r));
      // Seven sections and 35 items, at least the sections span lines.
      assert.ok(ranges.length >= 7, `${ranges.length} folding ranges`);
    });

    it('numbering.gap → renumber quick fix → incremental didChange → the next publish has no gap', async function () {
      const uri = `${BASE}/xiamen-gap.workplan`;
      let doc = TextDocument.create(uri, 'workplan', 1, xiamenWithoutItem5());
      let since = client.mark();
      await client.open(uri, doc.getText(), 1);
      const opened = await client.waitForDiagnostics(uri, { since, what: 'after didOpen of the mutated seed' });
      const gaps = opened.diagnostics.filter((d) => d.code === 'numbering.gap');
      assert.equal(gaps.length, 1, `codes: ${codes(opened)}`);
      const gap = gaps[0];
      assert.equal(gap.severity, 1);
      assert.equal(doc.getText(gap.range), '（六）');
      assert.match(String(gap.message), /（五）/);
      // The server aligns with the built-in national plan: the deleted item is also a national task with no counterpart.
      const coverage = opened.diagnostics.filter((d) => d.code === 'coverage.missing');
      assert.deepEqual(coverage.map((d) => [doc.getText(d.range), d.severity]), [['（六）', 3]], `codes: ${codes(opened)}`);
      assert.match(String(coverage[0].message), /^全国任务（五）“加强重点市场监管”/);

      const actions = await client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
        textDocument: { uri },
        range: gap.range,
        context: { diagnostics: [gap], triggerKind: 1 },
      });
      const quickFixes = actions.filter(isCodeAction).filter((a) => a.kind === 'quickfix');
      const renumber = quickFixes.find((a) => a.title === '从此处起重新编排二级序号');
      assert.ok(renumber, `actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(renumber.isPreferred, true, 'renumbering is the preferred fix for a gap');
      assert.deepEqual(renumber.diagnostics?.map((d) => d.code), ['numbering.gap']);
      const edits = renumber.edit?.changes?.[uri];
      assert.ok(edits && edits.length >= 30, `renumbering （六）…（三十五） takes one edit per item, got ${edits?.length}`);
      assert.equal(doc.getText(edits[0].range), '（六）');
      assert.equal(edits[0].newText, '（五）');

      const expectedText = TextDocument.applyEdits(doc, edits);
      const changes = toContentChanges(edits);
      doc = TextDocument.update(doc, changes, 2);
      assert.equal(doc.getText(), expectedText, 'applying the edits bottom-up as content changes equals applying them at once');

      since = client.mark();
      await client.change(uri, 2, changes);
      const next = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version !== 1, what: 'after applying the renumber fix' });
      assert.equal(next.version, 2);
      assert.ok(!has('numbering.gap')(next), `codes: ${codes(next)}`);
      assert.ok(next.diagnostics.every((d) => d.severity !== 1), `no errors left: ${codes(next)}`);
      assert.equal(codes(next).filter((c) => c === 'coverage.missing').length, 1, 'renumbering does not bring the national task back');
      assert.deepEqual(next.diagnostics, expectedDiagnostics(uri, doc), 'the server applied the incremental change exactly as we did');
      await client.close(uri);
    });

    it('debounces a burst of 20 incremental changes (UTF-16 positions, astral characters) into ≤ 3 publishes', async function () {
      const uri = `${BASE}/xiamen-burst.workplan`;
      let doc = TextDocument.create(uri, 'workplan', 1, XIAMEN);
      let since = client.mark();
      await client.open(uri, XIAMEN, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      const itemLine = doc.getText().split('\n').findIndex((l) => l.startsWith('(一) 加强互联网'));
      const brokenBefore = opened.diagnostics.find((d) => d.code === 'text.broken-line' && d.range.start.line === itemLine);
      assert.ok(brokenBefore, 'Xiamen item (一) ends in a broken line');
      const otherLine = doc.getText().split('\n').findIndex((l) => l.startsWith('（十）严格版权保护'));

      since = client.mark();
      let inserted = 0;
      for (let i = 0; i < 20; i++) {
        let change: TextDocumentContentChangeEvent;
        if (i % 2 === 0) {
          // Inside the title of item (一), after "(一) 加强": '𠮷' is two UTF-16 code units, '网' one.
          const text = i % 4 === 0 ? '𠮷' : '网';
          inserted += text.length;
          const at = { line: itemLine, character: 6 };
          change = { range: { start: at, end: at }, text };
        } else {
          // Replace two Chinese characters inside item （十）'s body with others of a different length.
          const start = { line: otherLine, character: 20 + i };
          change = { range: { start, end: { line: otherLine, character: 22 + i } }, text: i % 3 === 0 ? '𠮷𠮷' : '版权' };
        }
        doc = TextDocument.update(doc, [change], i + 2);
        void client.change(uri, i + 2, [change]);
      }
      const finalVersion = 21;
      const last = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === finalVersion, what: `for version ${finalVersion}` });
      const publishes = client.published.slice(since).filter((p) => p.uri === uri);
      assert.ok(publishes.length <= 3, `${publishes.length} publishes for a burst of 20 changes: ${publishes.map((p) => `v${p.version}`)}`);
      assert.equal(publishes[publishes.length - 1], last, 'the final version is published last');
      assert.ok(last.diagnostics.every((d) => (d.data as { version?: number }).version === finalVersion));

      const brokenAfter = last.diagnostics.find((d) => d.code === 'text.broken-line' && d.range.start.line === itemLine);
      assert.ok(brokenAfter);
      assert.equal(inserted, 15);
      assert.equal(brokenAfter.range.start.character, brokenBefore.range.start.character + inserted, 'positions count UTF-16 code units');
      // Every insert went to the same UTF-16 position, so the last one comes first.
      assert.ok(doc.getText().split('\n')[itemLine].startsWith('(一) 加强网𠮷网𠮷网𠮷网𠮷网𠮷互联网'), 'inserts land where the UTF-16 position says');
      assert.deepEqual(last.diagnostics, expectedDiagnostics(uri, doc), 'the server holds exactly our text after 20 incremental changes');

      const symbols = (await client.request<DocumentSymbol[]>(DocumentSymbolRequest.method, { textDocument: { uri } })) ?? [];
      const item1 = symbols.flatMap((s) => s.children ?? []).find((s) => s.name.startsWith('(一)'));
      assert.match(item1?.name ?? '', /^\(一\)\s*加强网𠮷网𠮷网𠮷网𠮷网𠮷互联网/);
      await client.close(uri);
    });

    it('codeAction with only ["source.fixAll"] returns just source.fixAll.workplan', async function () {
      const lines = XIAMEN.split('\n');
      const actions = await client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
        textDocument: { uri: xiamenUri },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } },
        context: { diagnostics: xiamenOpen.diagnostics, only: ['source.fixAll'], triggerKind: 2 },
      });
      assert.equal(actions.length, 1, `actions: ${actions.map((a) => `${(a as CodeAction).kind} ${a.title}`).join(' | ')}`);
      const fixAll = actions[0] as CodeAction;
      assert.equal(fixAll.kind, 'source.fixAll.workplan');
      const edits = fixAll.edit?.changes?.[xiamenUri] ?? [];
      assert.ok(edits.length > 0);
      // Fixing everything leaves no numbering.width and no broken line.
      const fixed = TextDocument.create(xiamenUri, 'workplan', 99, TextDocument.applyEdits(TextDocument.create(xiamenUri, 'workplan', 1, XIAMEN), edits));
      const left = expectedDiagnostics(`${xiamenUri}#fixed`, fixed).map((d) => d.code);
      assert.ok(!left.includes('numbering.width') && !left.includes('text.broken-line'), `left after fixAll: ${left}`);
    });

    it('workspace/didChangeConfiguration turning numbering.width off republishes without it', async function () {
      const requestsBefore = client.configurationRequests.length;
      client.settings = { validation: { delay: 50 }, rules: { 'numbering.width': 'off' } };
      const since = client.mark();
      await client.changeConfiguration(null);
      const republished = await client.waitForDiagnostics(xiamenUri, { since, what: 'after didChangeConfiguration' });
      assert.ok(!has('numbering.width')(republished), `codes: ${codes(republished)}`);
      assert.ok(has('text.broken-line')(republished), 'other rules stay on');
      assert.equal(republished.version, 1);
      const pulled = client.configurationRequests.slice(requestsBefore).flatMap((r) => r.items);
      assert.ok(pulled.some((i) => i.section === 'workplan' && i.scopeUri === xiamenUri), 'settings were pulled again');
      // Settings stay in force for later edits.
      const since2 = client.mark();
      const at = { line: 0, character: 0 };
      await client.change(xiamenUri, 2, [{ range: { start: at, end: at }, text: '' }]);
      const after = await client.waitForDiagnostics(xiamenUri, { since: since2, predicate: (p) => p.version === 2 });
      assert.ok(!has('numbering.width')(after), `codes: ${codes(after)}`);
    });

    it('didClose publishes empty diagnostics', async function () {
      const since = client.mark();
      await client.close(xiamenUri);
      const cleared = await client.waitForDiagnostics(xiamenUri, { since, what: 'after didClose' });
      assert.deepEqual(cleared.diagnostics, []);
    });

    it('requests for a never-opened (or closed) document answer empty, not with an error', async function () {
      for (const uri of [`${BASE}/never-opened.workplan`, xiamenUri]) {
        const textDocument = { uri };
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        assert.deepEqual(await client.request(DocumentSymbolRequest.method, { textDocument }), []);
        assert.deepEqual(await client.request(FoldingRangeRequest.method, { textDocument }), []);
        assert.deepEqual(await client.request(CodeActionRequest.method, { textDocument, range, context: { diagnostics: [] } }), []);
      }
    });

    it('shuts down and exits with status 0', async function () {
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
      assert.equal(client.stderr, '', 'nothing on stderr');
    });
  });

  describe('client without workspace/configuration (settings pushed)', function () {
    let client: TestClient;
    const uri = `${BASE}/push/xiamen-city-2020.workplan`;

    before(async function () {
      client = new TestClient({ configuration: false });
      await client.initialize();
    });

    after(async function () {
      await client?.dispose();
    });

    it('validates with default settings and never asks for configuration', async function () {
      const since = client.mark();
      await client.open(uri, XIAMEN, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      assert.ok(has('numbering.width')(opened) && has('text.broken-line')(opened), `codes: ${codes(opened)}`);
      // Default delay (300 ms) for edits: still one publish for the new version.
      const since2 = client.mark();
      const at = { line: 23, character: 5 };
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: '进一步' }]);
      const changed = await client.waitForDiagnostics(uri, { since: since2, predicate: (p) => p.version === 2 });
      assert.ok(has('text.broken-line')(changed));
      assert.equal(client.configurationRequests.length, 0);
      assert.equal(client.registrations.length, 0);
    });

    it('applies settings pushed with didChangeConfiguration', async function () {
      const since = client.mark();
      await client.changeConfiguration({ workplan: { validation: { delay: 50 }, rules: { 'text.broken-line': 'off', 'numbering.width': 'hint' } } });
      const republished = await client.waitForDiagnostics(uri, { since, what: 'after pushed settings' });
      assert.ok(!has('text.broken-line')(republished), `codes: ${codes(republished)}`);
      const width = republished.diagnostics.filter((d) => d.code === 'numbering.width');
      assert.ok(width.length > 0 && width.every((d) => d.severity === 4), 'numbering.width reported as hint');
    });

    it('shuts down and exits with status 0', async function () {
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });

  describe('client asking for English (initializationOptions.locale = en)', function () {
    let client: TestClient;

    before(async function () {
      client = new TestClient({ configuration: false, locale: 'en' });
      await client.initialize();
    });

    after(async function () {
      await client?.dispose();
    });

    it('publishes English messages and offers English fix titles', async function () {
      const uri = `${BASE}/en/xiamen-gap.workplan`;
      const since = client.mark();
      await client.open(uri, xiamenWithoutItem5(), 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      const gap = opened.diagnostics.find((d) => d.code === 'numbering.gap');
      assert.ok(gap, `codes: ${codes(opened)}`);
      assert.match(String(gap.message), /^Numbering gap: （五） is missing; expected （五） here$/);
      for (const d of opened.diagnostics) assert.match(String(d.message), /^[A-Z][a-z]/, String(d.message));
      const actions = await client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: gap.range, context: { diagnostics: [gap] } });
      assert.ok(actions.some((a) => a.title === 'Renumber level-2 markers from here on'), actions.map((a) => a.title).join(' | '));
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });

  describe('client with workspace/configuration but no dynamic registration', function () {
    let client: TestClient;

    before(async function () {
      client = new TestClient({ configuration: true, dynamicConfigurationRegistration: false });
      await client.initialize();
    });

    after(async function () {
      await client?.dispose();
    });

    it('stays up when the client refuses a registration it never offered', async function () {
      const uri = `${BASE}/no-dynreg/xiamen.workplan`;
      // Round trip after `initialized`: any registration request has been sent and refused by now.
      await client.request(FoldingRangeRequest.method, { textDocument: { uri } });
      const since = client.mark();
      await client.open(uri, XIAMEN, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      assert.ok(opened.diagnostics.length > 0);
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });

    it('does not send client/registerCapability unless the client declares dynamicRegistration', function () {
      assert.deepEqual(client.registrations, [], 'LSP 3.17: register dynamically only when workspace.didChangeConfiguration.dynamicRegistration is true');
    });
  });
});
