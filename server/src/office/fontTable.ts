import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { FontEntry } from './gbt9704';

/**
 * The docx library writes word/fontTable.xml only for fonts it embeds, and
 * then without w:altName; a Chinese office's Word needs the alternative name
 * to find 仿宋 where 仿宋_GB2312 is not installed. So the package is opened
 * again and the font table filled in as a DOM, each font an element with
 * its fallback, charset, family and pitch (ECMA-376 §17.8.3), in the order
 * CT_Font puts them.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const FONT_TABLE = 'word/fontTable.xml';

export async function withFontTable(docx: Uint8Array, fonts: readonly FontEntry[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const part = zip.file(FONT_TABLE);
  // The library always writes the part and its relationship; a package without it is a library change to notice at once.
  if (!part) throw new Error(`the docx library wrote no ${FONT_TABLE}`);
  const doc = new DOMParser().parseFromString(await part.async('string'), 'text/xml');
  const root = doc.documentElement!;
  const child = (parent: ReturnType<typeof doc.createElementNS>, name: string, value: string) => {
    const el = doc.createElementNS(W, `w:${name}`);
    el.setAttributeNS(W, 'w:val', value);
    parent.appendChild(el);
  };
  for (const font of fonts) {
    const el = doc.createElementNS(W, 'w:font');
    el.setAttributeNS(W, 'w:name', font.name);
    if (font.altName) child(el, 'altName', font.altName);
    child(el, 'charset', font.charset);
    child(el, 'family', font.family);
    child(el, 'pitch', font.pitch);
    root.appendChild(el);
  }
  zip.file(FONT_TABLE, new XMLSerializer().serializeToString(doc));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
