import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { OfficeError } from '../../../server/src/office/document';
import { createLanguageService } from '../../../server/src/service';
import { freshDoc, REPO_ROOT } from '../util';
import { W_NS } from './wordml';

/** The committed Word fixtures (scripts/fixtures/office-docx.mjs makes them). */
const OFFICE_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'office');
export const fixture = (name: string) => new Uint8Array(readFileSync(join(OFFICE_FIXTURES, name)));

const service = createLanguageService({ locale: 'zh-cn' });
/** What a reviewer sees of each diagnostic: its rule, where, and its words. */
export function diagnosticsOf(text: string) {
  return service.computeDiagnostics(freshDoc(text)).map((d) => ({ code: d.code, range: d.range, message: d.message }));
}

export async function officeError(read: Promise<unknown>): Promise<OfficeError> {
  try {
    await read;
  } catch (e) {
    if (e instanceof OfficeError) return e;
    throw e;
  }
  assert.fail('read without an error');
}

/** The paragraphs of a fixture's body as the file has them: their numbering and their own text. */
export async function bodyParagraphs(bytes: Uint8Array): Promise<Array<{ numbered: boolean; text: string }>> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const body = new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagNameNS(W_NS, 'body')[0];
  const out: Array<{ numbered: boolean; text: string }> = [];
  for (let n = body.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1 || n.localName !== 'p') continue;
    const el = n as Element;
    out.push({ numbered: el.getElementsByTagNameNS(W_NS, 'numPr').length > 0, text: el.textContent ?? '' });
  }
  return out;
}

