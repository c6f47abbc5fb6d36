import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import type { CodeAction, Diagnostic, WorkplanLanguageService } from '../../server/src/service';
import { Registry, type RegistryView } from '../../server/src/service/registry/registry';
import { addUnitToRegistryText, createLanguageService, parseRegistryFile } from '../../server/src/service';
import { matchMarker } from '../../server/src/service/syntax/markers';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { allMutations, SEQUENCE_CODES } from './mutations';
import {
  applyEdits, editOffsets, freshDoc, joinLines, loadFixture, loadSeed, outline, REPO_ROOT, SEED_NAMES, service, withCursor, type TestDoc,
  kindOf,
  type FixKind,
} from './util';

const svc = service('zh-cn');
const PAGE_MARKER_LINE = /^[ \t\u3000]*(?:[—–－-]{1,2}[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[—–－-]{1,2}|第[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页)[ \t\u3000]*$/;
const FIXED_BY_FIX_ALL = /^(numbering\.(gap|duplicate|order|convention|punctuation|width)|text\.page-marker|text\.broken-line|clause\.malformed)$/;

type Kind = FixKind;

const REGISTRY = new Registry(BUILTIN_REGISTRY);
const AGENCY_OR_CLAUSE = /^(agency|clause)\./;
/** Codes whose quick fix (when there is one) is a unit replacement: they are offered one only when the message names the expected unit. */
const UNIT_CODES = new Set(['agency.level', 'agency.national-in-local']);

const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
const lineKey = (d: Diagnostic) => `${d.code}@${d.range.start.line}`;

function levelAt(service: WorkplanLanguageService, doc: TestDoc, line: number): number | undefined {
  return service.parse(doc).headings.find((h) => h.line === line)?.level;
}

function numberingOfLevel(service: WorkplanLanguageService, doc: TestDoc, ds: Diagnostic[], level: number): Diagnostic[] {
  return ds.filter((d) => d.code.startsWith('numbering.') && d.code !== 'numbering.level' && levelAt(service, doc, d.range.start.line) === level);
}

/** Levels, numbers and clause counts of every heading (titles are checked in the parser tests). */
function skeleton(doc: TestDoc): string[] {
  return svc.parse(doc).headings.map((h) => `${h.level}:${h.marker.value}:${h.clauses.length}`);
}

function quickFixes(doc: TestDoc, d: Diagnostic): CodeAction[] {
  return svc.getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] });
}

/**
 * Applies one quick fix and checks, for its kind, exactly what must have
 * changed: the edits touch only what the fix names, the text still parses to
 * the same headings, and the diagnostic is gone (or, for a single-marker fix
 * of a sequence problem, replaced only by numbering problems further down).
 */
