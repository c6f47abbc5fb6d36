import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createLanguageService, type CodeAction, type Diagnostic, type PlanTextDocument, type Position, type TextEdit, type WorkplanLanguageService } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';

/** Repository root: this file runs from out/test/unit. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SEEDS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'seeds');

export const SEED_NAMES = ['national-2020', 'xiamen-city-2020', 'guandu-district-2020', 'jiyuan-zone-2023', 'nantong-city-2017'] as const;
export type SeedName = (typeof SEED_NAMES)[number];

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

export interface TestDoc extends PlanTextDocument {
  readonly text: string;
}

export function makeDoc(text: string, uri = 'test://plan.workplan', version = 1): TestDoc {
  return { uri, version, text, getText: () => text };
}

let docCounter = 0;
/** A document with a fresh URI, so that no cached analysis of another text can answer for it. */
export function freshDoc(text: string, version = 1): TestDoc {
  return makeDoc(text, `test://doc-${++docCounter}.workplan`, version);
}

const seedCache = new Map<string, string>();
export function loadSeed(name: SeedName | string): string {
  let text = seedCache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(SEEDS_DIR, `${name}.txt`), 'utf8');
    seedCache.set(name, text);
  }
  return text;
}

/** Applies LSP edits to a text: all offsets are computed on the original text, then applied from the end. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const spans = edits.map((e, i) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, i }));
  spans.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Offsets of LSP edits in `text`, sorted by start. */
export function editOffsets(text: string, edits: readonly TextEdit[]): Array<{ start: number; end: number; newText: string }> {
  const index = new LineIndex(text);
  return edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** '…|…' → the text without the marker and the position of the marker. */
export function withCursor(marked: string, marker = '|'): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf(marker);
  assert.ok(offset >= 0, `no cursor marker '${marker}' in fixture`);
  assert.strictEqual(marked.indexOf(marker, offset + marker.length), -1, 'more than one cursor marker in fixture');
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, position: new LineIndex(text).positionAt(offset), offset };
}

export function service(locale = 'zh-cn'): WorkplanLanguageService {
  return createLanguageService({ locale, registry: BUILTIN_REGISTRY });
}

/** As the server and the CLI create it: the built-in registry and the built-in national plans (data/national/*.txt). */
export function nationalService(locale = 'zh-cn'): WorkplanLanguageService {
  return createLanguageService({ locale, registry: BUILTIN_REGISTRY, nationalPlans: BUILTIN_NATIONAL_PLANS });
}

export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `'${needle}' not found in fixture`);
  return new LineIndex(text).positionAt(at).line;
}

/** The lines of a text (split on \r\n, \r or \n, as LineIndex does). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Compact structural summary of a parsed plan, for comparing two parses. */
export function outline(svc: WorkplanLanguageService, doc: PlanTextDocument): string[] {
  const plan = svc.parse(doc);
  const out: string[] = [];
  const visit = (h: (typeof plan.roots)[number], depth: number) => {
    out.push(`${'  '.repeat(depth)}L${h.level} ${h.marker.value} ${h.title.text} [${h.clauses.length}]`);
    h.children.forEach((c) => visit(c, depth + 1));
  };
  plan.roots.forEach((r) => visit(r, 0));
  return out;
}

export function seedDoc(name: SeedName, version = 1): TestDoc {
  return makeDoc(loadSeed(name), `test://seeds/${name}.workplan`, version);
}

/** Headings of one level in document order. */
export function headingsOf(svc: WorkplanLanguageService, doc: PlanTextDocument, level: number) {
  return svc.parse(doc).headings.filter((h) => h.level === level);
}

export { prng } from '../../scripts/synthetic';

export function isInside(text: string, range: { start: Position; end: Position }): boolean {
  const index = new LineIndex(text);
  const ok = (p: Position) => p.line >= 0 && p.line < index.lineCount && p.character >= 0
    && index.lineStarts[p.line] + p.character <= index.lineContentEnd(p.line);
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return ok(range.start) && ok(range.end) && before(range.start, range.end);
}

export function loadFixture(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', relative), 'utf8');
}

/** The kinds of code action, told apart by their (Chinese) titles. */
export type FixKind = 'marker' | 'renumber' | 'width' | 'removePageMarker' | 'joinLine' | 'joinAllLines' | 'closeClause'
  | 'replaceUnit' | 'removeUnit' | 'insertRole' | 'insertTask' | 'addToRegistry' | 'fixAll';

export function kindOf(a: CodeAction): FixKind {
  if (a.kind?.startsWith('source.fixAll')) return 'fixAll';
  const t = a.title;
  if (/^将序号改为/.test(t)) return 'marker';
  if (/^从(此处|上一项)起重新编排.级序号$/.test(t)) return 'renumber';
  if (/^将全文.级序号统一为(全角|半角)$/.test(t)) return 'width';
  if (/^删除页码标记“.+”$/.test(t)) return 'removePageMarker';
  if (t === '合并断行') return 'joinLine';
  if (t === '合并全文所有断行') return 'joinAllLines';
  if (/^补上右括号/.test(t)) return 'closeClause';
  if (/^改为“.+”$/.test(t)) return 'replaceUnit';
  if (/^删除重复的“.+”$/.test(t)) return 'removeUnit';
  if (/^补上“负责”$/.test(t)) return 'insertRole';
  if (/^在此处补充全国任务/.test(t)) return 'insertTask';
  if (/^将“.+”加入工作区注册表$/.test(t)) return 'addToRegistry';
  throw new Error(`unexpected code action ${JSON.stringify(t)}`);
}
