import { parentPort, workerData } from 'node:worker_threads';
import type { PdfPage } from './pdfFurniture';
import { pageLines, type TextPiece } from './pdfLines';

/**
 * The thread pdf.js reads a PDF in (unpdf's serverless build, which has no
 * worker of its own and would otherwise run in the caller's thread). pdf.js
 * can spend a minute in one synchronous step on a damaged font program, where
 * no timer fires; in a thread of its own it can be stopped (pdfRead
 * terminates it), and whatever it throws or leaves rejected ends here.
 *
 * pdf.js is given nothing to fetch: no character maps, standard fonts or
 * wasm decoders, from the network or the disk. unpdf ships none of them.
 * The PDFs word processors write embed their fonts with a ToUnicode map and
 * need none; a PDF whose Chinese font is not embedded and is encoded through
 * one of Adobe's predefined character maps (UniGB-UCS2-H …) loses that text.
 */

export interface PdfRequest {
  bytes: Uint8Array;
}

export type PdfResponse =
  | { ok: true; numPages: number; pages: PdfPage[]; textless: boolean; showsText: boolean }
  | { ok: false; name: string; message: string };

/** How many textless pages are searched for text pdf.js could not read, to tell a scan from unreadable fonts. */
const PAGES_PROBED = 3;

/** What pdf.js asks for the data files it does not carry, so that it never looks for them. */
class NoBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<never> {
    throw new Error(`${kind} ${filename} is not available`);
  }
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/**
 * The page's text runs in the coordinates of the page as shown (its
 * rotation applied, y downwards). Only upright text is the plan's: a
 * rotated or mirrored run is a watermark, a stamp or a margin note.
 */
function pieces(items: readonly unknown[], view: Matrix): TextPiece[] {
  const out: TextPiece[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || !('str' in item)) continue;
    const { str, transform, width } = item as { str: unknown; transform: unknown; width: unknown };
    if (typeof str !== 'string' || str === '' || !Array.isArray(transform) || transform.length !== 6) continue;
    const m = multiply(view, transform as Matrix);
    const upright = m[0] > 0 && m[3] < 0 && Math.abs(m[1]) <= 0.01 * m[0] && Math.abs(m[2]) <= 0.01 * -m[3];
    if (!upright) continue;
    out.push({ str, x: m[4], y: m[5], width: Number(width) || 0, size: Math.hypot(m[2], m[3]) });
  }
  return out;
}

async function readPages({ bytes }: PdfRequest): Promise<PdfResponse> {
  const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
  const pdf = await getDocumentProxy(bytes, {
    verbosity: 0,
    cMapUrl: undefined,
    standardFontDataUrl: undefined,
    wasmUrl: undefined,
    useWasm: false,
    useWorkerFetch: false,
    BinaryDataFactory: NoBinaryData,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    disableFontFace: true,
  });
  const pages: PdfPage[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    pages.push({ number, width: viewport.width, height: viewport.height, lines: pageLines(pieces(content.items, viewport.transform as Matrix)) });
    page.cleanup();
  }
  const textless = pages.every((p) => p.lines.length === 0);
  let showsText = false;
  if (textless) {
    const { OPS } = await getResolvedPDFJS();
    const operators = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
    for (let number = 1; number <= Math.min(PAGES_PROBED, pdf.numPages) && !showsText; number++) {
      const ops = await (await pdf.getPage(number)).getOperatorList();
      showsText = ops.fnArray.some((fn) => operators.has(fn));
    }
  }
  return { ok: true, numPages: pdf.numPages, pages, textless, showsText };
}

if (parentPort) {
  const port = parentPort;
  const fail = (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ ok: false, name: e.name, message: e.message } satisfies PdfResponse);
  };
  process.on('unhandledRejection', fail);
  readPages(workerData as PdfRequest).then((response) => port.postMessage(response), fail);
}
