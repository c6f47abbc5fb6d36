/**
 * Performance report for the language service: parse + all checks
 * (`computeDiagnostics`) and parse alone, on the five seeds and on synthetic
 * plans of 100 KB, 1 MB and 5 MB, then the budgets with PASS/FAIL.
 *
 * `npm run bench` (build + tsc + `node --expose-gc out/scripts/bench.js`).
 * It reports; it does not assert: the exit status is 0 whether or not a
 * budget is met. Not part of `npm test`.
 *
 * Every timed `computeDiagnostics` call uses a fresh uri and version, so the
 * service's per-version cache never answers; the uri is forgotten afterwards
 * (outside the timing) so memory does not grow with the repetitions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService, parsePlan, type Diagnostic, type PlanTextDocument } from '../server/src/service';
import { generatePlan } from './synthetic';

const ROOT = resolve(__dirname, '../..');
const SEEDS_DIR = join(ROOT, 'test/fixtures/seeds');
const KB = 1024;

interface Case {
  name: string;
  text: string;
  bytes: number;
  /** Timed repetitions (after warm-up). */
  reps: number;
  warmup: number;
  seed: boolean;
}

interface Stats {
  median: number;
  p95: number;
  min: number;
  samples: number;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, p95: at(0.95), min: s[0], samples: s.length };
}

/**
 * Runs `fn` warmup + reps times, timing each of the last `reps`. One GC (when
 * exposed) before the warm-up keeps one case's garbage out of the next; none
 * between samples: a forced full GC flushes compiled code and shrinks the
 * young generation, which made small runs several times slower than they are
 * in a running server.
 */
function measure(reps: number, warmup: number, fn: (i: number) => void, after?: (i: number) => void): Stats {
  const samples: number[] = [];
  gc?.();
  for (let i = 0; i < warmup + reps; i++) {
    const t0 = performance.now();
    fn(i);
    const t1 = performance.now();
    after?.(i);
    if (i >= warmup) samples.push(t1 - t0);
  }
  return stats(samples);
}

const service = createLanguageService({ locale: 'zh-cn' });
let uriCounter = 0;

function freshDocument(name: string, text: string): PlanTextDocument {
  const n = ++uriCounter;
  return { uri: `bench:///${name}/${n}`, version: n, getText: () => text };
}

function cases(): Case[] {
  const seeds = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f): Case => {
      const text = readFileSync(join(SEEDS_DIR, f), 'utf8');
      return { name: basename(f, '.txt'), text, bytes: Buffer.byteLength(text), reps: 500, warmup: 100, seed: true };
    });
  const synthetic = [
    { name: 'synthetic-100KB', target: 100 * KB, reps: 200, warmup: 20 },
    { name: 'synthetic-1MB', target: 1024 * KB, reps: 40, warmup: 5 },
    { name: 'synthetic-5MB', target: 5 * 1024 * KB, reps: 15, warmup: 3 },
  ].map(({ name, target, reps, warmup }): Case => {
    const plan = generatePlan({ targetBytes: target, seed: 20200904 });
    return { name, text: plan.text, bytes: plan.bytes, reps, warmup, seed: false };
  });
  return [...seeds, ...synthetic];
}

function pad(s: string | number, n: number, right = false): string {
  const str = String(s);
  return right ? str.padEnd(n) : str.padStart(n);
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(1) : ms >= 10 ? ms.toFixed(2) : ms.toFixed(3);
}

