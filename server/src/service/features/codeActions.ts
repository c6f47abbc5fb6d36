import { message, type Locale, type MessageArgs, type MessageKey } from '../l10n';
import { renumberEdits, widthEdits, type LevelNumbering } from '../syntax/numbering';
import type { FixArgs, FixKind, Problem } from '../checks/problem';
import type { PlanDocument } from '../syntax/model';
import { CodeActionKind, type CodeAction, type DiagnosticRef, type Range, type TextEdit } from '../types';
import { DIAGNOSTIC_SOURCE, levelName, type DiagnosticData } from './diagnostics';
import { mergeEdits, toTextEdits, type OffsetEdit } from './edits';
import { ADD_TO_REGISTRY_COMMAND } from '../../protocol';

export interface CodeActionContext<D extends DiagnosticRef = DiagnosticRef> {
  diagnostics: D[];
  /** Requested kinds; undefined means all. */
  only?: string[];
}

/** The inputs a code action needs beyond the diagnostic's own data. */
export interface CodeActionInput {
  uri: string;
  version: number;
  doc: PlanDocument;
  numbering: LevelNumbering[];
  /** The problems of this version, as the checks found them. */
  problems: Problem[];
  locale: Locale;
}

const FIX_TITLES: Record<FixKind, MessageKey> = {
  marker: 'fix.marker',
  removePageMarker: 'fix.removePageMarker',
  joinLine: 'fix.joinLine',
  closeClause: 'fix.closeClause',
  replaceUnit: 'fix.replaceUnit',
  removeUnit: 'fix.removeUnit',
  insertRole: 'fix.insertRole',
  insertTask: 'fix.insertTask',
};

/** Words a fix's title derives from its arguments, in the locale, as WORDS does for messages: an insertion names the national units it keeps. */
const FIX_WORDS: { [K in FixKind]?: (args: FixArgs[K], locale: Locale) => MessageArgs } = {
  insertTask: ({ units }, locale) => ({ unitsNote: units ? message('fix.insertTaskUnits', locale, { units }) : '' }),
};

function fixTitle(kind: FixKind, args: FixArgs[FixKind] | undefined, locale: Locale): string {
  // TypeScript does not relate a kind to its member of FixArgs through the union (as with WORDS).
  const words = FIX_WORDS[kind] as ((args: FixArgs[FixKind], locale: Locale) => MessageArgs) | undefined;
  return message(FIX_TITLES[kind], locale, args, words && args ? words(args, locale) : undefined);
}

/** Fixes that need no human decision, so fix-all applies them (unit fixes and insertions do need one). */
const MECHANICAL_FIXES = new Set<FixKind>(['removePageMarker', 'joinLine', 'closeClause']);

/** Codes whose most likely cause is an inserted or deleted item, so renumbering is the preferred fix. */
const RENUMBER_PREFERRED = new Set(['numbering.gap', 'numbering.duplicate', 'numbering.convention']);

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function action<D extends DiagnosticRef>(input: CodeActionInput, title: string, kind: string, edits: TextEdit[], diagnostics?: D[], isPreferred?: boolean): CodeAction<D> {
  return { title, kind, diagnostics, isPreferred, edit: { changes: { [input.uri]: edits } } };
}

function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions<D extends DiagnosticRef>(input: CodeActionInput, range: Range, context: CodeActionContext<D>): CodeAction<D>[] {
  const actions: CodeAction<D>[] = [];
  const { doc, locale } = input;
  if (wants(context.only, CodeActionKind.QuickFix)) {
    const offered = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || !rangesTouch(d.range, range)) continue;
      actions.push(...quickFixes(input, d, offered));
    }
  }
  if (wants(context.only, CodeActionKind.SourceFixAllWorkplan)) {
    const edits = fixAllEdits(input.numbering, input.problems);
    if (edits.length > 0) actions.push(action<D>(input, message('fix.all', locale), CodeActionKind.SourceFixAllWorkplan, toTextEdits(doc, edits)));
  }
  return actions;
}

function quickFixes<D extends DiagnosticRef>(input: CodeActionInput, d: D, offered: Set<string>): CodeAction<D>[] {
  const { doc, locale } = input;
  const data = (d.data ?? {}) as Partial<DiagnosticData>;
  const actions: CodeAction<D>[] = [];
  // Fixes computed for another version of the text would land in the wrong place.
  if (data.version !== input.version) return actions;
  // Where no single-marker fix is offered (a swapped pair, a gap the items after it follow), renumbering is the fix.
  const preferRenumber = RENUMBER_PREFERRED.has(String(d.code)) || !data.fixes?.length;
  (data.fixes ?? []).forEach((fix, i) => {
    const title = fixTitle(fix.kind, fix.args, locale);
    actions.push(action(input, title, CodeActionKind.QuickFix, [fix.edit, ...(fix.more ?? [])], [d], i === 0 && !preferRenumber));
  });
  if (data.renumber) {
    const n = input.numbering.find((x) => x.level === data.renumber!.level);
    const at = doc.lines.offsetAt(data.renumber.at ?? d.range.start);
    const index = n ? n.headings.findIndex((h) => h.marker.start === at) : -1;
    const edits = n && index >= 0 ? renumberEdits(n, index, data.renumber.from) : [];
    if (edits.length > 0) {
      const title = message(data.renumber.at ? 'fix.renumberFromPrevious' : 'fix.renumber', locale, { levelName: levelName(n!.level, locale) });
      actions.push(action(input, title, CodeActionKind.QuickFix, toTextEdits(doc, edits), [d], preferRenumber));
    }
  }
  if (data.width && !offered.has(`width:${data.width.level}`)) {
    offered.add(`width:${data.width.level}`);
    const n = input.numbering.find((x) => x.level === data.width!.level);
    const edits = n ? widthEdits(n) : [];
    if (edits.length > 1) {
      const title = message('fix.width', locale, {
        levelName: levelName(n!.level, locale),
        widthName: message(`width.${n!.width}`, locale),
      });
      actions.push(action(input, title, CodeActionKind.QuickFix, toTextEdits(doc, edits), [d]));
    }
  }
  if (data.addToRegistry) {
    const title = message('fix.addToRegistry', locale, { unit: data.addToRegistry.name });
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: ADD_TO_REGISTRY_COMMAND, arguments: [data.addToRegistry] } });
  }
  if (d.code === 'text.broken-line' && !offered.has('joinAll')) {
    offered.add('joinAll');
    const joins = input.problems.filter((p) => p.code === 'text.broken-line').flatMap((p) => p.fixes);
    if (joins.length > 1) actions.push(action(input, message('fix.joinAllLines', locale), CodeActionKind.QuickFix, toTextEdits(doc, mergeEdits(joins)), [d]));
  }
  return actions;
}

/**
 * Everything that can be fixed without a human decision, as one edit:
 * every level renumbered in the document's own convention and width, page
 * markers removed, broken lines joined, unclosed clauses closed.
 */
export function fixAllEdits(numbering: LevelNumbering[], problems: Problem[]): OffsetEdit[] {
  const artifacts: OffsetEdit[] = problems.flatMap((p) => p.fixes).filter((f) => MECHANICAL_FIXES.has(f.kind));
  return mergeEdits(artifacts.concat(...numbering.map((n) => renumberEdits(n))));
}

/** Every level renumbered in the document's own convention and width, and nothing else. */
export function renumberAllEdits(numbering: LevelNumbering[]): OffsetEdit[] {
  return mergeEdits(numbering.flatMap((n) => renumberEdits(n)));
}