function checkQuickFix(doc: TestDoc, before: Diagnostic[], d: Diagnostic, action: CodeAction): void {
  const text = doc.text;
  const kind = kindOf(action);
  const label = `${kind} for ${d.code} at ${d.range.start.line}: ${d.message}`;
  assert.strictEqual(action.kind, 'quickfix');
  assert.deepStrictEqual(action.diagnostics, [d], label);
  if (kind === 'addToRegistry') {
    checkAddToRegistry(doc, d, action, label);
    return;
  }
  assert.strictEqual(action.command, undefined, `${label}: an edit, not a command`);
  assert.deepStrictEqual(Object.keys(action.edit!.changes), [doc.uri], label);
  const edits = action.edit!.changes[doc.uri];
  assert.ok(edits.length > 0, `${label}: has edits`);
  const offsets = editOffsets(text, edits);
  for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i - 1].end <= offsets[i].start, `${label}: edits overlap`);

  const after = applyEdits(text, edits);
  // Nothing outside the edited ranges changes.
  const first = offsets[0];
  const last = offsets[offsets.length - 1];
  assert.strictEqual(after.slice(0, first.start), text.slice(0, first.start), `${label}: prefix`);
  assert.strictEqual(after.slice(after.length - (text.length - last.end)), text.slice(last.end), `${label}: suffix`);
  let rebuilt = '';
  let at = 0;
  for (const o of offsets) {
    rebuilt += text.slice(at, o.start) + o.newText;
    at = o.end;
  }
  assert.strictEqual(rebuilt + text.slice(at), after);

  // What each kind may touch.
  const plan = svc.parse(doc);
  const markerStarts = new Map(plan.headings.map((h) => [h.marker.start, h]));
  for (const o of offsets) {
    const replaced = text.slice(o.start, o.end);
    switch (kind) {
      case 'marker':
      case 'renumber':
      case 'width': {
        const h = markerStarts.get(o.start);
        assert.ok(h && h.marker.end === o.end, `${label}: edit ${JSON.stringify(replaced)} is exactly a heading marker`);
        const m = matchMarker(`${o.newText}任务`);
        assert.ok(m && m.text === o.newText && m.suffix === '' && m.level === h.level, `${label}: new marker ${o.newText}`);
        if (kind === 'width') assert.strictEqual(m.value, h.marker.value, `${label}: width fix keeps the number`);
        break;
      }
      case 'removePageMarker':
        assert.ok(PAGE_MARKER_LINE.test(replaced.replace(/\r?\n$|\r$/, '')), `${label}: removes ${JSON.stringify(replaced)}`);
        assert.strictEqual(o.newText, '');
        break;
      case 'joinLine':
      case 'joinAllLines': {
        const pieces = replaced.split(/\r\n|\r|\n/);
        assert.ok(pieces.length >= 2, `${label}: joins across a line break`);
        for (const p of pieces) assert.ok(p.trim() === '' || PAGE_MARKER_LINE.test(p), `${label}: removes only breaks, blanks and page markers, not ${JSON.stringify(p)}`);
        assert.ok(o.newText === '' || o.newText === ' ');
        break;
      }
      case 'closeClause':
        assert.strictEqual(o.start, o.end, `${label}: inserts`);
        assert.ok(o.newText === '）' || o.newText === ')');
        break;
      case 'replaceUnit': {
        // Exactly the unit the diagnostic covers, replaced by a registered name.
        const index = new LineIndex(text);
        assert.strictEqual(offsets.length, 1, `${label}: one edit`);
        assert.deepStrictEqual([o.start, o.end], [index.offsetAt(d.range.start), index.offsetAt(d.range.end)], `${label}: replaces exactly the diagnostic's range`);
        const unit = replaced.replace(/\s+/g, '');
        assert.ok(d.message.includes(`“${unit}”`), `${label}: the range is the unit the message names (${JSON.stringify(unit)})`);
        assert.ok(isRegistered(viewOf(doc), o.newText), `${label}: ${o.newText} is a registered unit of this document`);
        assert.notStrictEqual(o.newText, unit);
        assert.strictEqual(action.title, `改为“${o.newText}”`);
        break;
      }
      case 'removeUnit': {
        // The unit and exactly one separator, so that the list stays a list.
        assert.strictEqual(offsets.length, 1, `${label}: one edit`);
        assert.strictEqual(o.newText, '', `${label}: removes`);
        const unit = /^删除重复的“(.+)”$/.exec(action.title)![1];
        const removed = replaced.replace(/\s+/g, '');
        assert.ok([`、${unit}`, `${unit}、`, `及${unit}`, `${unit}及`].includes(removed), `${label}: removes ${JSON.stringify(removed)}, expected ${unit} with one separator`);
        const index = new LineIndex(text);
        assert.ok(o.start <= index.offsetAt(d.range.start) && index.offsetAt(d.range.end) <= o.end, `${label}: the removal covers the diagnostic's unit`);
        break;
      }
      case 'insertRole':
        assert.strictEqual(offsets.length, 1, `${label}: one edit`);
        assert.strictEqual(o.start, o.end, `${label}: inserts`);
        assert.ok(text[o.start] === '）' || text[o.start] === ')', `${label}: inserts right before the closing bracket, not before ${JSON.stringify(text[o.start])}`);
        assert.match(o.newText, /^(按(职责|部门)分工)?(分别)?负责$/, `${label}: inserts role words`);
        break;
    }
  }

  const fixedDoc = freshDoc(after);
  const fixedPlan = svc.parse(fixedDoc);
  assert.strictEqual(fixedPlan.headings.length, plan.headings.length, `${label}: same headings after the fix`);
  const afterDs = svc.computeDiagnostics(fixedDoc);
  assert.ok(!afterDs.some((x) => key(x) === key(d) && x.message === d.message), `${label}: the diagnostic is gone`);

  // Marker fixes may change a marker's length, which shifts later problems on its line: compare by line.
  const others = (ds: Diagnostic[]) => ds.filter((x) => !x.code.startsWith('numbering.')).map(lineKey);
  const line = d.range.start.line;
  switch (kind) {
    case 'marker': {
      // The marker no longer has this problem, nor any numbering problem it did not have before
      // (a punctuation fix on a marker that is also out of order leaves the order problem).
      const onLine = (ds: Diagnostic[]) => ds.filter((x) => x.code.startsWith('numbering.') && x.range.start.line === line && x.code !== 'numbering.level').map((x) => x.code);
      const remaining = onLine(afterDs);
      assert.ok(!remaining.includes(d.code), `${label}: the marker is now right`);
      for (const code of remaining) assert.ok(onLine(before).includes(code), `${label}: the fix introduced ${code}`);
      assert.deepStrictEqual(others(afterDs), others(before), `${label}: other problems untouched`);
      const beforeNumbering = before.filter((x) => x.code.startsWith('numbering.'));
      const afterNumbering = afterDs.filter((x) => x.code.startsWith('numbering.'));
      if (['numbering.gap', 'numbering.duplicate', 'numbering.order', 'numbering.convention'].includes(d.code)) {
        // Problems above stay as they were; anything new lies further down.
        assert.deepStrictEqual(
          afterNumbering.filter((x) => x.range.start.line < line).map(lineKey),
          beforeNumbering.filter((x) => x.range.start.line < line).map(lineKey),
          `${label}: nothing changes above`,
        );
      } else {
        // Punctuation and width fixes change one marker, not its number: exactly that diagnostic goes.
        assert.deepStrictEqual(afterNumbering.map(key), beforeNumbering.filter((x) => key(x) !== key(d)).map(key), label);
      }
      break;
    }
    case 'renumber': {
      const level = levelAt(svc, doc, line)!;
      const remaining = numberingOfLevel(svc, fixedDoc, afterDs, level);
      assert.deepStrictEqual(remaining.filter((x) => x.range.start.line >= line).map(lineKey), [], `${label}: nothing left from here on`);
      const firstSequenceProblem = numberingOfLevel(svc, doc, before, level).filter((x) => x.code !== 'numbering.width' && x.code !== 'numbering.punctuation')[0];
      if (firstSequenceProblem && key(firstSequenceProblem) === key(d)) {
        assert.deepStrictEqual(
          remaining.filter((x) => x.code !== 'numbering.width' && x.code !== 'numbering.punctuation').map(lineKey), [],
          `${label}: renumbering from the first problem leaves the level in order`,
        );
      }
      assert.deepStrictEqual(others(afterDs), others(before), `${label}: other problems untouched`);
      break;
    }
    case 'width': {
      const level = levelAt(svc, doc, line)!;
      assert.deepStrictEqual(numberingOfLevel(svc, fixedDoc, afterDs, level).filter((x) => x.code === 'numbering.width').map(lineKey), [], label);
      assert.deepStrictEqual(others(afterDs), others(before), `${label}: other problems untouched`);
      break;
    }
    case 'replaceUnit':
    case 'removeUnit':
    case 'insertRole': {
      checkUnitFix(kind, doc, fixedDoc, before, afterDs, d, offsets[0].newText, label);
      break;
    }
    case 'removePageMarker':
    case 'joinLine':
    case 'joinAllLines':
    case 'closeClause': {
      assert.deepStrictEqual(skeleton(fixedDoc), skeleton(doc), `${label}: same structure`);
      const count = (ds: Diagnostic[], code: string) => ds.filter((x) => x.code === code).length;
      if (kind === 'joinAllLines') assert.strictEqual(count(afterDs, 'text.broken-line'), 0, label);
      else assert.strictEqual(count(afterDs, d.code), count(before, d.code) - 1, `${label}: exactly one ${d.code} fewer`);
      // Numbering is not affected by text fixes.
      assert.deepStrictEqual(
        afterDs.filter((x) => x.code.startsWith('numbering.')).map((x) => `${x.code}:${x.message}`),
        before.filter((x) => x.code.startsWith('numbering.')).map((x) => `${x.code}:${x.message}`),
        label,
      );
      break;
    }
  }
}

