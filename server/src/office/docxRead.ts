import type { Element } from '@xmldom/xmldom';
import { MAX_DOCUMENT_CHARS } from '../service';
import { CompoundFileError, isCompoundFile, readCompoundFile } from './compoundFile';
import { type ExtractedPlan, OfficeError, type SourcePosition } from './document';
import { symbolFontChar } from './listFormats';
import { errorText, openPackage } from './ooxmlPackage';
import { ListNumbering } from './wordNumbering';
import { WordStyles } from './wordStyles';
import { childVal, intVal, isW, wAttr, wChild, wChildren } from './wordXml';

/**
 * A .docx as plan text: one line per paragraph of the body, in reading
 * order, with the marker Word's automatic numbering shows written before
 * the text as a drafter would type it ("一、加强…", "1.加强…": the tab or
 * space Word puts after a list number is layout, not text).
 *
 * - A table is read row by row, each cell's paragraphs in turn, each its own
 *   line: a cell paragraph is a paragraph, so that every line still names
 *   exactly one paragraph of the original.
 * - A soft line break (Shift+Enter, `w:br`) starts a new line of the same
 *   paragraph; a page or column break does the same between text, and
 *   nothing at the start or end of a paragraph, where it only moves the
 *   next paragraph to a new page.
 * - A tab is a tab: it is what the drafter typed, and the checker takes it
 *   for the blank it is.
 * - Tracked changes are read as accepted: deleted text is left out (and a
 *   deleted paragraph mark joins its paragraph to the next), inserted text
 *   kept; a row deleted in tracked changes is left out with its paragraphs.
 * - Of a field, the result shows (as last updated), not the code; hidden text is left out;
 *   a non-breaking hyphen is a hyphen, an optional one nothing; a symbol is
 *   its character.
 * - Headers and footers (page numbers), footnotes, endnotes, comments and
 *   text boxes are not body text and are not read.
 */
export async function readDocx(bytes: Uint8Array, file: string): Promise<ExtractedPlan> {
  if (bytes.length === 0) throw new OfficeError('office.empty', { file });
  try {
    if (isCompoundFile(bytes)) throw compoundFileError(bytes, file);
    return await extract(bytes, file);
  } catch (e) {
    if (e instanceof OfficeError) throw e;
    // A hostile file can still reach a limit of the platform (a string or a stack too long).
    throw new OfficeError('office.corrupt', { file, detail: errorText(e) });
  }
}

/** Word saves a .docx with an open password as a compound file holding the encrypted package (MS-OFFCRYPTO §2.3.4). */
function compoundFileError(bytes: Uint8Array, file: string): OfficeError {
  try {
    if (readCompoundFile(bytes).has('EncryptedPackage')) return new OfficeError('office.encrypted', { file });
  } catch (e) {
    if (!(e instanceof CompoundFileError)) throw e;
  }
  // A .doc, or some other compound file, named .docx.
  return new OfficeError('office.notZip', { file });
}

async function extract(bytes: Uint8Array, file: string): Promise<ExtractedPlan> {
  const pkg = await openPackage(bytes, file);
  const main = (await pkg.related('', 'officeDocument')) ?? 'word/document.xml';
  const doc = await pkg.xml(main);
  if (!doc) throw new OfficeError('office.corrupt', { file, detail: `${main} is missing` });
  const body = wChild(isW(doc.documentElement, 'document') ? doc.documentElement : undefined, 'body');
  if (!body) throw new OfficeError('office.corrupt', { file, detail: `${main} is not a Word document body` });
  const folder = main.slice(0, main.lastIndexOf('/') + 1);
  const styles = new WordStyles(await pkg.xml((await pkg.related(main, 'styles')) ?? `${folder}styles.xml`));
  const numbering = new ListNumbering(await pkg.xml((await pkg.related(main, 'numbering')) ?? `${folder}numbering.xml`), styles);
  const reader = new BodyReader(styles, numbering, file);
  reader.blocks(body, 0);
  const text = reader.lines.join('\n');
  if (!/\S/.test(text)) throw new OfficeError('office.noText', { file });
  return { format: 'docx', text, sources: reader.sources, notes: [] };
}

