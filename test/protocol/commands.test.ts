import * as assert from 'node:assert/strict';
import { loadSeed } from '../unit/util';
import { existsSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { EditingClient, SERVER_JS, codes } from './lspClient';

/**
 * The commands the extension's palette and context menu send: the 任务分解表
 * export, the list of parent plans, and renumbering the whole document.
 */

const GUANDU = loadSeed('guandu-district-2020');

describe('language server over stdio: document commands', function () {
  this.timeout(20000);
  let client: EditingClient;
  const uri = 'file:///tmp/workplan-protocol/commands/guandu.wp.txt';

  before(async function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
    client = new EditingClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} } });
    const init = await client.initialize();
    assert.ok(init.capabilities.executeCommandProvider?.commands.includes('workplan.renumber'));
    const since = client.mark();
    await client.open(uri, GUANDU, 1);
    await client.waitForDiagnostics(uri, { since });
  });

  after(async function () {
    await client?.dispose();
  });

  it('workplan/taskBreakdown: CSV with BOM and CRLF, one line per task; Markdown; null for a document that is not open', async function () {
    const csv = await client.request<string>('workplan/taskBreakdown', { uri, format: 'csv' });
    assert.ok(csv.startsWith('\uFEFF序号,所属部分,工作任务,牵头单位'), csv.slice(0, 40));
    const lines = csv.split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length, 1 + 31, 'header and Guandu’s 31 tasks');
    assert.ok(lines[1].startsWith('一、/（一）,'), lines[1]);
    const md = await client.request<string>('workplan/taskBreakdown', { uri, format: 'markdown' });
    assert.equal(md.split('\n').filter((l) => l.startsWith('| 一、') || l.startsWith('| 二、') || /^\| [三四五六七八九]、/.test(l)).length, 31);
    assert.equal(await client.request('workplan/taskBreakdown', { uri: 'file:///not/open.txt', format: 'csv' }), null);
  });

  it('workplan/nationalPlans: the built-in 2020 plan, and the setting in effect', async function () {
    const answer = await client.request<{ plans: Array<{ id: string; title: string; year?: number; builtin: boolean }>; setting?: string }>('workplan/nationalPlans', {});
    const plan = answer.plans.find((p) => p.id === 'national-2020');
    assert.ok(plan, JSON.stringify(answer));
    assert.deepEqual([plan.builtin, plan.year], [true, 2020]);
    assert.ok(plan.title.includes('全国打击侵犯知识产权'), plan.title);
    assert.equal(answer.setting, undefined);
  });

  it('workplan.renumber: one workspace/applyEdit that fixes every level; then nothing left to renumber', async function () {
    // Two items of section 一 swapped in number, and a level-1 marker skipped.
    const broken = GUANDU.replace('（二）开展农村', '（三）开展农村').replace('\n三、', '\n四、');
    assert.notEqual(broken, GUANDU);
    let since = client.mark();
    await client.change(uri, 2, [{ text: broken }]);
    const before = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2 });
    assert.ok(codes(before).some((c) => c.startsWith('numbering.')), `codes: ${codes(before)}`);

    const applied = client.nextApplyEdit();
    await client.request(ExecuteCommandRequest.method, { command: 'workplan.renumber', arguments: [uri] });
    const edit = await applied;
    const edits = edit.edit.changes?.[uri];
    assert.ok(edits && edits.length > 0);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'workplan', 2, broken), edits);
    assert.equal(fixed, GUANDU, 'the markers are back, and nothing else changed');

    since = client.mark();
    await client.change(uri, 3, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 3 });
    assert.ok(!codes(after).some((c) => c.startsWith('numbering.')), `codes: ${codes(after)}`);
    const message = client.waitForMessage((m) => m.message.includes('无需重新编排'));
    await client.request(ExecuteCommandRequest.method, { command: 'workplan.renumber', arguments: [uri] });
    assert.equal((await message).type, 3);
  });
});