/** The registry view the service checks this document against. */
function viewOf(doc: TestDoc): RegistryView {
  const context = svc.getContext(doc);
  return REGISTRY.view(context);
}

/** A unit of this document as written, or as written with its region prefix elided (农业农村局 after 示范区公安局、). */
function isRegistered(view: RegistryView, name: string): boolean {
  return !!view.lookup(name) || view.prefixes.some((p) => !!view.lookup(p + name));
}

/** The “add to the workspace registry” action: a command, not an edit, whose unit then stops being unknown. */
function checkAddToRegistry(doc: TestDoc, d: Diagnostic, action: CodeAction, label: string): void {
  assert.strictEqual(d.code, 'agency.unknown', `${label}: offered for unknown units only`);
  assert.strictEqual(action.edit, undefined, `${label}: no edit`);
  assert.ok(!action.isPreferred, `${label}: never the preferred fix`);
  const command = action.command;
  assert.ok(command, `${label}: carries a command`);
  assert.strictEqual(command.command, 'workplan.addToRegistry');
  assert.strictEqual(command.title, action.title);
  assert.strictEqual(command.arguments?.length, 1, `${label}: one argument`);
  const arg = command.arguments[0] as { name: string; level: string; region?: string };
  const defined = Object.keys(arg).filter((k) => (arg as unknown as Record<string, unknown>)[k] !== undefined).sort();
  assert.ok(defined.every((k) => ['level', 'name', 'region'].includes(k)), `${label}: arguments ${JSON.stringify(arg)}`);
  const context = svc.getContext(doc);
  assert.strictEqual(arg.level, context.level, `${label}: the document's level`);
  assert.strictEqual(arg.region, context.region, `${label}: the document's region`);
  assert.strictEqual(action.title, `将“${arg.name}”加入工作区注册表`);
  // The unit as written, with the prefix it inherits when elided.
  const index = new LineIndex(doc.text);
  const written = doc.text.slice(index.offsetAt(d.range.start), index.offsetAt(d.range.end)).replace(/\s+/g, '');
  assert.ok(arg.name === written || viewOf(doc).prefixes.some((p) => arg.name === p + written), `${label}: adds ${arg.name} for ${written}`);
  // What the server would write makes the diagnostic go away.
  const parsed = parseRegistryFile(addUnitToRegistryText(undefined, arg));
  assert.ok('layer' in parsed, `${label}: the registry text parses`);
  const extended = createLanguageService({ locale: 'zh-cn', registry: [...BUILTIN_REGISTRY, parsed.layer] });
  const after = extended.computeDiagnostics(freshDoc(doc.text));
  assert.ok(!after.some((x) => x.code === d.code && key(x) === key(d)), `${label}: ${arg.name} is no longer unknown once added`);
}

