/**
 * The language server as an editor meets it: the built dist/server.js over
 * stdio, with a drafter typing a new item and its clause into the middle of
 * the Guandu plan one character at a time. Reports the time from each
 * didChange to the publishDiagnostics for that version (the debounce set to
 * 0 so that the server's own work is measured; the default debounce is
 * reported beside it), hover, completion and code-action round trips, the
 * same on a 1 MB plan; the server's memory over 10,000 edits, its live heap
 * after a full GC (workplan/memoryUsage, the server started with
 * --expose-gc) and its RSS; and — side by side — textlint with
 * textlint-rule-prh and a prh dictionary generated from our registry, each
 * tool timed in a fresh process of its own (benchSeedWorker.ts) and as a
 * CLI, on the same files.
 *
 * `npm run bench` runs it after the in-process benchmark. It reports; it
 * does not assert: the exit status is 0 whether or not a budget is met.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../server/src/builtinData';
import type { MemoryUsage } from '../server/src/protocol';
import { createLanguageService } from '../server/src/service';
import { Registry } from '../server/src/service/registry/registry';
import { LineIndex } from '../server/src/service/text/lineIndex';
import type { NationalAgency, RegistryLayer } from '../server/src/service/registry/format';
import type { WorkerResult } from './benchSeedWorker';
import { stats, type Stats } from './benchStats';
import { generatePlan } from './synthetic';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist', 'server.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKER = join(__dirname, 'benchSeedWorker.js');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const DEFAULT_DEBOUNCE_MS = 300;

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const MB = 1024 * 1024;

/** A minimal LSP client: spawns the server, answers workspace/configuration, resolves publishes by uri and version. */
class Client {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<void>;
  readonly connection: ProtocolConnection;
  private readonly waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();

  constructor(settings: unknown, nodeFlags: string[] = []) {
    this.child = spawn(process.execPath, [...nodeFlags, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((res) => this.child.once('exit', () => res()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const key = `${p.uri}@${p.version}`;
      this.waiting.get(key)?.(p);
      this.waiting.delete(key);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('workplan/contextChanged', () => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { locale: 'zh-cn' },
      workspaceFolders: null,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Sends `send` and resolves with the publish for `uri` at `version`. */
  published(uri: string, version: number, send: () => Promise<void>): Promise<PublishDiagnosticsParams> {
    const done = new Promise<PublishDiagnosticsParams>((res) => this.waiting.set(`${uri}@${version}`, res));
    void send();
    return done;
  }

  open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    return this.published(uri, 1, () => this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'workplan', version: 1, text } }));
  }

  change(uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string) {
    return this.published(uri, version, () => this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] }));
  }

  memoryUsage(): Promise<MemoryUsage> {
    return this.connection.sendRequest('workplan/memoryUsage');
  }

  /** Resolves once the server process has exited, so that it takes no CPU from what is timed next. */
  async close(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await this.exited;
    this.connection.dispose();
  }
}

interface Session {
  edits: Stats;
  hover: Stats;
  completion: Stats;
  codeAction: Stats;
  open: number;
}

/**
 * Types `typed` one character at a time at `offset` of `text`, each change
 * sent once the previous one's diagnostics arrived (a drafter is slower than
 * the server; the per-change latency is what shows as lag), then asks for a
 * hover, completion and code actions on the result.
 */
async function typingSession(client: Client, uri: string, text: string, offset: number, typed: string, requests: number): Promise<Session> {
  const t0 = performance.now();
  await client.open(uri, text);
  const open = performance.now() - t0;
  const lines = new LineIndex(text);
  let { line, character } = lines.positionAt(offset);
  const edits: number[] = [];
  let version = 1;
  let current = text;
  for (const ch of typed) {
    const at = { line, character };
    const start = performance.now();
    await client.change(uri, ++version, { start: at, end: at }, ch);
    edits.push(performance.now() - start);
    current = current.slice(0, lines.offsetAt(at)) + ch + current.slice(lines.offsetAt(at));
    if (ch === '\n') {
      line++;
      character = 0;
    } else {
      character += ch.length;
    }
  }
  const after = new LineIndex(current);
  const clauseAt = after.positionAt(current.indexOf('（区市场监管局牵头', offset) + 3);
  const time = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const s = performance.now();
      await fn();
      samples.push(performance.now() - s);
    }
    return stats(samples);
  };
  const hover = await time(() => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: clauseAt }));
  const completion = await time(() => client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: clauseAt }));
  const whole = { start: { line: 0, character: 0 }, end: { line: after.lineCount - 1, character: 0 } };
  const codeAction = await time(() =>
    client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }),
  );
  return { edits: stats(edits), hover, completion, codeAction, open };
}

