import { MAX_OFFICE_BYTES, OfficeError, type ExtractedPlan, type ExtractionNote } from './document';
import { dropFurniture, type PdfPage } from './pdfFurniture';
import { pageLines, type TextPiece } from './pdfLines';
import { joinParagraphs } from './pdfParagraphs';

/**
 * Reads a PDF of a plan into plan text with pdf.js (unpdf's serverless
 * build): the text of each page as printed lines (pdfLines), without the
 * page numbers and running headers (pdfFurniture), joined back into the
 * paragraphs the layout wrapped (pdfParagraphs), one line of text a
 * paragraph, each with the page it starts on.
 *
 * pdf.js runs in this thread here (the serverless build has no worker), so a
 * file that makes it work for long is bounded by a clock checked at every
 * step, and pdf.js is given nothing to fetch: no character maps, standard
 * fonts or wasm decoders, from the network or the disk. unpdf ships none of
 * them. The PDFs a word processor writes embed their fonts with a ToUnicode
 * map and need none; a PDF whose Chinese font is not embedded and is encoded
 * through one of Adobe's predefined character maps (UniGB-UCS2-H …) loses
 * that text, and is refused as holding no readable text.
 */

/**
 * How long reading may take. Plans of a few dozen pages take well under a
 * second (about 15 ms a page); a file still being read after this is hostile
 * or broken, and the server must not spend itself on it.
 */
const TIME_LIMIT_MS = 20_000;
/** pdf.js tolerates junk before the header, up to a kilobyte. */
const HEADER_WITHIN = 1024;
/** How many textless pages are searched for text pdf.js could not read, to tell a scan from unreadable fonts. */
const PAGES_PROBED = 3;
/** The longest pdf.js message quoted to the user. */
const MAX_DETAIL = 80;

class TimeUp extends Error {}

/**
 * What pdf.js asks for the data files it does not carry. It is handed this
 * so that it never looks for them: the reader fetches nothing, from the
 * network or the disk.
 */
class NoBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<never> {
    throw new Error(`${kind} ${filename} is not available`);
  }
}

const HEADER = [...'%PDF-'].map((c) => c.charCodeAt(0));

function hasPdfHeader(bytes: Uint8Array): boolean {
  const last = Math.min(bytes.length - HEADER.length, HEADER_WITHIN);
  for (let i = 0; i <= last; i++) if (HEADER.every((b, k) => bytes[i + k] === b)) return true;
  return false;
}

function detailOf(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  const line = text.split('\n')[0].trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
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

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
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
    const { str, transform, width } = item as PdfTextItem;
    if (typeof str !== 'string' || str === '' || !Array.isArray(transform) || transform.length !== 6) continue;
    const m = multiply(view, transform as Matrix);
    const size = Math.hypot(m[2], m[3]);
    const upright = m[0] > 0 && m[3] < 0 && Math.abs(m[1]) <= 0.01 * m[0] && Math.abs(m[2]) <= 0.01 * -m[3];
    if (!upright) continue;
    out.push({ str, x: m[4], y: m[5], width: Number(width) || 0, size });
  }
  return out;
}

export async function readPdf(bytes: Uint8Array, file: string): Promise<ExtractedPlan> {
  if (bytes.length === 0) throw new OfficeError('office.empty', { file });
  if (bytes.length > MAX_OFFICE_BYTES) {
    throw new OfficeError('office.tooLarge', { file, size: Math.ceil(bytes.length / 2 ** 20), limit: MAX_OFFICE_BYTES / 2 ** 20 });
  }
  if (!hasPdfHeader(bytes)) throw new OfficeError('office.corrupt', { file, detail: 'no %PDF- header' });

  const deadline = Date.now() + TIME_LIMIT_MS;
  const bounded = <T>(work: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const left = deadline - Date.now();
      if (left <= 0) return reject(new TimeUp());
      const timer = setTimeout(() => reject(new TimeUp()), left);
      work.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(error)),
      );
    });

  let loading: Promise<{ destroy(): Promise<void> }> | undefined;
  try {
    const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
    const proxy = getDocumentProxy(bytes.slice(), {
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
    loading = proxy;
    const pdf = await bounded(proxy);
    const pages: PdfPage[] = [];
    const textless: number[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await bounded(pdf.getPage(number));
      const viewport = page.getViewport({ scale: 1 });
      const content = await bounded(page.getTextContent());
      const lines = pageLines(pieces(content.items, viewport.transform as Matrix));
      if (lines.length === 0) textless.push(number);
      pages.push({ number, height: viewport.height, lines });
    }
    if (textless.length === pdf.numPages) {
      const { OPS } = await getResolvedPDFJS();
      const showsText = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
      for (const number of textless.slice(0, PAGES_PROBED)) {
        const ops = await bounded((await bounded(pdf.getPage(number))).getOperatorList());
        if (ops.fnArray.some((fn) => showsText.has(fn))) throw new OfficeError('office.noText', { file });
      }
      throw new OfficeError('office.imageOnly', { file, pages: pdf.numPages });
    }

    const furniture = dropFurniture(pages);
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
      pages: pdf.numPages,
      notes,
    };
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    if (error instanceof TimeUp) throw new OfficeError('office.tooSlow', { file, seconds: TIME_LIMIT_MS / 1000 });
    if (error instanceof Error && error.name === 'PasswordException') throw new OfficeError('office.encrypted', { file });
    throw new OfficeError('office.corrupt', { file, detail: detailOf(error) });
  } finally {
    // Also stops pdf.js when the clock ran out before the document had opened.
    loading?.then((pdf) => pdf.destroy()).catch(() => undefined);
  }
}
