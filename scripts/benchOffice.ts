/**
 * Reading and writing Word and PDF files, beside the check time: for each
 * seed, its .docx (Word list numbering), .doc and .pdf fixtures read into
 * plan text (ms per document and per page), the check of the text read, and
 * the plan written as the 公文 .docx. A PDF's pages are its own; a Word
 * file's are page-equivalents of GB/T 9704 (22 lines × 28 characters = 616
 * characters a page). The first read of each format pays for loading its
 * libraries (and, for PDF, starting pdf.js's worker thread); it is reported
 * apart from the warm median.
 *
 * Part of `npm run bench` (node out/scripts/benchOffice.js). It reports;
 * it does not assert. Budgets: a warm read ≤ 10 ms per page for Word,
 * ≤ 100 ms per page for PDF (opening a file is one action, not a keystroke:
 * these keep a 20-page plan under a second and two); writing ≤ 20 ms per page.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../server/src/builtinData';
import type { ExtractedPlan } from '../server/src/office/document';
import { extractPlan } from '../server/src/office/extract';
import { writePlanDocx } from '../server/src/office/planDocx';
import { createLanguageService } from '../server/src/service';

const ROOT = resolve(__dirname, '../..');
const OFFICE = join(ROOT, 'test/fixtures/office');
const SEEDS = ['national-2020', 'xiamen-city-2020', 'guandu-district-2020', 'jiyuan-zone-2023', 'nantong-city-2017'];
const PAGE_CHARS = 22 * 28;
const REPS = 7;

const service = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

async function main(): Promise<void> {
  console.log('\nWord and PDF: reading into plan text, checking it, writing the 公文 .docx');
  console.log(`  ${pad('file', 34)}${pad('pages', 7)}${pad('first ms', 10)}${pad('median ms', 11)}${pad('ms/page', 9)}${pad('check ms', 10)}`);
  const perPage: Record<string, number[]> = { docx: [], doc: [], pdf: [], write: [] };
  for (const seed of SEEDS) {
    for (const ext of ['docx', 'doc', 'pdf']) {
      const name = `${seed}.${ext}`;
      const bytes = readFileSync(join(OFFICE, name));
      const first = await timed(() => extractPlan(bytes, name));
      const runs: number[] = [];
      let read: ExtractedPlan = first.value;
      for (let i = 0; i < REPS; i++) {
        const r = await timed(() => extractPlan(bytes, name));
        runs.push(r.ms);
        read = r.value;
      }
      const pages = read.pages ?? Math.max(1, read.text.length / PAGE_CHARS);
      const checks: number[] = [];
      for (let i = 0; i < REPS; i++) {
        // A fresh uri each time, so no cached analysis answers: the first check of the text read, as on opening it.
        const uri = `bench:///${i}/${name}`;
        checks.push((await timed(async () => service.computeDiagnostics({ uri, version: 1, getText: () => read.text }))).ms);
        service.forget(uri);
      }
      const checkMs = median(checks);
      perPage[ext].push(median(runs) / pages);
      console.log(`  ${pad(name, 34)}${pad(pages.toFixed(read.pages ? 0 : 1), 7)}${pad(fmt(first.ms), 10)}${pad(fmt(median(runs)), 11)}${pad(fmt(median(runs) / pages), 9)}${pad(fmt(checkMs), 10)}`);
    }
    const text = readFileSync(join(ROOT, 'test/fixtures/seeds', `${seed}.txt`), 'utf8');
    const writes: number[] = [];
    for (let i = 0; i < REPS; i++) writes.push((await timed(() => writePlanDocx(text))).ms);
    const pages = text.length / PAGE_CHARS;
    perPage.write.push(median(writes) / pages);
    console.log(`  ${pad(`${seed} → 公文 .docx`, 34)}${pad(pages.toFixed(1), 7)}${pad('', 10)}${pad(fmt(median(writes)), 11)}${pad(fmt(median(writes) / pages), 9)}`);
  }
  const worst = (k: string) => Math.max(...perPage[k]);
  const verdicts: Array<[boolean, string]> = [
    [worst('docx') <= 10, `reading .docx: ≤ 10 ms per page (slowest ${fmt(worst('docx'))})`],
    [worst('doc') <= 10, `reading .doc: ≤ 10 ms per page (slowest ${fmt(worst('doc'))})`],
    [worst('pdf') <= 100, `reading .pdf: ≤ 100 ms per page (slowest ${fmt(worst('pdf'))})`],
    [worst('write') <= 20, `writing the 公文 .docx: ≤ 20 ms per page (slowest ${fmt(worst('write'))})`],
  ];
  console.log('\nbudgets (Word and PDF)');
  for (const [ok, text] of verdicts) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(0);
  },
);
