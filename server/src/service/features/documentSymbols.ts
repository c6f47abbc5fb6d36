import { message, type Locale } from '../l10n';
import type { Heading, PlanDocument } from '../syntax/model';
import { SymbolKind, type DocumentSymbol } from '../types';

const KIND_BY_LEVEL = [SymbolKind.Namespace, SymbolKind.Namespace, SymbolKind.Class, SymbolKind.Method, SymbolKind.Field];
const MAX_TITLE = 40;

function clip(s: string): string {
  return s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE)}…` : s;
}

/** The outline: notice, title, then sections → items → sub-items with their titles. */
export function documentSymbols(doc: PlanDocument, locale: Locale): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const { notice } = doc;
  const noticeParts = [notice.issuer, notice.documentNumber, notice.title, notice.addressee, notice.date].filter((p) => p !== undefined);
  if (noticeParts.length > 0) {
    const start = Math.min(...noticeParts.map((p) => p.start));
    const end = Math.max(...noticeParts.map((p) => p.end));
    const selection = notice.title ?? noticeParts[0];
    symbols.push({
      name: message('symbol.notice', locale),
      detail: notice.documentNumber?.text,
      kind: SymbolKind.Object,
      range: doc.lines.range(start, end),
      selectionRange: doc.lines.range(selection.start, selection.end),
    });
  }
  if (doc.title) {
    symbols.push({ name: clip(doc.title.text), kind: SymbolKind.File, range: doc.lines.range(doc.title.start, doc.title.end), selectionRange: doc.lines.range(doc.title.start, doc.title.end) });
  }
  const toSymbol = (h: Heading): DocumentSymbol => ({
    name: `${h.marker.text.trim()}${clip(h.title.text)}`,
    detail: h.clauses[0]?.content,
    kind: KIND_BY_LEVEL[h.level],
    range: doc.lines.range(h.start, h.end),
    selectionRange: doc.lines.range(h.marker.start, Math.max(h.title.end, h.marker.end)),
    children: h.children.map(toSymbol),
  });
  return symbols.concat(doc.roots.map(toSymbol));
}
