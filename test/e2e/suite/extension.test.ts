// Runs inside a desktop VS Code (see ../runTest.ts) with the real API: the
// extension under development, its language server, and the workspace a
// temporary copy of samples/. Messages and titles may be Chinese or English
// (vscode.env.language); the assertions accept both.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const DEADLINE_MS = 30000;
const EXTENSION_ID = 'workplan-tools.workplan';

function sampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened the samples folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(sampleUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function codes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map(codeOf);
}

/**
 * Asks `probe` until it returns a value other than undefined: again on every
 * diagnostics change, and at least every 250 ms (the language features answer
 * once the client has started). Fails with `what` and the last state after
 * the deadline.
 */
async function until<T>(what: string, probe: () => T | undefined | Thenable<T | undefined>, state?: () => string): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} after ${DEADLINE_MS} ms${state ? `; ${state()}` : ''}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 250);
      const sub = vscode.languages.onDidChangeDiagnostics(done);
      function done(): void {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function isCommand(a: vscode.CodeAction | vscode.Command): a is vscode.Command {
  return typeof (a as vscode.Command).command === 'string';
}

describe('工作要点 extension in desktop VS Code', function () {
  describe('faulty-draft.wp.txt: diagnostics, hover, the renumber quick fix', function () {
    let doc: vscode.TextDocument;

    before(async function () {
      doc = await open('faulty-draft.wp.txt');
    });

    it('is a workplan document, and the extension under development is active', async function () {
      assert.equal(doc.languageId, 'workplan');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is loaded`);
      await until('activation of the extension', () => (ext.isActive ? true : undefined));
    });

    it('publishes numbering.gap and agency.unknown', async function () {
      await until(
        'numbering.gap and agency.unknown',
        () => {
          const found = codes(doc.uri);
          return found.includes('numbering.gap') && found.includes('agency.unknown') ? true : undefined;
        },
        () => `codes: ${codes(doc.uri).join(', ') || '(none)'}`,
      );
      const gap = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'numbering.gap');
      assert.equal(doc.getText(gap?.range), '（四）');
      const unknown = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'agency.unknown');
      assert.equal(doc.getText(unknown?.range), '市公按局');
    });

    it('hover on 市公安局 in a clause names its national counterpart 公安部', async function () {
      const clause = '市委宣传部、市公安局';
      const at = doc.getText().indexOf(clause);
      assert.ok(at >= 0, `${clause} is in the draft`);
      const position = doc.positionAt(at + '市委宣传部、'.length + 1);
      let last = '';
      const text = await until(
        'hover with 公安部',
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
          last = hoverText(hovers ?? []);
          return last.includes('公安部') ? last : undefined;
        },
        () => `last hover: ${last || '(none)'}`,
      );
      assert.ok(text.includes('市公安局'), text);
    });

    it('the renumber quick fix on numbering.gap, applied with applyEdit, removes the gap', async function () {
      const gap = await until(
        'numbering.gap',
        () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'numbering.gap'),
        () => `codes: ${codes(doc.uri).join(', ') || '(none)'}`,
      );
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        gap.range,
      );
      const titles = (actions ?? []).map((a) => a.title);
      const fix = (actions ?? []).find(
        (a): a is vscode.CodeAction => !isCommand(a) && /从此处起重新编排|from here on/.test(a.title),
      );
      assert.ok(fix?.edit, `a renumber fix with an edit among: ${titles.join(' | ')}`);
      const line = gap.range.start.line;
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
      assert.ok(doc.lineAt(line).text.startsWith('（三）'), doc.lineAt(line).text);

      // The server checks the new version: the gap is gone, the other problems are still reported.
      await until(
        'diagnostics without numbering.gap',
        () => {
          const found = codes(doc.uri);
          return !found.includes('numbering.gap') && found.includes('agency.unknown') ? true : undefined;
        },
        () => `codes: ${codes(doc.uri).join(', ') || '(none)'}`,
      );
      // Leave the copy as it was: no unsaved editor when VS Code closes.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });

  describe('xiamen-city-2020.wp.txt: code lenses and the outline', function () {
    let doc: vscode.TextDocument;

    before(async function () {
      doc = await open('xiamen-city-2020.wp.txt');
      assert.equal(doc.languageId, 'workplan');
    });

    it('code lenses name the national task of each item', async function () {
      const titles = await until('code lenses naming national tasks', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        const t = (lenses ?? []).map((l) => l.command?.title ?? '');
        return t.some((title) => /^(对应全国|National )/.test(title)) ? t : undefined;
      });
      const items = titles.filter((t) => /^(对应全国|National )/.test(t));
      assert.ok(items.length >= 30, `${items.length} item lenses: ${titles.join(' | ')}`);
      assert.ok(
        items.some((t) => /^(对应全国|National )（一）加强互联网侵权假冒治理/.test(t)),
        titles.join(' | '),
      );
    });

    it('document symbols: the seven sections, with their items', async function () {
      const sections = await until('document symbols', async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        const found = (symbols ?? []).filter((s) => /^[一二三四五六七八九十]+、/.test(s.name));
        return found.length > 0 ? found : undefined;
      });
      assert.deepEqual(
        sections.map((s) => s.name),
        [
          '一、深化重点领域治理和产品监管',
          '二、强化知识产权保护',
          '三、严惩侵权假冒违法犯罪',
          '四、推进法规制度建设',
          '五、构建社会共治格局',
          '六、深化对外交流合作',
          '七、推进业务能力建设',
        ],
      );
      assert.ok(sections.every((s) => s.children.length > 0), sections.map((s) => `${s.name}: ${s.children.length}`).join(', '));
    });
  });
});
