import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { FontEntry } from './gbt9704';

/**
 * What the docx library cannot write, added to its package as DOM edits
 * (jszip to open it, xmldom to read and write the parts):
 *
 * - word/fontTable.xml lists fonts only when it embeds them, and never with
 *   w:altName; a Chinese office's Word needs the alternative name to find
 *   仿宋 where 仿宋_GB2312 is not installed. Each font becomes an element
 *   with its fallback, charset, family and pitch (ECMA-376 §17.8.3).
 * - A paragraph of exact line spacing: Word sets it at that spacing, grid or
 *   not; LibreOffice snaps it to the document grid all the same (a 2号 title
 *   line takes two grid lines there) unless the paragraph says it does not
 *   snap, which the library has no option for. So each says w:snapToGrid 0.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const FONT_TABLE = 'word/fontTable.xml';
const DOCUMENT = 'word/document.xml';

async function editPart(zip: JSZip, name: string, edit: (doc: XmlDocument) => void): Promise<void> {
  const part = zip.file(name);
  // The library always writes these parts; a package without one is a change of the library to notice at once.
  if (!part) throw new Error(`the docx library wrote no ${name}`);
  // Warnings stay quiet (xmldom's console output would reach the server's log for every U+FFFD); an error is a library bug.
  const onError = (level: 'warning' | 'error' | 'fatalError', message: string) => {
    if (level !== 'warning') throw new Error(`${name}: ${message}`);
  };
  const doc = new DOMParser({ onError }).parseFromString(await part.async('string'), 'text/xml');
  edit(doc);
  zip.file(name, new XMLSerializer().serializeToString(doc));
}

function fillFontTable(doc: XmlDocument, fonts: readonly FontEntry[]): void {
  const root = doc.documentElement!;
  for (const font of fonts) {
    const el = doc.createElementNS(W, 'w:font');
    el.setAttributeNS(W, 'w:name', font.name);
    // In the order CT_Font puts them.
    const values: Array<[string, string | undefined]> = [['altName', font.altName], ['charset', font.charset], ['family', font.family], ['pitch', font.pitch]];
    for (const [name, value] of values) {
      if (value === undefined) continue;
      const child = doc.createElementNS(W, `w:${name}`);
      child.setAttributeNS(W, 'w:val', value);
      el.appendChild(child);
    }
    root.appendChild(el);
  }
}

function unsnapExactLines(doc: XmlDocument): void {
  for (const spacing of Array.from(doc.getElementsByTagNameNS(W, 'spacing'))) {
    const pPr = spacing.parentNode as Element | null;
    if (!pPr || pPr.localName !== 'pPr' || pPr.namespaceURI !== W || spacing.getAttributeNS(W, 'lineRule') !== 'exact') continue;
    const snap = doc.createElementNS(W, 'w:snapToGrid');
    snap.setAttributeNS(W, 'w:val', '0');
    // CT_PPrBase puts snapToGrid just before spacing.
    pPr.insertBefore(snap, spacing);
  }
}

export async function finishPackage(docx: Uint8Array, fonts: readonly FontEntry[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  await editPart(zip, FONT_TABLE, (doc) => fillFontTable(doc, fonts));
  await editPart(zip, DOCUMENT, unsnapExactLines);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
