import { DOMParser, type Document } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { OfficeError } from './document';

/**
 * An Office Open XML package (the zip of a .docx): its parts by name, the
 * relationships between them, each part parsed as XML. Every way a damaged
 * or hostile zip can fail ends in an OfficeError, no part is inflated beyond
 * MAX_PART_BYTES, whatever its header claims, and none of more than
 * MAX_PART_TAGS tags is parsed: a zip bomb stops there.
 */

/** No real document.xml comes near this (a thousand-page report is tens of megabytes). */
export const MAX_PART_BYTES = 200 * 1024 * 1024;
/**
 * The DOM of @xmldom/xmldom takes about 650 bytes per tag: a part of more tags than this would take gigabytes
 * and could bring the server down, long before MAX_PART_BYTES. A Word-written plan of thirty pages has some
 * tens of thousands; a thousand-page report a few hundred thousand.
 */
export const MAX_PART_TAGS = 1_000_000;

const RELATIONSHIP_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface OoxmlPackage {
  /** A part parsed as XML, or undefined when the package has no part of that name. */
  xml(part: string): Promise<Document | undefined>;
  /**
   * The part that `source` ('' for the package itself) relates to by a relationship of `type`, named by the last
   * segment of its URI (`officeDocument`, `styles`, `numbering`: the transitional and the strict URIs alike).
   */
  related(source: string, type: string): Promise<string | undefined>;
}

function isZip(bytes: Uint8Array): boolean {
  // A local file header, or the end record of an empty archive.
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

export async function openPackage(bytes: Uint8Array, file: string): Promise<OoxmlPackage> {
  if (!isZip(bytes)) throw new OfficeError('office.notZip', { file });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new OfficeError('office.corrupt', { file, detail: `zip: ${errorText(e)}` });
  }
  // Part names are case-insensitive (OPC §9.1.1.2); zips written by other tools do not always keep Word's case.
  const entries = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) entries.set(entry.name.toLowerCase(), entry);

  const parts = new Map<string, Promise<Document | undefined>>();
  const xml = (part: string) => {
    let doc = parts.get(part);
    if (!doc) {
      doc = readXml(entries.get(part.toLowerCase()), part, file);
      parts.set(part, doc);
    }
    return doc;
  };
  return {
    xml,
    async related(source, type) {
      const slash = source.lastIndexOf('/');
      const folder = source.slice(0, slash + 1);
      const rels = await xml(`${folder}_rels/${source.slice(slash + 1)}.rels`);
      if (!rels) return undefined;
      const list = rels.getElementsByTagNameNS(RELATIONSHIP_NS, 'Relationship');
      for (let i = 0; i < list.length; i++) {
        const rel = list[i];
        const target = rel.getAttribute('Target');
        if (rel.getAttribute('TargetMode') === 'External' || !target) continue;
        if ((rel.getAttribute('Type') ?? '').split('/').pop() === type) return resolvePart(folder, target);
      }
      return undefined;
    },
  };
}

/** A relationship's target as a part name: relative to the source's folder unless it starts with `/`. */
function resolvePart(folder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s && s !== '.') segments.push(s);
  }
  return segments.join('/');
}

async function readXml(entry: JSZip.JSZipObject | undefined, part: string, file: string): Promise<Document | undefined> {
  if (!entry) return undefined;
  const bytes = await inflate(entry, part, file);
  const text = new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8').decode(bytes);
  let tags = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    if (++tags > MAX_PART_TAGS) throw new OfficeError('office.tooComplex', { file, part, limit: MAX_PART_TAGS });
  }
  try {
    return new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new OfficeError('office.corrupt', { file, detail: `${part}: ${errorText(e)}` });
  }
}

function inflate(entry: JSZip.JSZipObject, part: string, file: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (detail: string) => {
      if (settled) return;
      settled = true;
      stream.pause();
      stream.removeAllListeners();
      reject(new OfficeError('office.corrupt', { file, detail: `${part}: ${detail}` }));
    };
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_PART_BYTES) fail(`more than ${MAX_PART_BYTES / 1024 / 1024} MB uncompressed`);
      else chunks.push(chunk);
    });
    stream.on('error', (e: unknown) => fail(errorText(e)));
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
  });
}

/** The first line of an error's message, short enough for the user's message. */
export function errorText(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