/** Tables in tables in content controls…: deeper than this is a hostile file, not a document. */
const MAX_DEPTH = 64;

/** What one paragraph (or paragraphs joined by deleted marks) gives: its lines, each with the paragraph it starts in. */
class ParagraphText {
  readonly lines: Array<{ text: string; paragraph: number }>;
  /** A page or column break, which starts a new line only if text follows it on this line. */
  private pageBreak = false;

  constructor(public paragraph: number) {
    this.lines = [{ text: '', paragraph }];
  }

  text(text: string): void {
    if (!text) return;
    if (this.pageBreak && this.lines[this.lines.length - 1].text) this.lineBreak();
    this.pageBreak = false;
    this.lines[this.lines.length - 1].text += text;
  }

  lineBreak(): void {
    this.lines.push({ text: '', paragraph: this.paragraph });
    this.pageBreak = false;
  }

  breakPage(): void {
    this.pageBreak = true;
  }
}

class BodyReader {
  readonly lines: string[] = [];
  readonly sources: SourcePosition[] = [];
  private paragraphs = 0;
  private chars = 0;
  /** Open fields, innermost last: 'code' until their separator, then 'result'. */
  private readonly fields: Array<'code' | 'result'> = [];
  /** The text of paragraphs whose mark was deleted, waiting to join the next paragraph. */
  private joined: ParagraphText | undefined;

  constructor(
    private readonly styles: WordStyles,
    private readonly numbering: ListNumbering,
    private readonly file: string,
  ) {}

  private deeper(depth: number): number {
    if (depth >= MAX_DEPTH) throw new OfficeError('office.corrupt', { file: this.file, detail: 'content nested too deeply' });
    return depth + 1;
  }

  /** The block content of the body, a table cell or a content control. */
  blocks(container: Element, depth: number): void {
    const d = this.deeper(depth);
    for (const el of wChildren(container)) {
      switch (el.localName) {
        case 'p':
          this.paragraph(el, d);
          break;
        case 'tbl':
          this.rows(el, d);
          break;
        case 'sdt':
          this.blocks(wChild(el, 'sdtContent') ?? el, d);
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          this.blocks(el, d);
          break;
      }
    }
  }

  /** The rows of a table, also those wrapped in content controls or custom XML. */
  private rows(container: Element, depth: number): void {
    const d = this.deeper(depth);
    for (const el of wChildren(container)) {
      if (el.localName === 'tr') {
        if (!wChild(wChild(el, 'trPr'), 'del')) this.cells(el, d);
      } else if (el.localName === 'sdt') this.rows(wChild(el, 'sdtContent') ?? el, d);
      else if (el.localName === 'customXml') this.rows(el, d);
    }
  }

  private cells(container: Element, depth: number): void {
    const d = this.deeper(depth);
    for (const el of wChildren(container)) {
      if (el.localName === 'tc') this.blocks(el, d);
      else if (el.localName === 'sdt') this.cells(wChild(el, 'sdtContent') ?? el, d);
      else if (el.localName === 'customXml') this.cells(el, d);
    }
  }

  private paragraph(p: Element, depth: number): void {
    const index = ++this.paragraphs;
    const pPr = wChild(p, 'pPr');
    const style = childVal(pPr, 'pStyle');
    const text = this.joined ?? new ParagraphText(index);
    text.paragraph = index;
    this.inline(p, text, style, depth);
    const mark = wChild(pPr, 'rPr');
    if (wChild(mark, 'del') || wChild(mark, 'moveFrom')) {
      this.joined = text;
      return;
    }
    this.joined = undefined;
    const marker = this.marker(pPr, style);
    text.lines.forEach((line, i) => {
      const out = i === 0 ? marker + line.text : line.text;
      this.chars += out.length + 1;
      if (this.chars > MAX_DOCUMENT_CHARS) throw new OfficeError('office.tooMuchText', { file: this.file, limit: MAX_DOCUMENT_CHARS });
      this.lines.push(out);
      this.sources.push({ paragraph: line.paragraph });
    });
  }

