import * as assert from 'node:assert/strict';
import { loadSeed, nationalService } from '../unit/util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { parseRegistryFile } from '../../server/src/service';
import { SERVER_JS, TestClient, codes, isCodeAction, positionOf, toContentChanges } from './lspClient';

/**
 * Responsibility clauses over the protocol: hover, completion, a unit quick
 * fix applied as an incremental change, and the workspace registry file
 * (written by workspace/executeCommand, reported when malformed).
 */

const XIAMEN = loadSeed('xiamen-city-2020');




function expectedDiagnostics(uri: string, doc: TextDocument): Diagnostic[] {
  const service = nationalService();
  return JSON.parse(JSON.stringify(service.computeDiagnostics({ uri, version: doc.version, getText: () => doc.getText() }))) as Diagnostic[];
}

describe('language server over stdio: clauses and the registry', function () {
  this.timeout(20000);

  before(function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
  });

  describe('hover, completion and a unit quick fix', function () {
    let client: TestClient;
    const uri = 'file:///tmp/workplan-protocol/clauses/xiamen.workplan';

    before(async function () {
      client = new TestClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} } });
      const init = await client.initialize();
      assert.ok(init.capabilities.hoverProvider, 'hoverProvider');
      assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes('、'), 'completion is triggered by 、');
      const serverCommands = init.capabilities.executeCommandProvider?.commands ?? [];
      assert.deepEqual(serverCommands, ['workplan.addToRegistry', 'workplan.insertAllMissing', 'workplan.renumber']);
      // vscode-languageclient registers the server's commands in VS Code: an id the extension also contributes
      // would make the client fail to start.
      const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
      const clash = manifest.contributes.commands.map((c) => c.command).filter((c) => serverCommands.includes(c));
      assert.deepEqual(clash, [], 'command ids both contributed by the extension and provided by the server');
      const since = client.mark();
      await client.open(uri, XIAMEN, 1);
      await client.waitForDiagnostics(uri, { since });
    });

    after(async function () {
      await client?.dispose();
    });

    it('hover on 市公安局 names the unit, its national counterpart and the items it leads', async function () {
      const hover = await client.request<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: positionOf(XIAMEN, '（市公安局负责）', 2) });
      assert.ok(hover, 'a hover');
      const value = (hover.contents as MarkupContent).value;
      assert.equal((hover.contents as MarkupContent).kind, 'markdown');
      assert.match(value, /^\*\*市公安局\*\*/);
      assert.ok(value.includes('全国对应部门：公安部'), value);
      assert.ok(value.includes('本文档中牵头或负责：'), value);
      const start = positionOf(XIAMEN, '（市公安局负责）', 1);
      assert.deepEqual(hover.range, { start, end: { line: start.line, character: start.character + 4 } });
      const none = await client.request<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: positionOf(XIAMEN, '加强网络市场监管', 2) });
      assert.equal(none, null, 'nothing on plain text');
    });

    it('completion after 、 inside a clause offers the units of Xiamen, inserted at the cursor', async function () {
      const position = positionOf(XIAMEN, '（市通信管理局、市公安局', '（市通信管理局、'.length);
      const result = await client.request<CompletionItem[] | CompletionList>(CompletionRequest.method, { textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: '、' } });
      const items = Array.isArray(result) ? result : result.items;
      const labels = items.map((i) => i.label);
      for (const name of ['市公安局', '厦门海关', '人行厦门中心支行']) assert.ok(labels.includes(name), name);
      assert.ok(!labels.includes('区商投局'));
      const police = items.find((i) => i.label === '市公安局')!;
      // Another name follows the cursor (…、|市公安局…), so the inserted name brings its own 、.
      assert.deepEqual(police.textEdit, { range: { start: position, end: position }, newText: '市公安局、' });
      const outside = await client.request<CompletionItem[] | CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: positionOf(XIAMEN, '加强网络市场监管，', '加强网络市场监管，'.length) });
      assert.deepEqual(Array.isArray(outside) ? outside : outside.items, [], 'none outside a clause');
    });

    it('agency.unknown → replaceUnit quick fix → incremental didChange → the next publish has no agency.unknown', async function () {
      const typoUri = 'file:///tmp/workplan-protocol/clauses/xiamen-typo.workplan';
      let doc = TextDocument.create(typoUri, 'workplan', 1, XIAMEN.replace('（市公安局负责）', '（市公按局负责）'));
      let since = client.mark();
      await client.open(typoUri, doc.getText(), 1);
      const opened = await client.waitForDiagnostics(typoUri, { since });
      const unknown = opened.diagnostics.filter((d) => d.code === 'agency.unknown');
      assert.equal(unknown.length, 1, `codes: ${codes(opened)}`);
      assert.equal(doc.getText(unknown[0].range), '市公按局');
      assert.equal(unknown[0].message, '未登记的单位“市公按局”，是否应为“市公安局”');

      const actions = await client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
        textDocument: { uri: typoUri },
        range: unknown[0].range,
        context: { diagnostics: [unknown[0]], only: ['quickfix'], triggerKind: 1 },
      });
      const titles = actions.map((a) => a.title);
      const replace = actions.filter(isCodeAction).find((a) => a.title === '改为“市公安局”');
      assert.ok(replace, `actions: ${titles.join(' | ')}`);
      assert.equal(replace.isPreferred, true);
      const add = actions.filter(isCodeAction).find((a) => a.command?.command === 'workplan.addToRegistry');
      assert.ok(add && !add.edit, 'the add-to-registry action carries a command, no edit');
      const edits = replace.edit?.changes?.[typoUri];
      assert.ok(edits && edits.length === 1);
      assert.deepEqual(edits[0], { range: unknown[0].range, newText: '市公安局' });

      const changes = toContentChanges(edits);
      doc = TextDocument.update(doc, changes, 2);
      assert.equal(doc.getText(), XIAMEN);
      since = client.mark();
      await client.change(typoUri, 2, changes);
      const next = await client.waitForDiagnostics(typoUri, { since, predicate: (p) => p.version === 2, what: 'after the replaceUnit fix' });
      assert.ok(!codes(next).includes('agency.unknown'), `codes: ${codes(next)}`);
      assert.deepEqual(next.diagnostics, expectedDiagnostics(typoUri, doc), 'the server holds exactly our text');
      await client.close(typoUri);
    });

    it('shuts down and exits with status 0', async function () {
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });

  describe('the workspace registry file', function () {
    const folders: string[] = [];
    const clients: TestClient[] = [];
    const workspace = () => {
      const dir = mkdtempSync(join(tmpdir(), 'workplan-ws-'));
      folders.push(dir);
      return dir;
    };
    const start = async (folder: string) => {
      const client = new TestClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} }, workspaceFolder: folder });
      clients.push(client);
      await client.initialize();
      return client;
    };

    after(async function () {
      for (const c of clients) await c.dispose();
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    });

    it('workspace/executeCommand workplan.addToRegistry writes .workplan/registry.json and republishes without the agency.unknown', async function () {
      const folder = workspace();
      const client = await start(folder);
      const uri = pathToFileURL(join(folder, 'xiamen.wp.txt')).href;
      const text = XIAMEN.replace('（市公安局负责）', '（市知识产权服务中心负责）');
      let since = client.mark();
      await client.open(uri, text, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      const unknown = opened.diagnostics.find((d) => d.code === 'agency.unknown');
      assert.ok(unknown, `codes: ${codes(opened)}`);
      const actions = await client.request<Array<CodeAction | Command>>(CodeActionRequest.method, {
        textDocument: { uri },
        range: unknown.range,
        context: { diagnostics: [unknown], only: ['quickfix'] },
      });
      const add = actions.filter(isCodeAction).find((a) => a.command?.command === 'workplan.addToRegistry');
      assert.ok(add?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.deepEqual(add.command.arguments, [{ name: '市知识产权服务中心', level: 'city', region: 'xiamen' }]);

      const file = join(folder, '.workplan', 'registry.json');
      assert.ok(!existsSync(file));
      since = client.mark();
      await client.request(ExecuteCommandRequest.method, { command: add.command.command, arguments: add.command.arguments });
      assert.ok(existsSync(file), `${file} written`);
      const written = parseRegistryFile(readFileSync(file, 'utf8'));
      assert.ok('layer' in written, readFileSync(file, 'utf8'));
      assert.deepEqual(written.layer.units, [{ name: '市知识产权服务中心', region: 'xiamen' }]);
      const republished = await client.waitForDiagnostics(uri, { since, what: 'after addToRegistry' });
      assert.ok(!codes(republished).includes('agency.unknown'), `codes: ${codes(republished)}`);
      const info = await client.waitForMessage((m) => m.message.includes('市知识产权服务中心'));
      assert.equal(info.type, 3, 'an information message');
      assert.ok(info.message.includes('.workplan'), info.message);

      // A second unit is appended to the same file.
      const since2 = client.mark();
      await client.request(ExecuteCommandRequest.method, { command: 'workplan.addToRegistry', arguments: [{ name: '市版权服务站', level: 'city', region: 'xiamen' }] });
      const again = parseRegistryFile(readFileSync(file, 'utf8'));
      assert.ok('layer' in again);
      assert.deepEqual(again.layer.units?.map((u) => u.name), ['市知识产权服务中心', '市版权服务站']);
      await client.waitForDiagnostics(uri, { since: since2, what: 'after the second addToRegistry' });
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });

    it('a malformed registry file: one window/showMessage naming the file and line; diagnostics keep coming from the built-in registry', async function () {
      const folder = workspace();
      const file = join(folder, '.workplan', 'registry.json');
      mkdirSync(join(folder, '.workplan'));
      writeFileSync(file, '{\n  "units": [\n    {"name": "市甲局"}\n    {"name": "市乙局"}\n  ]\n}\n');
      const client = await start(folder);
      const warning = await client.waitForMessage((m) => m.message.includes('registry.json'));
      // Shown with window/showMessageRequest (vscode-languageserver's showWarningMessage), which editors display as window/showMessage.
      assert.ok(['window/showMessage', 'window/showMessageRequest'].includes(warning.method), warning.method);
      assert.equal(warning.type, 2, 'a warning');
      assert.ok(warning.message.includes(file), `names the file: ${warning.message}`);
      assert.ok(warning.message.includes('第 4 行第 5 列'), `names the line and column: ${warning.message}`);

      const uri = pathToFileURL(join(folder, 'xiamen.wp.txt')).href;
      const since = client.mark();
      await client.open(uri, XIAMEN, 1);
      const opened = await client.waitForDiagnostics(uri, { since });
      assert.deepEqual(opened.diagnostics, expectedDiagnostics(uri, TextDocument.create(uri, 'workplan', 1, XIAMEN)), 'the built-in registry is used');
      assert.equal(client.messages.filter((m) => m.message.includes('registry.json')).length, 1, 'reported once');
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });
});
