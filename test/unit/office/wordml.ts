import JSZip from 'jszip';

/**
 * Small .docx packages for the tests, written as WordprocessingML: the markup
 * a test is about stays in sight (a library would hide it, and could not
 * write some of it: lvlRestart, a num's lvlOverride, tracked changes).
 */

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const ROOT_ATTRS = `xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`;
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface PackageParts {
  /** The content of `w:body`. */
  body: string;
  /** The content of `w:numbering`. */
  numbering?: string;
  /** The content of `w:styles`. */
  styles?: string;
  /** The main part's name, `word/document.xml` by default. */
  main?: string;
  /** The root element's attributes, to write another namespace. */
  rootAttrs?: string;
}

export async function docx(parts: PackageParts): Promise<Uint8Array> {
  const main = parts.main ?? 'word/document.xml';
  const attrs = parts.rootAttrs ?? ROOT_ATTRS;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="${main}"/></Relationships>`);
  const slash = main.lastIndexOf('/');
  zip.file(
    `${main.slice(0, slash + 1)}_rels/${main.slice(slash + 1)}.rels`,
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="${REL_TYPE}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(main, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${attrs}><w:body>${parts.body}</w:body></w:document>`);
  const folder = main.slice(0, slash + 1);
  zip.file(`${folder}numbering.xml`, `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${attrs}>${parts.numbering ?? ''}</w:numbering>`);
  zip.file(`${folder}styles.xml`, `<?xml version="1.0" encoding="UTF-8"?><w:styles ${attrs}>${parts.styles ?? ''}</w:styles>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A paragraph of runs; `pPr` is the content of its properties. */
export function p(content: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
}

/** A run of text (and whatever else `content` holds), with the run properties `rPr`. */
export function r(content: string, rPr = ''): string {
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}${content}</w:r>`;
}

export function t(text: string): string {
  return `<w:t xml:space="preserve">${text}</w:t>`;
}

/** A paragraph of one run of text. */
export function para(text: string, pPr = ''): string {
  return p(r(t(text)), pPr);
}

export function numPr(numId: number | string, ilvl?: number): string {
  return `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;
}

/** A list level; `extra` goes between numFmt and lvlText (lvlRestart, pStyle, isLgl, suff, in that order). */
export function lvl(ilvl: number, numFmt: string, lvlText: string, extra = '', start = 1): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${numFmt}"/>${extra}<w:lvlText w:val="${lvlText}"/></w:lvl>`;
}

export function abstractNum(id: number, levels: string, extra = ''): string {
  return `<w:abstractNum w:abstractNumId="${id}">${extra}${levels}</w:abstractNum>`;
}

/** A num of an abstract list, with start overrides by level. */
export function num(id: number, abstractId: number, startOverrides: Record<number, number> = {}): string {
  const overrides = Object.entries(startOverrides)
    .map(([ilvl, start]) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
    .join('');
  return `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
}