/** A unit fix changes the clause it names and nothing else. */
function checkUnitFix(kind: Kind, doc: TestDoc, fixedDoc: TestDoc, before: Diagnostic[], after: Diagnostic[], d: Diagnostic, newText: string, label: string): void {
  const count = (ds: Diagnostic[], code: string) => ds.filter((x) => x.code === code).length;
  const clauseCount = (x: TestDoc) => svc.parse(x).headings.reduce((n, h) => n + h.clauses.length, 0);
  // Numbering and text problems are untouched.
  const numbering = (ds: Diagnostic[]) => ds.filter((x) => x.code.startsWith('numbering.')).map((x) => `${x.code}:${x.message}`);
  assert.deepStrictEqual(numbering(after), numbering(before), `${label}: numbering untouched`);
  assert.ok(count(after, 'text.broken-line') <= count(before, 'text.broken-line') && count(after, 'text.page-marker') === count(before, 'text.page-marker'), `${label}: text untouched`);
  // The diagnostic is gone, and nothing new appears but a repeat of the unit just written.
  const seen = new Set(before.map((x) => `${x.code}:${x.message}`));
  const added = after.filter((x) => AGENCY_OR_CLAUSE.test(x.code) && !seen.has(`${x.code}:${x.message}`));
  assert.ok(added.every((x) => kind === 'replaceUnit' && x.code === 'agency.duplicate' && x.message.includes(`“${newText}”`)), `${label}: the fix introduced ${added.map((x) => x.message).join(' / ')}`);
  if (kind === 'replaceUnit') {
    assert.ok(!after.some((x) => x.code === d.code && key(x) === key(d)), `${label}: the diagnostic is gone`);
    assert.strictEqual(clauseCount(fixedDoc), clauseCount(doc), `${label}: same clauses`);
  } else if (kind === 'removeUnit') {
    assert.strictEqual(count(after, d.code), count(before, d.code) - 1, `${label}: exactly one ${d.code} fewer`);
    assert.strictEqual(clauseCount(fixedDoc), clauseCount(doc), `${label}: same clauses`);
    // The clause the unit was removed from is still a well-formed list.
    const at = new LineIndex(doc.text).offsetAt(d.range.start);
    const clause = svc.parse(fixedDoc).headings.flatMap((h) => h.clauses).filter((c) => c.start <= at).pop()!;
    assert.ok(!/^[、及]|[、及]$|[、及]{2}|[、及][，,；;]|[，,；;][、及]|[、及](按|负责|牵头|分别|等)/.test(clause.content), `${label}: ${clause.content} is well formed`);
    assert.ok(clause.closed, label);
  } else {
    assert.strictEqual(count(after, d.code), count(before, d.code) - 1, `${label}: exactly one ${d.code} fewer`);
    assert.strictEqual(clauseCount(fixedDoc), clauseCount(doc) + 1, `${label}: the bracket is now a clause`);
  }
}

/** Every quick fix of every given diagnostic, applied one at a time. */
function checkAllQuickFixes(doc: TestDoc, targets: Diagnostic[], before = svc.computeDiagnostics(doc)): number {
  let applied = 0;
  for (const d of targets) {
    const actions = quickFixes(doc, d);
    if (d.code === 'numbering.level') {
      assert.deepStrictEqual(actions, [], 'a skipped level needs a human decision');
      continue;
    }
    if (d.code === 'clause.missing') {
      assert.deepStrictEqual(actions, [], 'who is responsible is for a human to say');
      continue;
    }
    if (UNIT_CODES.has(d.code)) {
      // A replacement exactly when the message names the unit expected instead.
      const expected = /应为(?:本地对应单位)?“(.+?)”/.exec(d.message)?.[1];
      if (!expected) {
        assert.deepStrictEqual(actions, [], `${d.code} without an expected unit needs a human decision: ${d.message}`);
        continue;
      }
      assert.deepStrictEqual(actions.map((a) => a.title), [`改为“${expected}”`], `${d.code}: replaces with the expected unit`);
    }
    if (d.code === 'agency.unknown') {
      // One replacement per suggestion, best first, then the command.
      const suggestions = (d.data as { suggestions?: string[] }).suggestions ?? [];
      assert.deepStrictEqual(actions.map((a) => a.title), [...suggestions.map((s) => `改为“${s}”`), `将“${(actions[actions.length - 1].command?.arguments?.[0] as { name: string }).name}”加入工作区注册表`], `${d.code}: ${d.message}`);
      if (suggestions.length > 0) assert.ok(d.message.includes(`“${suggestions[0]}”`), `${d.code}: the message names the first suggestion`);
      else assert.ok(!/应为|是否/.test(d.message), `${d.code}: no suggestion named when there is none`);
    }
    assert.ok(actions.length > 0, `${d.code} at ${d.range.start.line} has a quick fix`);
    const withEdits = actions.filter((a) => a.edit);
    assert.strictEqual(actions.filter((a) => a.isPreferred).length, withEdits.length > 0 ? 1 : 0, `${d.code}: exactly one preferred fix (none when only a command is offered)`);
    if (withEdits.length > 0) assert.ok(withEdits.includes(actions.find((a) => a.isPreferred)!), `${d.code}: the preferred fix edits`);
    if (['numbering.gap', 'numbering.duplicate', 'numbering.convention'].includes(d.code)) {
      const preferred = actions.find((a) => a.isPreferred)!;
      assert.strictEqual(kindOf(preferred), 'renumber', `${d.code}: renumbering is preferred`);
    }
    for (const a of actions) {
      checkQuickFix(doc, before, d, a);
      applied++;
    }
  }
  return applied;
}