interface MemorySample {
  edits: number;
  /** The server's live heap after a full GC, in MB: what grows if something leaks. */
  heap: number;
  /** The heap V8 has reserved, in MB: it sizes the young generation up under the allocation of each check, leak or not. */
  heapTotal: number;
  /** The server's resident set after that GC, in MB: follows heapTotal. */
  rss: number;
}

/**
 * The server's memory after 100 edits and every 2,000 up to 10,000 (one
 * character typed, then deleted, over and over). The server must run with
 * --expose-gc: heap figures without a full GC before them would measure
 * garbage not yet collected.
 */
async function memorySession(client: Client, uri: string, text: string, offset: number): Promise<{ samples: MemorySample[]; seconds: number }> {
  await client.open(uri, text);
  const at = new LineIndex(text).positionAt(offset);
  const next = { line: at.line, character: at.character + 1 };
  let version = 1;
  const samples: MemorySample[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= 10_000; i++) {
    if (i % 2) await client.change(uri, ++version, { start: at, end: at }, '的');
    else await client.change(uri, ++version, { start: at, end: next }, '');
    if (i === 100 || i % 2000 === 0) {
      const usage = await client.memoryUsage();
      if (!usage.collected) throw new Error('bench: the server did not collect before workplan/memoryUsage; it must run with --expose-gc');
      samples.push({ edits: i, heap: usage.heapUsed / MB, heapTotal: usage.heapTotal / MB, rss: usage.rss / MB });
    }
  }
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The language service's own heap after a full GC, after 100 and after
 * 10,000 versions of one document: tells a leak in the service from the
 * server process's heap sizing, which RSS cannot. Needs --expose-gc.
 */
function serviceHeap(text: string, offset: number): { after100: number; after10k: number } | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const service = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });
  const texts = [text, text.slice(0, offset) + '的' + text.slice(offset)];
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed / MB;
  };
  let after100 = 0;
  for (let i = 1; i <= 10_000; i++) {
    const t = texts[i % 2];
    service.computeDiagnostics({ uri: 'bench:///heap.txt', version: i, getText: () => t });
    if (i === 100) after100 = heap();
  }
  return { after100, after10k: heap() };
}

/** prh rules from the registry: every other name a unit is known by (full names, aliases) → its canonical name. */
function prhDictionary(): { yaml: string; rules: number } {
  const rules = new Map<string, Set<string>>();
  const add = (expected: string, pattern?: string) => {
    if (!pattern || pattern === expected) return;
    const set = rules.get(expected) ?? new Set<string>();
    set.add(pattern);
    rules.set(expected, set);
  };
  for (const layer of BUILTIN_REGISTRY as RegistryLayer[]) {
    for (const n of (layer.national ?? []) as NationalAgency[]) {
      add(n.name, n.fullName);
      for (const a of n.aliases ?? []) add(n.name, a);
    }
  }
  const registry = new Registry(BUILTIN_REGISTRY);
  for (const [level, region] of [['city', 'xiamen'], ['district', 'guandu'], ['zone', 'jiyuan'], ['city', 'nantong']] as const) {
    for (const unit of registry.view(level, region).allUnits()) add(unit.name, unit.fullName);
  }
  const quote = (s: string) => JSON.stringify(s);
  const body = [...rules].map(([expected, patterns]) => `  - expected: ${quote(expected)}\n    patterns:\n${[...patterns].map((p) => `      - ${quote(p)}`).join('\n')}`);
  return { yaml: `version: 1\nrules:\n${body.join('\n')}\n`, rules: rules.size };
}

/** How many fresh processes time each tool: one process's figures moved by ±15 % from one to the next (compiled code, heap layout). */
const PROCESSES = 5;

/**
 * Times each tool on the same files in fresh Node processes
 * (benchSeedWorker.ts), so that none runs with another's heap and compiled
 * code. The processes take turns, one of each tool per round: run tool by
 * tool, a change in the shared machine's load between one tool's processes
 * and the next moved the ratio by more than our changes did. Per file, the
 * process with the median figure is reported; a ratio between two tools is
 * the median of the rounds' ratios, each between processes run one after
 * the other.
 */
