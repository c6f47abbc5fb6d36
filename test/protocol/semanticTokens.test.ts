import * as assert from 'node:assert/strict';
import { loadSeed, nationalService } from '../unit/util';
import { existsSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SemanticTokensRequest, type SemanticTokens, type SemanticTokensOptions } from 'vscode-languageserver-protocol/node';
import { SEMANTIC_TOKEN_LEGEND } from '../../server/src/service';
import { SERVER_JS, TestClient } from './lspClient';

/**
 * Semantic tokens over the protocol: the legend in the initialize result and
 * textDocument/semanticTokens/full answering what the service computes, for
 * the text the server holds after an incremental change.
 */

const XIAMEN = loadSeed('xiamen-city-2020');
const GUANDU = loadSeed('guandu-district-2020');

/** What the service computes for a text, as the server creates it (built-in registry and national plans). */
function expectedTokens(uri: string, doc: TextDocument): number[] {
  const service = nationalService();
  return service.getSemanticTokens({ uri, version: doc.version, getText: () => doc.getText() }).data;
}

describe('language server over stdio: semantic tokens', function () {
  this.timeout(20000);
  let client: TestClient;
  const uri = 'file:///tmp/workplan-protocol/semantic/xiamen.workplan';

  before(async function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
    client = new TestClient({ configuration: true, settings: { validation: { delay: 50 }, rules: {} } });
  });

  after(async function () {
    await client?.dispose();
  });

  it('initialize declares the semantic tokens provider with the service legend, full document only', async function () {
    const init = await client.initialize();
    const provider = init.capabilities.semanticTokensProvider as SemanticTokensOptions | undefined;
    assert.ok(provider, 'semanticTokensProvider');
    assert.deepEqual(provider.legend, { tokenTypes: [...SEMANTIC_TOKEN_LEGEND.tokenTypes], tokenModifiers: [...SEMANTIC_TOKEN_LEGEND.tokenModifiers] });
    assert.deepEqual(provider.legend, { tokenTypes: ['agency', 'placeholder'], tokenModifiers: ['lead', 'unknown', 'otherLevel'] });
    assert.equal(provider.full, true);
    assert.ok(!provider.range, 'no range requests');
  });

  it('textDocument/semanticTokens/full on Xiamen returns the data the service computes', async function () {
    const since = client.mark();
    await client.open(uri, XIAMEN, 1);
    await client.waitForDiagnostics(uri, { since });
    const tokens = await client.request<SemanticTokens | null>(SemanticTokensRequest.method, { textDocument: { uri } });
    assert.ok(tokens, 'tokens');
    const expected = expectedTokens(uri, TextDocument.create(uri, 'workplan', 1, XIAMEN));
    assert.ok(expected.length > 5 * 200, `${expected.length / 5} tokens`);
    assert.deepEqual(tokens.data, expected);
    // The first token: 市通信管理局, first of the units sharing the first clause of （一）: known, not a lead.
    const index = TextDocument.create(uri, 'workplan', 1, XIAMEN);
    const first = index.positionAt(XIAMEN.indexOf('（市通信管理局、市公安局') + 1);
    assert.deepEqual(tokens.data.slice(0, 5), [first.line, first.character, '市通信管理局'.length, 0, 0]);
  });

  it('follows an incremental change: a mistyped unit becomes agency + unknown', async function () {
    let doc = TextDocument.create(uri, 'workplan', 1, XIAMEN);
    const at = XIAMEN.indexOf('（市市场监管局牵头，有关部门按职责分工负责）') + 1;
    const range = { start: doc.positionAt(at + 3), end: doc.positionAt(at + 5) };
    const changes = [{ range, text: '监督' }];
    doc = TextDocument.update(doc, changes, 2);
    const since = client.mark();
    await client.change(uri, 2, changes);
    await client.waitForDiagnostics(uri, { since, predicate: (p) => p.version === 2 });
    const tokens = await client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: { uri } });
    assert.deepEqual(tokens.data, expectedTokens(uri, doc));
    // Find the token at the changed unit by decoding the relative positions.
    let line = 0;
    let char = 0;
    let found: number[] | undefined;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
      if (line === range.start.line && char === range.start.character - 3) found = tokens.data.slice(i + 2, i + 5);
    }
    const lead = 1 << SEMANTIC_TOKEN_LEGEND.tokenModifiers.indexOf('lead');
    const unknown = 1 << SEMANTIC_TOKEN_LEGEND.tokenModifiers.indexOf('unknown');
    assert.deepEqual(found, ['市市场监督局'.length, SEMANTIC_TOKEN_LEGEND.tokenTypes.indexOf('agency'), lead | unknown]);
  });

  it('Guandu (district) over the protocol equals the service too, otherLevel and unknown included', async function () {
    const guanduUri = 'file:///tmp/workplan-protocol/semantic/guandu.workplan';
    const since = client.mark();
    await client.open(guanduUri, GUANDU, 1);
    await client.waitForDiagnostics(guanduUri, { since });
    const tokens = await client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: { uri: guanduUri } });
    assert.deepEqual(tokens.data, expectedTokens(guanduUri, TextDocument.create(guanduUri, 'workplan', 1, GUANDU)));
    const modifiers = new Set(tokens.data.filter((_, i) => i % 5 === 4));
    for (const m of ['unknown', 'otherLevel']) {
      const bit = 1 << SEMANTIC_TOKEN_LEGEND.tokenModifiers.indexOf(m);
      assert.ok([...modifiers].some((bits) => bits & bit), `some token is ${m}`);
    }
    await client.close(guanduUri);
  });

  it('a document the server does not hold has no tokens', async function () {
    const tokens = await client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: { uri: 'file:///tmp/workplan-protocol/semantic/not-open.workplan' } });
    assert.deepEqual(tokens, { data: [] });
  });

  it('shuts down and exits with status 0', async function () {
    const status = await client.shutdown();
    assert.equal(status.code, 0, client.stderr);
    assert.equal(client.stderr.includes('request failed'), false, client.stderr);
  });
});
