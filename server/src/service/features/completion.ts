import type { AgencyRef } from '../registry/resolve';
import { message, type Locale } from '../l10n';
import type { RegistryView } from '../registry/registry';
import type { PlanDocument } from '../syntax/model';
import { CompletionItemKind, type CompletionItem } from '../types';

/** Characters after which a unit name starts inside a clause. */
const UNIT_START = /[（(、，,及]/;
const ROLE_PHRASES = ['牵头，', '负责', '按职责分工负责', '按职责分工分别负责', '分别牵头'];

/**
 * Where the cursor is inside an open clause, the start of the name being
 * typed; undefined elsewhere. A clause is open when a bracket before the
 * cursor on its paragraph has not been closed.
 */
function clauseWordStart(text: string, offset: number): number | undefined {
  let i = offset;
  const limit = Math.max(0, offset - 300);
  while (i > limit) {
    const ch = text[i - 1];
    if (ch === '）' || ch === ')' || ch === '。' || ch === '\n' || ch === '\r') return undefined;
    if (UNIT_START.test(ch)) break;
    i--;
  }
  if (i === limit || !UNIT_START.test(text[i - 1] ?? '')) return undefined;
  // Is there an opening bracket before the word, on the same paragraph, still open?
  for (let j = i - 1; j >= limit; j--) {
    const ch = text[j];
    if (ch === '（' || ch === '(') return i;
    if (ch === '）' || ch === ')' || ch === '。' || ch === '\n') return undefined;
  }
  return undefined;
}

/**
 * Completion inside a clause: the units of this document's region and
 * level, those already named in this plan first (most used first), and
 * the role words. The typed part of the name is replaced and a 、 is added
 * when another name follows, so the clause stays well formed.
 */
export function clauseCompletions(doc: PlanDocument, refs: AgencyRef[], view: RegistryView, offset: number, locale: Locale): CompletionItem[] {
  // Inside a character (between the halves of a surrogate pair) nothing can be typed, and a replace range would split it.
  if (/[\ud800-\udbff]/.test(doc.text[offset - 1] ?? '') && /[\udc00-\udfff]/.test(doc.text[offset] ?? '')) return [];
  const wordStart = clauseWordStart(doc.text, offset);
  if (wordStart === undefined) return [];
  const range = doc.lines.range(wordStart, offset);
  const used = new Map<string, number>();
  for (const r of refs) if (r.agency) used.set(r.agency.name, (used.get(r.agency.name) ?? 0) + 1);
  const units = view.allUnits();
  // Completing in front of another name (（|市公安局负责）) adds the 、 between them.
  const next = doc.text[offset] ?? '';
  const separator = next !== '' && !/[、，,）)及等\s]/.test(next) && !doc.text.startsWith('牵头', offset) && !doc.text.startsWith('负责', offset) && !doc.text.startsWith('按', offset) && !doc.text.startsWith('分别', offset) ? '、' : '';
  const items: CompletionItem[] = units.map((agency) => {
    const count = used.get(agency.name) ?? 0;
    return {
      label: agency.name,
      kind: CompletionItemKind.Module,
      detail: count > 0 ? `${message('completion.used', locale)} ×${count}` : agency.fullName,
      sortText: `${count > 0 ? 0 : 1}${String(100000 - count).padStart(6, '0')}${agency.name}`,
      textEdit: { range, newText: agency.name + separator },
    };
  });
  // Role words follow a complete name: 市公安局牵… completes to 市公安局牵头，
  const typed = doc.text.slice(wordStart, offset);
  const named = units.map((a) => a.name).filter((n) => typed.startsWith(n)).sort((a, b) => b.length - a.length)[0];
  const roleRange = named ? doc.lines.range(wordStart + named.length, offset) : range;
  for (const phrase of ROLE_PHRASES) {
    items.push({ label: phrase, kind: CompletionItemKind.Keyword, sortText: `2${phrase}`, textEdit: { range: roleRange, newText: phrase } });
  }
  return items;
}