function timeInTurns(dir: string, tools: Array<{ tool: string; args: string[] }>) {
  const rounds = Array.from({ length: PROCESSES }, () =>
    tools.map(({ tool, args }): WorkerResult => {
      const r = spawnSync(process.execPath, ['--expose-gc', WORKER, tool, ...args], { cwd: dir, encoding: 'utf8' });
      if (r.error) throw r.error;
      if (r.status !== 0) throw new Error(`bench: ${WORKER} ${tool} exited with ${r.status}:\n${r.stderr}`);
      return JSON.parse(r.stdout) as WorkerResult;
    }),
  );
  const middle = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  const medians = tools.map((_, t): WorkerResult => {
    const results = rounds.map((round) => round[t]);
    const seeds = results[0].seeds.map((_, i) => results.map((r) => r.seeds[i]).sort((a, b) => a.median - b.median)[PROCESSES >> 1]);
    return { ...results[0], seeds };
  });
  /** How many times tool `slow` took tool `fast`'s time on file `i`. */
  const ratio = (slow: number, fast: number, i: number) => middle(rounds.map((round) => round[slow].seeds[i].median / round[fast].seeds[i].median));
  return { medians, ratio };
}

function textlintComparison(dir: string) {
  const { yaml, rules } = prhDictionary();
  const prhFile = join(dir, 'units.prh.yml');
  writeFileSync(prhFile, yaml);
  const rc = join(dir, '.textlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: { prh: { rulePaths: [prhFile] } } }));
  const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));
  const OURS = 0;
  const UNITS = 1;
  const TEXTLINT = 2;
  const turns = timeInTurns(dir, [
    { tool: 'ours', args: seedFiles },
    { tool: 'units', args: seedFiles },
    { tool: 'textlint', args: ['--config', rc, ...seedFiles] },
  ]);
  const [ours] = turns.medians;
  const row = (t: typeof turns, i: number) => {
    const [o, u, th] = t.medians.map((r) => r.seeds[i]);
    return [o.file.replace('.txt', ''), fmt(o.median), fmt(o.p95), `${o.reported}`, fmt(u.median), fmt(th.median), fmt(th.p95), `${th.reported}`, `${t.ratio(TEXTLINT, OURS, i).toFixed(1)}×`, `${t.ratio(TEXTLINT, UNITS, i).toFixed(1)}×`];
  };
  const rows = ours.seeds.map((_, i) => row(turns, i));
  const ratios = ours.seeds.map((_, i) => turns.ratio(TEXTLINT, OURS, i));
  // The same comparison where fixed costs no longer count: a 1 MB plan, with fewer runs (textlint takes a while on it).
  const large = join(dir, 'synthetic-1MB.txt');
  writeFileSync(large, generatePlan({ targetBytes: 1024 * 1024, seed: 20200904 }).text);
  const few = ['--runs', '25', '--warmup', '10', large];
  const largeRow = row(
    timeInTurns(dir, [
      { tool: 'ours', args: few },
      { tool: 'units', args: few },
      { tool: 'textlint', args: ['--config', rc, ...few] },
    ]),
    0,
  );
  const cli = (args: string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      if (r.error) throw r.error;
      samples.push(performance.now() - s);
    }
    return stats(samples).median;
  };
  const ourCli = cli([CLI, 'check', ...seedFiles]);
  const textlintCli = cli([join(ROOT, 'node_modules', 'textlint', 'bin', 'textlint.js'), '--config', rc, ...seedFiles]);
  return { rows, largeRow, rules, ratios, runs: ours.runs, warmup: ours.warmup, ourCli, textlintCli };
}

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\n${title}`);
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  statSync(SERVER);
  const dir = mkdtempSync(join(tmpdir(), 'workplan-bench-'));
  const verdicts: Array<[boolean, string]> = [];
  try {
    console.log('\nlanguage server over stdio (dist/server.js; validation.delay 0, so the server’s own time is measured)');
    const guandu = readFileSync(join(SEEDS, 'guandu-district-2020.txt'), 'utf8');
    // A new item with its clause, typed after item （十）: the plan is renumbered by the drafter later.
    const offset = guandu.indexOf('\n', guandu.indexOf('（十）')) + 1;
    const typed = '（十一）加强商业秘密保护。开展专项执法行动，依法查处侵犯商业秘密违法行为。（区市场监管局牵头，市公安官渡分局按职责分工负责）\n';
    const settings = { validation: { delay: 0 }, rules: {} };
    const client = new Client(settings);
    await client.initialize();
    const seed = await typingSession(client, 'file:///bench/guandu.txt', guandu, offset, typed, 50);
    const mb = generatePlan({ targetBytes: 1024 * 1024, seed: 20200904 }).text;
    const mbOffset = mb.indexOf('\n', Math.floor(mb.length / 2)) + 1;
    const big = await typingSession(client, 'file:///bench/synthetic-1MB.txt', mb, mbOffset, typed.slice(0, 30), 10);
    const rows = [
      ['Guandu (20.6 KB)', seed, typed.length],
      ['synthetic 1 MB', big, 30],
    ] as const;
    table(
      'edit → diagnostics, and requests (ms)',
      ['plan', 'open', 'edits', 'edit median', 'edit p95', 'hover p50', 'completion p50', 'codeAction p50'],
      rows.map(([name, s, n]) => [name, fmt(s.open), `${n}`, fmt(s.edits.median), fmt(s.edits.p95), fmt(s.hover.median), fmt(s.completion.median), fmt(s.codeAction.median)]),
    );
    console.log(`  with the default debounce (workplan.validation.delay) a keystroke's diagnostics come ${DEFAULT_DEBOUNCE_MS} ms + the edit time above after the last keystroke`);
    verdicts.push([seed.edits.p95 <= 20, `edit → diagnostics on Guandu over stdio: p95 ${fmt(seed.edits.p95)} ms ≤ 20 ms`]);
    verdicts.push([big.edits.median <= 150, `edit → diagnostics on 1 MB over stdio: median ${fmt(big.edits.median)} ms ≤ 150 ms`]);
    await client.close();

    const memoryClient = new Client(settings, ['--expose-gc']);
    await memoryClient.initialize();
    const memory = await memorySession(memoryClient, 'file:///bench/guandu-memory.txt', guandu, offset);
    await memoryClient.close();
    const first = memory.samples[0];
    const last = memory.samples[memory.samples.length - 1];
    const percent = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;
    table(
      `server memory while one character is typed and deleted 10,000 times on Guandu (workplan/memoryUsage, server started with --expose-gc; ${memory.seconds.toFixed(1)} s), MB`,
      ['edits', ...memory.samples.map((m) => `${m.edits}`), 'growth'],
      [
        ['live heap after a full GC (heapUsed)', ...memory.samples.map((m) => m.heap.toFixed(1)), percent(first.heap, last.heap)],
        ['heap reserved by V8 (heapTotal)', ...memory.samples.map((m) => m.heapTotal.toFixed(1)), percent(first.heapTotal, last.heapTotal)],
        ['RSS after that GC (follows heapTotal)', ...memory.samples.map((m) => m.rss.toFixed(1)), percent(first.rss, last.rss)],
      ],
    );
    verdicts.push([
      last.heap <= first.heap * 1.2,
      `server live heap after a full GC, 10,000 edits within 20 % of after 100: ${first.heap.toFixed(1)} → ${last.heap.toFixed(1)} MB, ${percent(first.heap, last.heap)} (RSS, not budgeted: ${first.rss.toFixed(1)} → ${last.rss.toFixed(1)} MB, ${percent(first.rss, last.rss)})`,
    ]);
    const heap = serviceHeap(guandu, offset);
    if (heap) {
      console.log(`the language service's heap after a full GC, 10,000 versions of Guandu in-process: ${heap.after100.toFixed(1)} MB after 100, ${heap.after10k.toFixed(1)} MB after 10,000`);
      verdicts.push([heap.after10k <= heap.after100 * 1.2, `service heap after 10,000 versions within 20 % of after 100: ${(((heap.after10k - heap.after100) / heap.after100) * 100).toFixed(1)} %`]);
    }

    const tl = textlintComparison(dir);
    table(
      `the seeds: our check vs textlint + textlint-rule-prh (${tl.rules} prh rules from our registry: full names and aliases → canonical names), each tool in fresh processes of its own, taking turns (the median of ${PROCESSES}; a ratio is the median of the ${PROCESSES} rounds' ratios), ms over ${tl.runs - tl.warmup} runs after ${tl.warmup} warm-up; "units only" is the part of our check that does prh's job (parse, then every clause unit against the registry)`,
      ['plan', 'ours', 'ours p95', 'diagnostics', 'units only', 'textlint', 'textlint p95', 'prh reports', 'textlint/ours', 'textlint/units'],
      tl.rows,
    );
    table('the same on a 1 MB plan, ms over 15 runs after 10 warm-up', ['plan', 'ours', 'ours p95', 'diagnostics', 'units only', 'textlint', 'textlint p95', 'prh reports', 'textlint/ours', 'textlint/units'], [tl.largeRow]);
    const minRatio = Math.min(...tl.ratios);
    console.log(`  as CLIs on all five seeds (process start included): workplan check ${fmt(tl.ourCli)} ms, textlint ${fmt(tl.textlintCli)} ms (${(tl.textlintCli / tl.ourCli).toFixed(1)}×)`);
    verdicts.push([minRatio >= 5, `each in its own process, textlint + prh takes at least 5× our full check on every seed: ${minRatio.toFixed(1)}× at least`]);

    for (const bundle of ['client.js', 'server.js', 'cli.js']) {
      console.log(`  bundle dist/${bundle}: ${(statSync(join(ROOT, 'dist', bundle)).size / 1024).toFixed(0)} KB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nbudgets (server over stdio, textlint comparison)');
  for (const [ok, text] of verdicts) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
  process.exitCode = 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
