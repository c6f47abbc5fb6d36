import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_OFFICE_BYTES, OfficeError, type ExtractedPlan, type ExtractionNote } from './document';
import { dropFurniture } from './pdfFurniture';
import { joinParagraphs } from './pdfParagraphs';
import type { PdfRequest, PdfResponse } from './pdfWorker';

/**
 * Reads a PDF of a plan into plan text: pdf.js reads the printed lines of
 * each page in a thread of its own (pdfWorker), and here the page numbers
 * and running headers are dropped (pdfFurniture) and the paragraphs the
 * layout wrapped are joined again (pdfParagraphs), one line of text a
 * paragraph, each with the page it starts on.
 */

export interface PdfLimits {
  /** How long reading may take, in milliseconds. */
  timeLimitMs?: number;
}

/**
 * How long reading may take. Plans of a few dozen pages take well under a
 * second (some 10 ms a page); a file still being read after this is hostile
 * or broken (pdf.js can spend a minute on one damaged font program), and
 * the server must not spend itself on it.
 */
const TIME_LIMIT_MS = 20_000;
/** The heap pdf.js may fill: a plan needs a few dozen megabytes; a file that needs more is not one. */
const HEAP_LIMIT_MB = 1024;
/** pdf.js tolerates junk before the header, up to a kilobyte. */
const HEADER_WITHIN = 1024;
const HEADER = [...'%PDF-'].map((c) => c.charCodeAt(0));
/** The longest pdf.js message quoted to the user. */
const MAX_DETAIL = 80;

/** The worker script sits beside this module: in out/ as compiled, and in dist/ as scripts/build.mjs bundles both. */
const WORKER_SCRIPT = join(__dirname, 'pdfWorker.js');

function hasPdfHeader(bytes: Uint8Array): boolean {
  const last = Math.min(bytes.length - HEADER.length, HEADER_WITHIN);
  for (let i = 0; i <= last; i++) if (HEADER.every((b, k) => bytes[i + k] === b)) return true;
  return false;
}

function shortDetail(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

/** pdf.js's pages of a PDF, read in a worker that is stopped when it runs out of time or memory. */
function readInWorker(bytes: Uint8Array, file: string, timeLimitMs: number): Promise<Extract<PdfResponse, { ok: true }>> {
  return new Promise((resolve, reject) => {
    // A copy of its own to hand over: a Node Buffer's slice() is a view, and transferring it would empty the caller's bytes.
    const copy = new Uint8Array(bytes);
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { bytes: copy } satisfies PdfRequest,
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
      // pdf.js may print; the server's stdout is its LSP channel.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new OfficeError('office.tooSlow', { file, seconds: Math.ceil(timeLimitMs / 1000) }))), timeLimitMs);
    worker.on('message', (response: PdfResponse) =>
      settle(() => {
        if (response.ok) resolve(response);
        else if (response.name === 'PasswordException') reject(new OfficeError('office.encrypted', { file }));
        else reject(new OfficeError('office.corrupt', { file, detail: shortDetail(response.message || response.name) }));
      }),
    );
    worker.on('error', (error) => settle(() => reject(new OfficeError('office.corrupt', { file, detail: shortDetail(error.message) }))));
    worker.on('exit', (code) => settle(() => reject(new OfficeError('office.corrupt', { file, detail: `reader stopped (${code})` }))));
  });
}

export async function readPdf(bytes: Uint8Array, file: string, limits: PdfLimits = {}): Promise<ExtractedPlan> {
  if (bytes.length === 0) throw new OfficeError('office.empty', { file });
  if (bytes.length > MAX_OFFICE_BYTES) {
    throw new OfficeError('office.tooLarge', { file, size: Math.ceil(bytes.length / 2 ** 20), limit: MAX_OFFICE_BYTES / 2 ** 20 });
  }
  if (!hasPdfHeader(bytes)) throw new OfficeError('office.corrupt', { file, detail: 'no %PDF- header' });

  const read = await readInWorker(bytes, file, limits.timeLimitMs ?? TIME_LIMIT_MS);
  if (read.textless) {
    // Text operators whose text pdf.js could not map (a font it cannot read) are not a scan.
    throw read.showsText ? new OfficeError('office.noText', { file }) : new OfficeError('office.imageOnly', { file, pages: read.numPages });
  }

  const furniture = dropFurniture(read.pages);
  const { paragraphs, joined } = joinParagraphs(furniture.pages);
  if (!paragraphs.some((p) => /[\p{L}\p{N}]/u.test(p.text))) throw new OfficeError('office.noText', { file });

  const notes: ExtractionNote[] = [];
  if (furniture.pageNumbers > 0) notes.push({ key: 'office.pdfPageNumbers', args: { file, count: furniture.pageNumbers } });
  if (furniture.runningLines > 0) {
    notes.push({ key: 'office.pdfRunningLines', args: { file, count: furniture.runningLines, text: furniture.runningTexts[0] } });
  }
  if (joined > 0) notes.push({ key: 'office.pdfJoinedWraps', args: { file, count: joined } });
  return {
    format: 'pdf',
    text: paragraphs.map((p) => p.text).join('\n'),
    sources: paragraphs.map((p, i) => ({ paragraph: i + 1, page: p.page })),
    pages: read.numPages,
    notes,
  };
}
