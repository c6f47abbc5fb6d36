/**
 * One tool's check of the seed files, timed in a Node process of its own:
 *
 *   node --expose-gc out/scripts/benchSeedWorker.js ours <file>…
 *   node --expose-gc out/scripts/benchSeedWorker.js units <file>…
 *   node --expose-gc out/scripts/benchSeedWorker.js textlint --config <.textlintrc.json> <file>…
 *   (either with --runs N --warmup M for a large file, whose runs are slow)
 *
 * benchServer.ts starts one per tool: timed one after the other in one
 * process, each tool ran with the other's heap and compiled code, and our
 * check measured 1.5–2× slower than in bench.ts. Prints one line of JSON
 * (WorkerResult): per file, the median and p95 in ms of RUNS − WARMUP timed
 * runs, after WARMUP untimed runs over all the files, and how many problems
 * the tool reported.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../server/src/builtinData';
import { createLanguageService, parsePlan } from '../server/src/service';
import { checkClauses } from '../server/src/service/checks/agencies';
import { resolveClauses } from '../server/src/service/registry/resolve';
import { detectContext } from '../server/src/service/registry/context';
import { Registry } from '../server/src/service/registry/registry';
import { stats, type Stats } from './benchStats';

/**
 * Runs per file, WARMUP of them untimed: both tools JIT-compile on their
 * first runs. Our check was still being optimized after 30 (Jiyuan 2.4–2.8
 * ms against 1.9 then) and after 100 (Jiyuan alone 1.44 ms, against 1.19 in
 * bench.ts after its 500); a server runs for hours, so the steady state is
 * what counts. textlint is steady either way.
 */
const RUNS = 450;
const WARMUP = 300;
const ROOT = resolve(__dirname, '../..');

export interface WorkerResult {
  tool: string;
  runs: number;
  warmup: number;
  seeds: Array<Stats & { file: string; reported: number }>;
}

/** Checks one text and gives the number of problems the tool reported; the `after` beside it runs outside the timing. */
type Check = (text: string, path: string) => Promise<number> | number;

async function ours(): Promise<{ check: Check; after: () => void }> {
  // As the server and the CLI create it: the built-in registry and national plans.
  const service = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });
  let n = 0;
  let uri = '';
  return {
    // A fresh uri each run so that the per-version cache never answers; forgotten after, so memory does not grow with the runs.
    check: (text, path) => {
      uri = `bench:///${basename(path)}/${++n}`;
      return service.computeDiagnostics({ uri, version: 1, getText: () => text }).length;
    },
    after: () => service.forget(uri),
  };
}

/**
 * The part of our check that does textlint + prh's job: the plan parsed and
 * every unit of every clause read against the registry (unknown, misspelt,
 * misplaced units with their suggestions); no numbering, no alignment.
 */
async function units(): Promise<{ check: Check; after: () => void }> {
  const registry = new Registry(BUILTIN_REGISTRY);
  return {
    check: (text) => {
      const doc = parsePlan(text);
      const context = detectContext(doc, registry);
      const view = registry.view(context);
      return checkClauses(doc, view, resolveClauses(doc, view)).length;
    },
    after: () => undefined,
  };
}

async function textlint(config: string): Promise<{ check: Check; after: () => void }> {
  // Loaded only here so that the benchmark needs textlint only for this comparison.
  const { createLinter, loadTextlintrc } = await import('textlint');
  const descriptor = await loadTextlintrc({ configFilePath: config, node_modulesDir: join(ROOT, 'node_modules') });
  const linter = createLinter({ descriptor, cwd: dirname(config) });
  return { check: async (text, path) => (await linter.lintText(text, path)).messages.length, after: () => undefined };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { config: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' } },
    allowPositionals: true,
  });
  const runs = Number(values.runs ?? RUNS);
  const warmup = Number(values.warmup ?? WARMUP);
  const [tool, ...files] = positionals;
  if (tool !== 'ours' && tool !== 'units' && (tool !== 'textlint' || !values.config)) throw new Error('usage: benchSeedWorker ours|units <file>… | textlint --config <file> <file>…');
  const { check, after } = tool === 'ours' ? await ours() : tool === 'units' ? await units() : await textlint(values.config!);
  const gc = (globalThis as { gc?: () => void }).gc;
  const result: WorkerResult = { tool, runs, warmup, seeds: [] };
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  // The warm-up runs go over every file before any is timed: warmed on the first file alone, the code was
  // still being optimised for the others, and the first file's figure depended on where it stood in the list.
  for (let i = 0; i < warmup; i++) {
    for (const [k, file] of files.entries()) {
      await check(texts[k], file);
      after();
    }
  }
  for (const [k, file] of files.entries()) {
    const samples: number[] = [];
    let reported = 0;
    // One GC before each file keeps the previous file's garbage out of its timings, as bench.ts does per case.
    gc?.();
    for (let i = 0; i < runs - warmup; i++) {
      const s = performance.now();
      reported = await check(texts[k], file);
      samples.push(performance.now() - s);
      after();
    }
    result.seeds.push({ file: basename(file), reported, ...stats(samples) });
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
