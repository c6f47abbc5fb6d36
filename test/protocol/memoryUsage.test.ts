import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { MemoryUsage } from '../../server/src/protocol';
import { SERVER_JS, TestClient } from './lspClient';

/**
 * `workplan/memoryUsage` (after rust-analyzer's `rust-analyzer/memoryUsage`):
 * the server's process.memoryUsage() in bytes, after a full GC when it runs
 * with --expose-gc, and `collected` saying whether it did. The benchmark
 * reads it to tell a leak from V8 growing the heap lazily.
 */

const MEMORY_USAGE = 'workplan/memoryUsage';

function assertMemoryUsage(usage: MemoryUsage, collected: boolean): void {
  for (const field of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const) {
    assert.equal(typeof usage[field], 'number', `${field}: ${JSON.stringify(usage)}`);
    assert.ok(Number.isFinite(usage[field]) && usage[field] >= 0, `${field} is a byte count: ${JSON.stringify(usage)}`);
  }
  assert.ok(usage.heapUsed > 0 && usage.heapUsed <= usage.heapTotal, `heapUsed within heapTotal: ${JSON.stringify(usage)}`);
  assert.equal(usage.collected, collected);
}

describe('language server over stdio: workplan/memoryUsage', function () {
  this.timeout(20000);
  const clients: TestClient[] = [];

  before(function () {
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`npm run build\` first`);
  });

  after(async function () {
    for (const c of clients) await c.dispose();
  });

  it('answers the memory in bytes without collecting when the server runs as shipped (no --expose-gc)', async function () {
    const client = new TestClient({ configuration: true });
    clients.push(client);
    await client.initialize();
    const usage = await client.withExitGuard(client.connection.sendRequest<MemoryUsage>(MEMORY_USAGE));
    assertMemoryUsage(usage, false);
    assert.deepEqual(await client.shutdown(), { code: 0, signal: null });
  });

  it('collects first when the server runs with --expose-gc', async function () {
    // TestClient starts node without flags; this server is started by hand with the one flag the benchmark adds.
    const child = spawn(process.execPath, ['--expose-gc', SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exit = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.listen();
    try {
      await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true } },
        initializationOptions: { locale: 'zh-cn' },
        workspaceFolders: null,
      });
      await connection.sendNotification(InitializedNotification.type, {});
      assertMemoryUsage(await connection.sendRequest<MemoryUsage>(MEMORY_USAGE), true);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exit, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill();
    }
  });
});
