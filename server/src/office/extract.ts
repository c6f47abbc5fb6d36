/**
 * One door for every document a user hands the product: by its name and,
 * since files are often misnamed (a .doc that is really a .docx), by its
 * first bytes, it goes to the reader of its format. The CLI and the server
 * both read files through here, so they agree on what a file holds.
 */
import { message, type Locale } from '../service';
import { MAX_OFFICE_BYTES, OfficeError, type ExtractedPlan, type OfficeFormat, type SourcePosition } from './document';
import { readDoc } from './docRead';
import { readDocx } from './docxRead';
import { readPdf } from './pdfRead';

const EXTENSIONS: Record<string, OfficeFormat> = { '.docx': 'docx', '.doc': 'doc', '.pdf': 'pdf' };

/** The office format a file name says, or undefined for a plain-text plan. */
export function officeFormatOf(fileName: string): OfficeFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot).toLowerCase()];
}

/** Refuses a file too large to read, before its bytes are read. */
export function checkSize(size: number, file: string): void {
  if (size > MAX_OFFICE_BYTES) {
    throw new OfficeError('office.tooLarge', { file, size: Math.round(size / 1024 / 1024), limit: MAX_OFFICE_BYTES / 1024 / 1024 });
  }
}

function sniff(bytes: Uint8Array): OfficeFormat | undefined {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'docx';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'doc';
  return undefined;
}

/**
 * The plan in a .docx, .doc or .pdf file. `file` is the name the messages
 * give. Throws only OfficeError: whatever a reader throws beyond its own
 * errors is reported as a damaged file, never as a crash.
 */
export async function extractPlan(bytes: Uint8Array, file: string): Promise<ExtractedPlan> {
  checkSize(bytes.length, file);
  if (bytes.length === 0) throw new OfficeError('office.empty', { file });
  const named = officeFormatOf(file);
  const sniffed = sniff(bytes);
  // A password-protected .docx is an OLE file like a .doc: its name decides, and the .docx reader says it is encrypted.
  const format = sniffed === 'doc' && named === 'docx' ? 'docx' : (sniffed ?? named);
  try {
    if (format === 'docx') return await readDocx(bytes, file);
    if (format === 'doc') return await readDoc(bytes, file);
    if (format === 'pdf') return await readPdf(bytes, file);
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    throw new OfficeError('office.corrupt', { file, detail: error instanceof Error ? error.message : String(error) });
  }
  throw new OfficeError('office.unsupported', { file, ext: file.slice(file.lastIndexOf('.')) || file });
}

/** Why a file could not be read, in the user's language. */
export function officeErrorMessage(error: unknown, locale: Locale, file: string): string {
  if (error instanceof OfficeError) return message(error.key, locale, error.args);
  return message('office.corrupt', locale, { file, detail: error instanceof Error ? error.message : String(error) });
}

/** Where a line is in the original, as a reviewer holding it looks: 第 2 页第 9 段 / page 2, paragraph 9. */
export function sourceLabel(source: SourcePosition, locale: Locale): string {
  return source.page === undefined
    ? message('office.atParagraph', locale, { paragraph: source.paragraph })
    : message('office.atPage', locale, { page: source.page, paragraph: source.paragraph });
}