function table(title: string, header: string[], rows: string[][], widths: number[]): void {
  console.log(`\n${title}`);
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i === 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

interface Result {
  c: Case;
  full: Stats;
  parse: Stats;
  diagnostics: number;
  headings: number;
}

function main(): void {
  console.log('workplan language service benchmark');
  console.log(`node ${process.version}, ${platform()}-${arch()}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}${gc ? ', GC before each case' : ' (run with --expose-gc for steadier numbers)'}`);

  const results: Result[] = [];
  for (const c of cases()) {
    let diagnostics: Diagnostic[] = [];
    const docs: PlanTextDocument[] = [];
    const full = measure(
      c.reps,
      c.warmup,
      (i) => {
        docs[i] = freshDocument(c.name, c.text);
        diagnostics = service.computeDiagnostics(docs[i]);
      },
      (i) => service.forget(docs[i].uri),
    );
    let headings = 0;
    const parse = measure(c.reps, c.warmup, () => {
      headings = parsePlan(c.text).headings.length;
    });
    results.push({ c, full, parse, diagnostics: diagnostics.length, headings });
    process.stdout.write('.');
  }
  console.log();

  const kb = (r: Result) => r.c.bytes / KB;
  const usPerKb = (ms: number, r: Result) => (ms * 1000) / kb(r);
  table(
    'parse + all checks (computeDiagnostics, nothing cached)',
    ['name', 'size KB', 'median ms', 'p95 ms', 'µs/KB', 'diagnostics', 'runs'],
    results.map((r) => [r.c.name, kb(r).toFixed(1), fmt(r.full.median), fmt(r.full.p95), usPerKb(r.full.median, r).toFixed(1), String(r.diagnostics), String(r.full.samples)]),
    [24, 9, 10, 10, 8, 11, 5],
  );
  table(
    'parse alone (parsePlan)',
    ['name', 'size KB', 'median ms', 'p95 ms', 'µs/KB', 'headings', 'runs'],
    results.map((r) => [r.c.name, kb(r).toFixed(1), fmt(r.parse.median), fmt(r.parse.p95), usPerKb(r.parse.median, r).toFixed(1), String(r.headings), String(r.parse.samples)]),
    [24, 9, 10, 10, 8, 11, 5],
  );

  // Editor features on the 1 MB plan, on an analysed version (as in the server, where diagnostics came first).
  const mb = results.find((r) => r.c.name === 'synthetic-1MB')!;
  const doc = freshDocument('features', mb.c.text);
  const all = service.computeDiagnostics(doc);
  const gap = all.find((d) => d.code === 'numbering.gap') ?? all[0];
  const lastLine = mb.c.text.split('\n').length - 1;
  const whole = { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } };
  const feature = (fn: () => unknown) => measure(50, 5, fn);
  let gapActions = 0;
  let symbols = 0;
  const features: Array<[string, Stats, string]> = [
    ['codeAction at a numbering.gap', feature(() => (gapActions = service.getCodeActions(doc, gap.range, { diagnostics: [gap] }).length)), ''],
    ['codeAction, whole document, all diagnostics', feature(() => service.getCodeActions(doc, whole, { diagnostics: all })), `${all.length} diagnostics in context`],
    ["codeAction only ['source.fixAll']", feature(() => service.getCodeActions(doc, whole, { diagnostics: [], only: ['source.fixAll'] })), ''],
    ['documentSymbol', feature(() => (symbols = countSymbols(service.getDocumentSymbols(doc)))), ''],
    ['foldingRange', feature(() => service.getFoldingRanges(doc)), ''],
  ];
  features[0][2] = `${gapActions} actions`;
  features[3][2] = `${symbols} symbols`;
  table(
    `editor features on synthetic-1MB (${(mb.c.bytes / KB).toFixed(0)} KB, analysis cached for the version)`,
    ['request', 'median ms', 'p95 ms', 'note'],
    features.map(([name, s, note]) => [name, fmt(s.median), fmt(s.p95), note]),
    [44, 10, 10, 0],
  );
  const combined = mb.full.median + features[0][1].median + features[3][1].median;
  console.log(`  one edit on the 1 MB plan as the server serves it (check, then codeAction at the gap and documentSymbol on that version): ${fmt(combined)} ms`);
  service.forget(doc.uri);

  // Budgets: reported, never enforced through the exit status.
  console.log('\nbudgets');
  const verdicts: Array<[boolean, string]> = [];
  for (const r of results.filter((x) => x.c.seed)) {
    verdicts.push([r.full.median <= 2, `${r.c.name}: median ${fmt(r.full.median)} ms ≤ 2 ms`]);
  }
  verdicts.push([mb.full.median <= 150, `synthetic-1MB: median ${fmt(mb.full.median)} ms ≤ 150 ms`]);
  const small = results.find((r) => r.c.name === 'synthetic-100KB')!;
  const big = results.find((r) => r.c.name === 'synthetic-5MB')!;
  const ratio = usPerKb(big.full.median, big) / usPerKb(small.full.median, small);
  verdicts.push([
    ratio <= 2,
    `linear growth: ${usPerKb(big.full.median, big).toFixed(1)} µs/KB at 5 MB ≤ 2 × ${usPerKb(small.full.median, small).toFixed(1)} µs/KB at 100 KB (ratio ${ratio.toFixed(2)})`,
  ]);
  for (const [ok, text] of verdicts) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
  const failed = verdicts.filter(([ok]) => !ok).length;
  console.log(failed === 0 ? '\nall budgets met' : `\n${failed} budget(s) not met (reported only; exit status stays 0)`);
  process.exitCode = 0;
}

function countSymbols(symbols: Array<{ children?: unknown[] }>): number {
  let n = 0;
  for (const s of symbols) n += 1 + countSymbols((s.children ?? []) as Array<{ children?: unknown[] }>);
  return n;
}

main();