function checkFixAll(doc: TestDoc, label: string): string {
  const edits = svc.getFixAllEdits(doc);
  const offsets = editOffsets(doc.text, edits);
  for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i - 1].end <= offsets[i].start, `${label}: fix-all edits overlap`);
  const actions = svc.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
  if (edits.length === 0) {
    assert.deepStrictEqual(actions, [], `${label}: no fix-all action when there is nothing to fix`);
  } else {
    assert.strictEqual(actions.length, 1, label);
    assert.strictEqual(actions[0].kind, 'source.fixAll.workplan');
    assert.deepStrictEqual(actions[0].edit!.changes[doc.uri], edits, `${label}: the action carries getFixAllEdits`);
  }
  const fixed = applyEdits(doc.text, edits);
  const fixedDoc = freshDoc(fixed);
  const left = svc.computeDiagnostics(fixedDoc).filter((d) => FIXED_BY_FIX_ALL.test(d.code));
  assert.deepStrictEqual(left.map((d) => `${d.range.start.line}: ${d.message}`), [], `${label}: fix-all leaves nothing fixable`);
  assert.deepStrictEqual(svc.getFixAllEdits(fixedDoc), [], `${label}: fix-all is idempotent`);
  assert.strictEqual(svc.parse(fixedDoc).headings.length, svc.parse(doc).headings.length, `${label}: same headings`);
  return fixed;
}

/** The seed as if pasted from a PDF: every third long line of the plan body is split mid-sentence by a page marker. */
function pastedFromPdf(text: string): { text: string; pages: number } {
  const plan = svc.parse(freshDoc(text));
  const bodyFirst = plan.headings[0].line;
  const bodyLast = plan.lines.lineAt(plan.body.end);
  const lines = text.split('\n');
  const out: string[] = [];
  let page = 1;
  let long = 0;
  lines.forEach((line, i) => {
    const candidate = i >= bodyFirst && i <= bodyLast && line.length > 60 && long++ % 3 === 0;
    const at = candidate ? findSplit(line) : -1;
    if (at < 0) {
      out.push(line);
      return;
    }
    page++;
    out.push(line.slice(0, at), '', page % 2 ? `— ${page} —` : `- ${page} -`, '', line.slice(at));
  });
  return { text: out.join('\n'), pages: page - 1 };
}

/** A split point between two Chinese characters, away from brackets and punctuation. */
function findSplit(line: string): number {
  for (let at = Math.floor(line.length / 2); at < line.length - 5; at++) {
    if (/^[\u4e00-\u9fff]{2}$/.test(line.slice(at - 1, at + 1)) && !/[（）()]/.test(line.slice(at - 3, at + 3))) return at;
  }
  return -1;
}

