import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';

/**
 * Reading what the office writers wrote, as Word would: unzip the package,
 * parse its parts, look elements up by namespace; and LibreOffice and
 * poppler for what a reader of the printed page sees.
 */

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export interface Package {
  zip: JSZip;
  part(name: string): Promise<XmlDocument>;
}

export async function openPackage(bytes: Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    zip,
    async part(name: string) {
      const file = zip.file(name);
      if (!file) throw new Error(`no part ${name} in the package`);
      // xmldom warns of every U+FFFD, which the writers put where a character XML cannot hold was; anything else fails.
      const onError = (level: string, message: string) => {
        if (!(level === 'warning' && /replacement character/.test(message))) throw new Error(`${name}: ${message}`);
      };
      return new DOMParser({ onError }).parseFromString(await file.async('string'), 'text/xml');
    },
  };
}

/** Descendants of `node` named `local` in namespace `ns` (w: by default), in document order. */
export function all(node: XmlDocument | Element, local: string, ns = W): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

export function first(node: XmlDocument | Element, local: string, ns = W): Element | undefined {
  return all(node, local, ns)[0];
}

/** Children of `node` named `local` (not deeper descendants). */
export function children(node: Element, local: string, ns = W): Element[] {
  return Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === ns);
}

/** A w: attribute's value, or undefined. */
export function wAttr(el: Element | undefined, name: string): string | undefined {
  return el?.getAttributeNS(W, name) ?? undefined;
}

/** The text of a paragraph as Word reads it: its w:t, a w:tab as a tab, in order. */
export function paragraphText(p: Element): string {
  let text = '';
  const walk = (node: Element) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (el.namespaceURI === W && el.localName === 't') text += el.textContent ?? '';
      else if (el.namespaceURI === W && el.localName === 'tab' && node.localName === 'r') text += '\t';
      else walk(el);
    }
  };
  walk(p);
  return text;
}

/** The paragraphs of the document body (not those of table cells). */
export function bodyParagraphs(doc: XmlDocument): Element[] {
  return children(first(doc, 'body')!, 'p');
}

/**
 * Converts Word files to PDF with LibreOffice, in one call (each start costs
 * a second or two), in a profile of its own so that concurrent runs do not
 * share one; returns the PDFs' paths by input name.
 */
export function convertToPdf(files: Record<string, Uint8Array>): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workplan-office-'));
  const inputs = Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  });
  const profile = path.join(dir, 'profile');
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], { stdio: 'pipe', timeout: 120_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out: Record<string, string> = {};
  for (const name of Object.keys(files)) {
    const pdf = path.join(dir, name.replace(/\.[^.]+$/, '.pdf'));
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${name}`);
    out[name] = pdf;
  }
  return out;
}

export function pdfText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, pdf, '-'], { encoding: 'utf8' });
}

export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
