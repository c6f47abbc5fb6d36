import WordExtractor from 'word-extractor';
import { MAX_DOCUMENT_CHARS } from '../service';
import { CompoundFileError, isCompoundFile, readCompoundFile } from './compoundFile';
import { type ExtractedPlan, type ExtractionNote, OfficeError } from './document';
import { readDocx } from './docxRead';
import { errorText } from './ooxmlPackage';

/**
 * A Word 97–2003 .doc as plan text, through word-extractor, which reads the
 * text stream: one line per paragraph, body only (no headers, footers,
 * footnotes, comments or text boxes), deleted revisions left out, of a field
 * its result.
 *
 * What the .doc reading cannot give, unlike the .docx one:
 * - automatic numbering: list numbers are paragraph properties, not text, and
 *   word-extractor reads only the text, so 一、 or 1. written by Word's lists is
 *   missing; when the document has lists, a note says so and asks for a .docx;
 * - a soft line break ends a line like a paragraph does, so from the first one
 *   on, the paragraph numbers of `sources` count it as a paragraph;
 * - a table row is one line, its cells separated by tabs;
 * - hidden text is read like any other.
 *
 * word-extractor trusts the file; before it runs, the compound file and the
 * parts of the Word stream it follows are checked (see compoundFile.ts), so
 * that a damaged file is an OfficeError rather than an endless loop or an
 * allocation of gigabytes.
 */
export async function readDoc(bytes: Uint8Array, file: string): Promise<ExtractedPlan> {
  if (bytes.length === 0) throw new OfficeError('office.empty', { file });
  // A .docx named .doc is read as what it is.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readDocx(bytes, file);
  if (!isCompoundFile(bytes)) throw new OfficeError('office.corrupt', { file, detail: 'not a Word 97–2003 document' });
  let hasLists: boolean;
  let body: string;
  try {
    hasLists = checkWordDocument(bytes, file);
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Its default filter turns “ ” ‘ ’ — into ASCII, which the checker must see as written.
    body = document.getBody({ filterUnicode: false });
  } catch (e) {
    if (e instanceof OfficeError) throw e;
    // CompoundFileError says what the strict reading refused; anything else is word-extractor failing on damage.
    throw new OfficeError('office.corrupt', { file, detail: errorText(e) });
  }
  // The last paragraph mark ends the body; U+001E is Word's non-breaking hyphen, a hyphen as typed.
  const text = body.replace(/\n$/, '').replace(/\u001e/g, '-');
  if (text.length > MAX_DOCUMENT_CHARS) throw new OfficeError('office.tooMuchText', { file, limit: MAX_DOCUMENT_CHARS });
  if (!/\S/.test(text)) throw new OfficeError('office.noText', { file });
  const notes: ExtractionNote[] = hasLists ? [{ key: 'office.docNumbering', args: { file } }] : [];
  return { format: 'doc', text, sources: text.split('\n').map((_, i) => ({ paragraph: i + 1 })), notes };
}

/** The FIB's fixed part of Word 97 and later: 14 16-bit and 22 32-bit values, then the offset/length pairs. */
const FIB_RG_FC_LCB = 154;
const fcLcb = (index: number) => FIB_RG_FC_LCB + index * 8;
/** Indices of FibRgFcLcb97 (MS-DOC §2.5.6). */
const CLX = 33;
const PLF_LFO = 74;

/**
 * Checks what word-extractor will read of the Word stream, and whether the document has lists (list format
 * overrides, which every list paragraph of a .doc points to: LibreOffice writes none for a document without
 * lists). Throws OfficeError for an encrypted file and CompoundFileError for a damaged one.
 */
function checkWordDocument(bytes: Uint8Array, file: string): boolean {
  const streams = readCompoundFile(bytes);
  if (streams.has('EncryptedPackage')) throw new OfficeError('office.encrypted', { file });
  const word = streams.get('WordDocument');
  if (!word) throw new CompoundFileError('no Word document stream');
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (word.length < fcLcb(PLF_LFO + 1)) throw new CompoundFileError('Word stream too short');
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (u16(0) !== 0xa5ec) throw new CompoundFileError('not a Word document stream');
  const flags = u16(0x0a);
  // fEncrypted: RC4 or XOR obfuscation (MS-DOC §2.5.2); the text is unreadable without the password.
  if (flags & 0x0100) throw new OfficeError('office.encrypted', { file });
  if (u16(2) < 193 || u16(32) !== 14 || u16(62) !== 22 || u16(152) <= PLF_LFO) throw new CompoundFileError('Word 95 or older, or a damaged Word stream');
  const table = streams.get(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw new CompoundFileError('no table stream');
  checkPieceTable(word, table, u32(fcLcb(CLX)), u32(fcLcb(CLX) + 4));
  const lfoAt = u32(fcLcb(PLF_LFO));
  const lfoBytes = u32(fcLcb(PLF_LFO) + 4);
  return lfoBytes >= 4 && lfoAt + 4 <= table.length && new DataView(table.buffer, table.byteOffset + lfoAt, 4).getInt32(0, true) > 0;
}

/**
 * The piece table (CLX), read as word-extractor reads it, must stay inside the streams: word-extractor makes a
 * string of every piece, and a damaged table could name millions of pieces of the whole stream.
 */
function checkPieceTable(word: Uint8Array, table: Uint8Array, at: number, length: number): void {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const end = at + length;
  if (length === 0 || end > table.length) throw new CompoundFileError('bad piece table');
  let pos = at;
  while (pos < end && table[pos] === 1) pos += 3 + view.getUint16(pos + 1, true);
  if (pos + 5 > end || table[pos] !== 2) throw new CompoundFileError('bad piece table');
  const size = view.getUint32(pos + 1, true);
  pos += 5;
  const pieces = (size - 4) / 12;
  if (!Number.isInteger(pieces) || pieces < 1 || pos + size > end) throw new CompoundFileError('bad piece table');
  let chars = 0;
  for (let i = 0; i < pieces; i++) {
    const from = view.getUint32(pos + i * 4, true);
    const to = view.getUint32(pos + (i + 1) * 4, true);
    const fc = view.getUint32(pos + (pieces + 1) * 4 + i * 8 + 2, true);
    const compressed = (fc & 0x40000000) !== 0;
    const start = compressed ? (fc & ~0x40000000) / 2 : fc;
    const bytes = (to - from) * (compressed ? 1 : 2);
    chars += to - from;
    if (to < from || start + bytes > word.length || chars > word.length) throw new CompoundFileError('bad piece table');
  }
}