  /** The marker of a numbered paragraph (counting it), from its own numbering properties or its style's. */
  private marker(pPr: Element | undefined, style: string | undefined): string {
    const own = wChild(pPr, 'numPr');
    const fromStyle = this.styles.paragraphNumbering(style);
    const ownNumId = childVal(own, 'numId');
    const numId = ownNumId ?? fromStyle?.numId;
    if (numId === undefined || numId === '0') return '';
    const ilvl = intVal(childVal(own, 'ilvl'), 0, 8) ?? fromStyle?.ilvl;
    return this.numbering.next({ numId, ilvl, styleId: ownNumId === undefined ? fromStyle?.styleId : undefined });
  }

  /** The runs of a paragraph, also those in hyperlinks, insertions, content controls, fields and smart tags. */
  private inline(container: Element, out: ParagraphText, style: string | undefined, depth: number): void {
    const d = this.deeper(depth);
    for (let n = container.firstChild; n; n = n.nextSibling) {
      if (!isW(n)) {
        const fallback = alternateFallback(n as Element);
        if (fallback) this.inline(fallback, out, style, d);
        continue;
      }
      switch (n.localName) {
        case 'r':
          this.run(n, out, style, d);
          break;
        case 'pPr':
        case 'rPr':
        case 'del':
        case 'moveFrom':
        case 'sdtPr':
        case 'sdtEndPr':
        case 'customXmlPr':
        case 'smartTagPr':
          break;
        default:
          this.inline(n, out, style, d);
      }
    }
  }

  private run(r: Element, out: ParagraphText, style: string | undefined, depth: number): void {
    this.runContent(r, this.styles.isHidden(wChild(r, 'rPr'), style), out, style, depth);
  }

  private runContent(r: Element, hidden: boolean, out: ParagraphText, style: string | undefined, depth: number): void {
    const d = this.deeper(depth);
    for (let n = r.firstChild; n; n = n.nextSibling) {
      if (!isW(n)) {
        const fallback = alternateFallback(n as Element);
        if (fallback) this.runContent(fallback, hidden, out, style, d);
        continue;
      }
      if (n.localName === 'fldChar') {
        const type = wAttr(n, 'fldCharType');
        if (type === 'begin') this.fields.push('code');
        else if (type === 'separate' && this.fields.length) this.fields[this.fields.length - 1] = 'result';
        else if (type === 'end') this.fields.pop();
        continue;
      }
      if (hidden || this.fields.includes('code')) continue;
      switch (n.localName) {
        case 't':
          out.text(runText(n));
          break;
        case 'tab':
        case 'ptab':
          out.text('\t');
          break;
        case 'br': {
          const type = wAttr(n, 'type');
          if (type === 'page' || type === 'column') out.breakPage();
          else out.lineBreak();
          break;
        }
        case 'cr':
          out.lineBreak();
          break;
        case 'noBreakHyphen':
          out.text('-');
          break;
        case 'sym': {
          const code = Number.parseInt(wAttr(n, 'char') ?? '', 16);
          if (code > 0 && code <= 0xffff) out.text(symbolFontChar(code));
          break;
        }
        case 'ruby':
          this.inline(wChild(n, 'rubyBase') ?? n, out, style, d);
          break;
      }
    }
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * The text of a `w:t`. Without `xml:space="preserve"` (on it or an ancestor) its leading and trailing blanks are
 * markup indentation, as LibreOffice reads it; a line break inside is a space, as LibreOffice shows it.
 */
function runText(t: Element): string {
  let preserve = false;
  for (let el: Element | null = t; el && el.nodeType === 1; el = el.parentNode as Element | null) {
    const space = el.getAttributeNS(XML_NS, 'space');
    if (space) {
      preserve = space === 'preserve';
      break;
    }
  }
  const text = (t.textContent ?? '').replace(/\r\n?|\n/g, ' ');
  return preserve ? text : text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * Of markup-compatibility alternatives (`mc:AlternateContent`), the fallback, which a reader that knows none of
 * the choices' extensions is to take (ECMA-376 Part 3 §10.2); drawings and text boxes have none that holds runs.
 */
function alternateFallback(el: Element): Element | undefined {
  if (el.nodeType !== 1 || el.localName !== 'AlternateContent') return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === 'Fallback') return n as Element;
  return undefined;
}