describe('code actions', function () {
  this.timeout(60000);

  describe('quick fixes on the seeds', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: every quick fix of every diagnostic does what it says`, () => {
        const doc = freshDoc(loadSeed(name));
        const ds = svc.computeDiagnostics(doc);
        assert.ok(ds.length > 0 || name === 'guandu-district-2020');
        checkAllQuickFixes(doc, ds, ds);
      });
    }
  });

  describe('quick fixes on the mutations', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: every quick fix of every mutation's diagnostic does what it says`, () => {
        let applied = 0;
        for (const m of allMutations().filter((x) => x.seed === name)) {
          const doc = freshDoc(m.text);
          const ds = svc.computeDiagnostics(doc);
          try {
            applied += checkAllQuickFixes(doc, ds.filter((d) => SEQUENCE_CODES.has(d.code)), ds);
          } catch (e) {
            (e as Error).message = `${m.name}: ${(e as Error).message}`;
            throw e;
          }
        }
        assert.ok(applied > 20, `${applied} fixes applied`);
      });
    }
  });

  describe('quick fixes on a faulty draft', () => {
    const text = loadFixture('drafts/faulty-draft.txt');

    it('reports every kind of problem the draft contains', () => {
      const codes = new Set(svc.computeDiagnostics(freshDoc(text)).map((d) => d.code));
      for (const c of ['numbering.gap', 'numbering.duplicate', 'numbering.order', 'numbering.level', 'numbering.punctuation', 'numbering.width', 'numbering.convention', 'text.page-marker', 'text.broken-line', 'clause.malformed']) {
        assert.ok(codes.has(c), c);
      }
    });

    it('every quick fix of every diagnostic does what it says', () => {
      const doc = freshDoc(text);
      assert.ok(checkAllQuickFixes(doc, svc.computeDiagnostics(doc)) > 20);
    });

    it('fix-all leaves only what needs a human', () => {
      const fixed = checkFixAll(freshDoc(text), 'faulty draft');
      // Fix-all does not touch units: which unit is meant is for a human to decide.
      const left = svc.computeDiagnostics(freshDoc(fixed));
      assert.deepStrictEqual(left.filter((d) => !d.code.startsWith('agency.')).map((d) => d.code), ['numbering.level']);
      // Units are left as they were: the same agency problems, with the same messages.
      const agencies = (ds: Diagnostic[]) => ds.filter((d) => d.code.startsWith('agency.')).map((d) => `${d.code} ${d.message}`);
      assert.deepStrictEqual(agencies(left), agencies(svc.computeDiagnostics(freshDoc(text))));
      assert.ok(agencies(left).some((m) => m.includes('“市市政园林局”')), 'the draft names another region’s unit');
      assert.ok(fixed.includes('（市公安局负责）'));
      assert.ok(fixed.includes('严厉打击农、林业种子违法行为。'));
      assert.ok(!/— 2 —|- 3 -/.test(fixed));
    });
  });

  describe('quick fixes for units and clauses', () => {
    it('the sample faulty draft (every rule code): every quick fix of every diagnostic does what it says', () => {
      const doc = freshDoc(fs.readFileSync(path.join(REPO_ROOT, 'samples', 'faulty-draft.wp.txt'), 'utf8'));
      const ds = svc.computeDiagnostics(doc);
      const kinds = new Set(ds.flatMap((d) => quickFixes(doc, d)).map(kindOf));
      for (const k of ['replaceUnit', 'removeUnit', 'addToRegistry', 'closeClause'] as const) assert.ok(kinds.has(k), `the draft offers ${k}`);
      assert.ok(checkAllQuickFixes(doc, ds) > 15);
    });

    it('each kind on a small plan: replaceUnit, removeUnit (duplicate, lead as partner), insertRole, addToRegistry', () => {
      const text = joinLines(
        '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点',
        '',
        '一、总体要求',
        '',
        '（一）加强网络市场监管。（市市场监管局牵头，市委宣传部、市公安局、市商务局、市公安局按职责分工负责）',
        '（二）严格寄递环节监管。（市邮政管理局、市公按局按职责分工负责）',
        '（三）加强进出口监管。（公安部、厦门海关按职责分工负责）',
        '（四）加强重点市场监管。（区市场监管局负责）',
        '（五）加强农村市场治理。（市农业农村局牵头，市市场监管局、市农业农村局按职责分工负责）',
        '（六）加强版权保护。（市委宣传部牵头，市文旅局）',
        '（七）推进信用体系建设。（市发改委、市知识产权服务中心按职责分工负责）',
        '（八）推进治理。（市商务局负责）',
      );
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      // （六）'s bracket without role words is no clause yet: the item also has none.
      assert.deepStrictEqual(ds.map((d) => d.code), ['agency.duplicate', 'agency.unknown', 'agency.national-in-local', 'agency.level', 'clause.malformed', 'clause.missing', 'clause.malformed', 'agency.unknown']);
      const kinds = ds.flatMap((d) => quickFixes(doc, d)).map(kindOf);
      for (const k of ['replaceUnit', 'removeUnit', 'insertRole', 'addToRegistry'] as const) assert.ok(kinds.includes(k), k);
      assert.ok(checkAllQuickFixes(doc, ds) >= 7);
    });
  });

  describe('fix-all', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: fixes everything fixable, once`, () => {
        checkFixAll(freshDoc(loadSeed(name)), name);
      });

      it(`${name}: pasted from PDF, the structure is the same`, () => {
        const seed = loadSeed(name);
        const pasted = pastedFromPdf(seed);
        assert.ok(pasted.pages >= 3, `${pasted.pages} page markers inserted`);
        const doc = freshDoc(pasted.text);
        const pageDiags = svc.computeDiagnostics(doc).filter((d) => d.code === 'text.page-marker');
        assert.strictEqual(pageDiags.length, pasted.pages);
        assert.deepStrictEqual(outline(svc, doc), outline(svc, freshDoc(seed)), 'page markers do not change the structure');
      });

      it(`${name}: pasted from PDF, fix-all gives the same text as fix-all of the seed`, () => {
        const seed = loadSeed(name);
        const doc = freshDoc(pastedFromPdf(seed).text);
        assert.strictEqual(checkFixAll(doc, `${name} from PDF`), applyEdits(seed, svc.getFixAllEdits(freshDoc(seed))));
      });
    }

    it('every mutation: fixes everything fixable, once', () => {
      for (const m of allMutations()) checkFixAll(freshDoc(m.text), `${m.seed}: ${m.name}`);
    });

    it('is offered under source.fixAll and source.fixAll.workplan, not under quickfix', () => {
      const doc = freshDoc(joinLines('一、总体要求', '（一）加强监管。（市公安局负责）', '（三）严格监管。（市公安局负责）'));
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      assert.strictEqual(svc.getCodeActions(doc, range, { diagnostics: [], only: ['source.fixAll'] }).length, 1);
      assert.strictEqual(svc.getCodeActions(doc, range, { diagnostics: [], only: ['source.fixAll.workplan'] }).length, 1);
      assert.strictEqual(svc.getCodeActions(doc, range, { diagnostics: [], only: ['source'] }).length, 1);
      assert.strictEqual(svc.getCodeActions(doc, range, { diagnostics: [], only: ['quickfix'] }).length, 0);
      assert.strictEqual(svc.getCodeActions(doc, range, { diagnostics: [], only: ['source.organizeImports'] }).length, 0);
    });
  });

  describe('stale and foreign diagnostics', () => {
    const text = joinLines('一、总体要求', '（一）加强监管。（市公安局负责）', '（二）严格监管。（市公安局负责）', '（四）推进治理。（市公安局负责）');

    it('a diagnostic computed for another version gets no quick fixes', () => {
      const v1 = freshDoc(text, 1);
      const [d] = svc.computeDiagnostics(v1);
      assert.strictEqual(d.code, 'numbering.gap');
      assert.ok(quickFixes(v1, d).length >= 2);
      const v2 = { ...v1, version: 2, getText: () => text };
      assert.deepStrictEqual(svc.getCodeActions(v2, d.range, { diagnostics: [d], only: ['quickfix'] }), []);
      const [d2] = svc.computeDiagnostics(v2);
      assert.strictEqual((d2.data as { version: number }).version, 2);
      assert.ok(svc.getCodeActions(v2, d2.range, { diagnostics: [d2], only: ['quickfix'] }).length >= 2);
    });

    it('a diagnostic without data, or from another source, gets no quick fixes', () => {
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(svc.getCodeActions(doc, d.range, { diagnostics: [{ ...d, data: undefined }], only: ['quickfix'] }), []);
      assert.deepStrictEqual(svc.getCodeActions(doc, d.range, { diagnostics: [{ ...d, source: 'cspell' }], only: ['quickfix'] }), []);
    });

    it('a diagnostic outside the requested range gets no quick fixes', () => {
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      const elsewhere = { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } };
      assert.deepStrictEqual(svc.getCodeActions(doc, elsewhere, { diagnostics: [d], only: ['quickfix'] }), []);
    });

    it('titles follow the locale', () => {
      const doc = freshDoc(text);
      const en = service('en');
      const [d] = en.computeDiagnostics(doc);
      const titles = en.getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] }).map((a) => a.title);
      assert.ok(titles.length >= 2);
      for (const t of titles) assert.match(t, /^[A-Z][a-z]+ .*[a-z]{3,}/, t);
      assert.ok(titles.some((t) => t.includes('（三）')));
    });
  });

  describe('specific fixes', () => {
    it('a gap the items after it follow is fixed by renumbering only; at the end of a group the marker fix is offered too', () => {
      // Changing （四） alone would move the gap to （五） (found by the fix round-trip test): only renumbering is offered.
      const text = joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（四）丙。', '（五）丁。', '二、重点任务', '（六）戊。');
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      const actions = quickFixes(doc, d);
      assert.strictEqual(actions.find((a) => kindOf(a) === 'marker'), undefined, actions.map((a) => a.title).join(' | '));
      const renumber = actions.find((a) => kindOf(a) === 'renumber')!;
      assert.strictEqual(applyEdits(text, renumber.edit!.changes[doc.uri]), joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（三）丙。', '（四）丁。', '二、重点任务', '（五）戊。'));
      // The last item of a restarting group: changing its marker ends the problem.
      const last = joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（四）丙。');
      const lastDoc = freshDoc(last);
      const [gap] = svc.computeDiagnostics(lastDoc);
      const marker = quickFixes(lastDoc, gap).find((a) => kindOf(a) === 'marker')!;
      assert.strictEqual(marker.title, '将序号改为（三）');
      assert.strictEqual(applyEdits(last, marker.edit!.changes[lastDoc.uri]), last.replace('（四）', '（三）'));
    });

    it('a swapped pair is put right by renumbering; neither of its markers is changed alone', () => {
      // Either marker changed alone leaves one number twice: in the faulty draft, （十）、（九） with section 三 numbered
      // from （一） again below, （十）→（九） even turned up a new gap further down (found by the fix round-trip test).
      const text = joinLines('一、总体要求', '（一）甲。', '（三）乙。', '（二）丙。', '（四）丁。', '二、重点任务', '（五）戊。');
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line}`), ['numbering.order@2', 'numbering.order@3']);
      assert.deepStrictEqual(quickFixes(doc, ds[0]).map((a) => `${kindOf(a)} ${a.title} ${a.isPreferred}`), ['renumber 从此处起重新编排二级序号 true'], ds[0].message);
      assert.deepStrictEqual(quickFixes(doc, ds[1]).map((a) => `${kindOf(a)} ${a.title} ${a.isPreferred}`), ['renumber 从上一项起重新编排二级序号 true'], ds[1].message);
      // From the first of the pair: the two markers trade places, and nothing else changes.
      const fixed = applyEdits(text, quickFixes(doc, ds[0])[0].edit!.changes[doc.uri]);
      assert.strictEqual(fixed, text.replace('（三）乙', '（二）乙').replace('（二）丙', '（三）丙'));
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(fixed)), []);
      // From the second, too, renumbering starts at the first of the pair: from the second on, the first stayed wrong.
      assert.strictEqual(applyEdits(text, quickFixes(doc, ds[1])[0].edit!.changes[doc.uri]), fixed);
      // A lone number out of order still gets its marker fix: the items after it follow the expected number.
      const lone = joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（七）丙。', '（四）丁。');
      const loneDoc = freshDoc(lone);
      const [order] = svc.computeDiagnostics(loneDoc);
      const marker = quickFixes(loneDoc, order).find((a) => kindOf(a) === 'marker')!;
      assert.strictEqual(marker.title, '将序号改为（三）');
      assert.ok(marker.isPreferred);
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(applyEdits(lone, marker.edit!.changes[loneDoc.uri]))), []);
    });

    it('renumbering from a later problem continues from the markers above it, so it fixes that problem', () => {
      // An unfixed gap above: the duplicate says 应为（六）, and renumbering from it must write （六）.
      const text = joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（四）丙。', '（五）丁。', '（五）戊。', '（六）己。');
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line}`), ['numbering.gap@3', 'numbering.duplicate@5']);
      const dup = ds[1];
      assert.ok(dup.message.includes('应为（六）'));
      const renumber = quickFixes(doc, dup).find((a) => /^从此处起重新编排/.test(a.title));
      assert.ok(renumber, 'renumbering is offered for the duplicate');
      assert.ok(renumber.isPreferred);
      const after = applyEdits(text, renumber.edit!.changes[doc.uri]);
      assert.strictEqual(after, joinLines('一、总体要求', '（一）甲。', '（二）乙。', '（四）丙。', '（五）丁。', '（六）戊。', '（七）己。'));
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(after)).map((d) => `${d.code}@${d.range.start.line}`), ['numbering.gap@3']);
    });

    it('renumbering a restart plan restarts in every section', () => {
      const text = joinLines('一、甲', '（一）a。', '（二）b。', '（三）c。', '二、乙', '（一）d。', '（三）e。', '（四）f。', '三、丙', '（一）g。', '（二）h。');
      const doc = freshDoc(text);
      const gap = svc.computeDiagnostics(doc).find((d) => d.code === 'numbering.gap')!;
      assert.ok(gap.message.includes('应为（二）'));
      const renumber = quickFixes(doc, gap).find((a) => kindOf(a) === 'renumber')!;
      assert.strictEqual(applyEdits(text, renumber.edit!.changes[doc.uri]), text.replace('（三）e', '（二）e').replace('（四）f', '（三）f'));
    });

    it('the width fix offers to convert every marker of the level', () => {
      const text = joinLines('一、总体要求', '(一)甲。', '（二）乙。', '(三)丙。', '（四）丁。', '（五）戊。');
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(ds.map((d) => d.code), ['numbering.width', 'numbering.width']);
      const actions = svc.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, { diagnostics: ds, only: ['quickfix'] });
      // One marker fix per diagnostic, and the level-wide fix once.
      assert.deepStrictEqual(actions.map(kindOf).sort(), ['marker', 'marker', 'width']);
      const all = actions.find((a) => kindOf(a) === 'width')!;
      assert.strictEqual(applyEdits(text, all.edit!.changes[doc.uri]), text.replace('(一)', '（一）').replace('(三)', '（三）'));
    });

    it('joins a broken line across a page marker, removing the marker too', () => {
      const { text, position } = withCursor(joinLines(
        '一、总体要求',
        '（一）加强网络市场监管，严厉打击|',
        '',
        '— 2 —',
        '',
        '在线销售侵权假冒商品。（市公安局负责）',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
        '（三）严格重点产品监管。（市市场监管局负责）',
      ));
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc);
      assert.deepStrictEqual(ds.map((d) => d.code), ['text.broken-line', 'text.page-marker']);
      const broken = ds[0];
      assert.deepStrictEqual(broken.range.end, position);
      const [join] = quickFixes(doc, broken);
      assert.strictEqual(kindOf(join), 'joinLine');
      const joined = applyEdits(text, join.edit!.changes[doc.uri]);
      assert.strictEqual(joined, joinLines(
        '一、总体要求',
        '（一）加强网络市场监管，严厉打击在线销售侵权假冒商品。（市公安局负责）',
        '（二）严格寄递环节监管。（市邮政管理局负责）',
        '（三）严格重点产品监管。（市市场监管局负责）',
      ));
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(joined)), []);

      // Removing only the page marker leaves the sentence broken.
      const [remove] = quickFixes(doc, ds[1]);
      assert.strictEqual(kindOf(remove), 'removePageMarker');
      const removed = applyEdits(text, remove.edit!.changes[doc.uri]);
      assert.ok(!removed.includes('— 2 —'));
      assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(removed)).map((d) => d.code), ['text.broken-line']);
      checkAllQuickFixes(doc, ds);
    });

    it('keeps a space when joining two Latin words', () => {
      const text = joinLines('一、总体要求', '（一）加强 IP', '地址管理，推进 APP', 'store 治理。（市公安局负责）', '（二）严格监管。', '（三）推进治理。');
      const doc = freshDoc(text);
      const ds = svc.computeDiagnostics(doc).filter((d) => d.code === 'text.broken-line');
      assert.strictEqual(ds.length, 2);
      const joined = applyEdits(text, svc.getFixAllEdits(doc));
      assert.ok(joined.includes('（一）加强 IP地址管理，推进 APP store 治理。'), joined);
    });

    it('the close-clause fix closes after the whole clause, not after its first 牵头', () => {
      const text = joinLines('一、总体要求', '（一）加强监管。（市公安局牵头，市商务局、市市场监管局按职责分工负责', '（二）严格监管。（市公安局负责）', '（三）推进治理。（市公安局负责）');
      const doc = freshDoc(text);
      const [d] = svc.computeDiagnostics(doc);
      assert.strictEqual(d.code, 'clause.malformed');
      const [fix] = quickFixes(doc, d);
      assert.ok(applyEdits(text, fix.edit!.changes[doc.uri]).includes('（市公安局牵头，市商务局、市市场监管局按职责分工负责）\n'));
    });

    it('quick fixes on one line: line-level fixes in a CRLF document keep CRLF', () => {
      const text = joinLines('一、总体要求', '（一）加强网络市场监管，严厉打击', '— 2 —', '在线销售。（市公安局负责）', '（二）严格监管。', '（三）推进治理。').replace(/\n/g, '\r\n');
      const doc = freshDoc(text);
      const fixed = applyEdits(text, svc.getFixAllEdits(doc));
      assert.strictEqual(fixed, joinLines('一、总体要求', '（一）加强网络市场监管，严厉打击在线销售。（市公安局负责）', '（二）严格监管。', '（三）推进治理。').replace(/\n/g, '\r\n'));
      const index = new LineIndex(fixed);
      assert.strictEqual(index.lineCount, 4);
    });
  });
});
