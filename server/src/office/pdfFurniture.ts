import type { PdfLine } from './pdfLines';

/**
 * What a PDF prints on its pages that is no part of the plan: page numbers
 * ("— 2 —", "-2-", "第 2 页", "2/10", "2" …) and running headers and footers.
 * Each is known by where it stands (at the head or the foot of the page,
 * outside the text) and by what it is: a page number has the form of one
 * and counts with the pages; a running line repeats, in the same place, on
 * most pages. Either alone is not enough: a plan pasted from another PDF may
 * carry that PDF's page markers in its body, where they are text (the
 * checker reports them), and a body line may stand near the foot of a page.
 */

export interface PdfPage {
  /** 1-based. */
  number: number;
  /** The page as shown, in points. */
  width: number;
  height: number;
  lines: PdfLine[];
}

export interface Furniture {
  /** The pages without their furniture. */
  pages: PdfPage[];
  pageNumbers: number;
  /** The running lines dropped, one per page that printed them. */
  runningLines: number;
  /** The text of each running line, as its first page printed it. */
  runningTexts: string[];
}

/** The share of the page's height, from the top and from the bottom, where headers, footers and page numbers stand. */
const ZONE = 0.15;
/** How many lines from each edge of a page may be furniture: a page number and a running title beside it. */
const DEPTH = 2;
/** A running line stands in the same place on every page: its baselines within this many points. */
const SAME_PLACE = 3;

const DASH = '[-—–－−~～·]';
/** Page-number forms, on the line's text without spaces and with ASCII digits; group 1 is the number. */
const NUMBER_FORMS: readonly RegExp[] = [
  new RegExp(`^${DASH}{1,2}(\\d{1,4})${DASH}{1,2}$`),
  /^第(\d{1,4})页(?:[,，]?共\d{1,4}页)?$/,
  /^(\d{1,4})\/\d{1,4}$/,
  /^(?:page)?(\d{1,4})(?:of\d{1,4})?$/i,
];

function compact(text: string): string {
  return text.replace(/\s/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** The number a line prints, when it has the form of a page number. */
export function pageNumberOf(text: string): number | undefined {
  const c = compact(text);
  for (const form of NUMBER_FORMS) {
    const m = form.exec(c);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The lines near each edge of a page that may be furniture, outermost first, by index into the page's lines. */
function edgeLines(page: PdfPage): number[] {
  const { lines, height } = page;
  const at: number[] = [];
  for (let i = 0; i < Math.min(DEPTH, lines.length) && lines[i].y < ZONE * height; i++) at.push(i);
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - DEPTH) && lines[i].y > (1 - ZONE) * height; i--) if (!at.includes(i)) at.push(i);
  return at;
}

export function dropFurniture(pages: readonly PdfPage[]): Furniture {
  const withText = pages.filter((p) => p.lines.length > 0);
  // Furniture that is on at least half the pages with text is the document's; less is chance.
  const quorum = Math.ceil(withText.length / 2);
  const drop = new Map<PdfPage, Set<number>>(withText.map((p) => [p, new Set<number>()]));

  // Page numbers count with the pages, at a fixed offset (a cover without a number makes it -1).
  const numbered: Array<{ page: PdfPage; line: number; offset: number }> = [];
  for (const page of withText) {
    for (const i of edgeLines(page)) {
      const n = pageNumberOf(page.lines[i].text);
      if (n !== undefined) numbered.push({ page, line: i, offset: n - page.number });
    }
  }
  const offsets = new Map<number, number>();
  for (const c of numbered) offsets.set(c.offset, (offsets.get(c.offset) ?? 0) + 1);
  let offset: number | undefined;
  for (const [o, n] of offsets) if (n >= quorum && (offset === undefined || n > offsets.get(offset)!)) offset = o;
  let pageNumbers = 0;
  for (const c of numbered) {
    if (c.offset === offset) {
      drop.get(c.page)!.add(c.line);
      pageNumbers++;
    }
  }

  // Running lines: the same words (whatever numbers they hold) in the same place, page after page.
  let runningLines = 0;
  const runningTexts: string[] = [];
  if (withText.length >= 2) {
    const places = new Map<string, Array<{ page: PdfPage; line: number; y: number }>>();
    for (const page of withText) {
      for (const i of edgeLines(page)) {
        if (drop.get(page)!.has(i)) continue;
        const key = compact(page.lines[i].text).replace(/\d+/g, '#');
        const list = places.get(key) ?? [];
        list.push({ page, line: i, y: page.lines[i].y });
        places.set(key, list);
      }
    }
    for (const list of places.values()) {
      const ys = list.map((c) => c.y).sort((a, b) => a - b);
      const y = ys[ys.length >> 1];
      const here = list.filter((c) => Math.abs(c.y - y) <= SAME_PLACE);
      if (new Set(here.map((c) => c.page)).size < Math.max(2, quorum)) continue;
      for (const c of here) drop.get(c.page)!.add(c.line);
      runningLines += here.length;
      runningTexts.push(here[0].page.lines[here[0].line].text);
    }
  }

  return {
    pages: pages.map((p) => {
      const dropped = drop.get(p);
      return dropped && dropped.size > 0 ? { ...p, lines: p.lines.filter((_, i) => !dropped.has(i)) } : p;
    }),
    pageNumbers,
    runningLines,
    runningTexts,
  };
}
