import * as assert from 'assert';
import fc from 'fast-check';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import {
  createLanguageService, type CodeAction, type Diagnostic, type DocumentSymbol, type Position, type Range, type TextEdit, type WorkplanLanguageService,
} from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { editedCase, planCase, probe, type PlanCase, type Probe } from './arbitraries';
import { applyEdits, makeDoc, type TestDoc } from './util';

/**
 * Property-based tests of the language service (fast-check) over the real
 * plans with random edits, plans built at random from their pieces and
 * random text (test/unit/arbitraries.ts).
 *
 * Budget: WORKPLAN_FUZZ_RUNS cases per property (default below; CI sets it
 * higher). Seed: WORKPLAN_FUZZ_SEED (fixed by default, so a failure
 * reproduces); property k runs with seed WORKPLAN_FUZZ_SEED + k. To replay
 * a counterexample fast-check printed, set WORKPLAN_FUZZ_SEED to the
 * base seed this file printed and WORKPLAN_FUZZ_PATH to the printed path,
 * and run only that property (mocha --grep).
 */

const DEFAULT_RUNS = 250;
const DEFAULT_SEED = 20240611;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, not ${JSON.stringify(raw)}`);
  return n;
}

const RUNS = Math.max(1, envInt('WORKPLAN_FUZZ_RUNS', DEFAULT_RUNS));
const BASE_SEED = envInt('WORKPLAN_FUZZ_SEED', DEFAULT_SEED);
const REPLAY_PATH = process.env.WORKPLAN_FUZZ_PATH || undefined;

const NATIONAL = BUILTIN_NATIONAL_PLANS;
const NATIONAL_TEXT = new Map(NATIONAL.map((s) => [s.uri, s.text]));

/** As the server and the CLI create it: the built-in registry and national plans (read from disk once for the whole file). */
function makeService(): WorkplanLanguageService {
  return createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY, nationalPlans: NATIONAL });
}

let docCounter = 0;
function newUri(): string {
  return `test://fuzz/doc-${++docCounter}.workplan`;
}

// ---------------------------------------------------------------------------
// Running a property and counting its cases

const tally: Array<{ property: string; runs: number; shrinks: number; ms: number }> = [];

function check<T>(title: string, offset: number, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  const seed = BASE_SEED + offset;
  const started = Date.now();
  const details = fc.check(fc.property(arbitrary, predicate), { numRuns: RUNS, seed, path: REPLAY_PATH });
  tally.push({ property: title, runs: details.numRuns, shrinks: details.numShrinks, ms: Date.now() - started });
  if (details.failed) {
    // fast-check's own report: the shrunk counterexample, its seed and path, and the error.
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\nGot error: ${error}\n\nReplay: WORKPLAN_FUZZ_SEED=${BASE_SEED} WORKPLAN_FUZZ_PATH=${JSON.stringify(details.counterexamplePath)} (property seed ${seed} = WORKPLAN_FUZZ_SEED + ${offset})`);
  }
}

// ---------------------------------------------------------------------------
// Exercising every request

function wholeRange(text: string): Range {
  const index = new LineIndex(text);
  const last = index.lineCount - 1;
  return { start: { line: 0, character: 0 }, end: { line: last, character: index.lineContentEnd(last) - index.lineStarts[last] } };
}

/** A probe as a position: anywhere (past the end of a line or of the document, up to 2^31 − 1), or near a character that matters. */
function positionOf(text: string, index: LineIndex, p: Probe): Position {
  if (p.kind === 'anywhere') {
    const line = p.line < 1_000_000 ? p.line % (index.lineCount + 2) : p.line;
    const length = line < index.lineCount ? index.lineContentEnd(line) - index.lineStarts[line] : 0;
    const character = p.character < 1_000_000 ? p.character % (length + 3) : p.character;
    return { line, character };
  }
  const hits: number[] = [];
  if (p.char === 'pair') {
    for (const m of text.matchAll(/[\ud800-\udbff](?=[\udc00-\udfff])/g)) if (hits.push(m.index + 1) >= 2000) break;
  } else {
    for (let at = text.indexOf(p.char); at >= 0 && hits.length < 2000; at = text.indexOf(p.char, at + 1)) hits.push(at);
  }
  const at = hits.length === 0 ? 0 : Math.max(0, Math.min(text.length, hits[p.nth % hits.length] + p.delta));
  return index.positionAt(at);
}

interface Answers {
  diagnostics: Diagnostic[];
  actions: CodeAction[];
  fixAll: TextEdit[];
  renumber: TextEdit[];
  insertAll?: TextEdit[];
  symbols: DocumentSymbol[];
  folding: ReturnType<WorkplanLanguageService['getFoldingRanges']>;
  lenses: ReturnType<WorkplanLanguageService['getCodeLenses']>;
  tokens: number[];
  alignment: ReturnType<WorkplanLanguageService['getAlignment']>;
  breakdown: ReturnType<WorkplanLanguageService['getTaskBreakdown']>;
  at: Array<{
    position: Position;
    hover: ReturnType<WorkplanLanguageService['getHover']>;
    completions: ReturnType<WorkplanLanguageService['getCompletions']>;
    definition: ReturnType<WorkplanLanguageService['getDefinition']>;
  }>;
}

/** Every request of the service on one document; any exception fails the property. */
function askEverything(svc: WorkplanLanguageService, doc: TestDoc, probes: readonly Probe[], insertAll: boolean): Answers {
  const text = doc.text;
  const index = new LineIndex(text);
  svc.parse(doc);
  svc.getContext(doc);
  const diagnostics = svc.computeDiagnostics(doc);
  svc.computeDiagnostics(doc, { severities: { 'numbering.gap': 'off', 'clause.missing': 'error', 'agency.unknown': 'hint' } });
  const actions = svc.getCodeActions(doc, wholeRange(text), { diagnostics });
  // A range past the end of the document, as a client with a stale view may send.
  svc.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: index.lineCount + 5, character: 1 << 30 } }, { diagnostics, only: ['quickfix'] });
  const fixAll = svc.getFixAllEdits(doc);
  const renumber = svc.getRenumberEdits(doc);
  // Inserting every missing task aligns again once per task: on a quarter of the short texts, to keep the budget.
  const insertAllEdits = insertAll && text.length < 4000 ? svc.getInsertAllMissingEdits(doc) : undefined;
  const symbols = svc.getDocumentSymbols(doc);
  const folding = svc.getFoldingRanges(doc);
  const lenses = svc.getCodeLenses(doc);
  const tokens = svc.getSemanticTokens(doc).data;
  const alignment = svc.getAlignment(doc);
  svc.getCoverageReport(doc);
  const breakdown = svc.getTaskBreakdown(doc);
  svc.exportTaskBreakdown(doc, 'csv');
  svc.exportTaskBreakdown(doc, 'markdown');
  const at = probes.map((p) => {
    const position = positionOf(text, index, p);
    return { position, hover: svc.getHover(doc, position), completions: svc.getCompletions(doc, position), definition: svc.getDefinition(doc, position) };
  });
  return { diagnostics, actions, fixAll, renumber, insertAll: insertAllEdits, symbols, folding, lenses, tokens, alignment, breakdown, at };
}

// ---------------------------------------------------------------------------
// Ranges

class RangeChecker {
  private readonly index: LineIndex;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  private offset(p: Position, what: string): number {
    const { index } = this;
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < index.lineCount, `${what}: line ${p.line} outside 0..${index.lineCount - 1}`);
    const length = index.lineContentEnd(p.line) - index.lineStarts[p.line];
    assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside 0..${length} on line ${p.line}`);
    const o = index.lineStarts[p.line] + p.character;
    const high = this.text.charCodeAt(o - 1);
    const low = this.text.charCodeAt(o);
    assert.ok(!(o > 0 && high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff), `${what}: ${JSON.stringify(p)} splits a surrogate pair`);
    return o;
  }

  range(r: Range, what: string): void {
    const s = this.offset(r.start, `${what} start`);
    const e = this.offset(r.end, `${what} end`);
    assert.ok(s <= e, `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
  }

  contains(outer: Range, inner: Range, what: string): void {
    const index = this.index;
    const o = (p: Position) => index.lineStarts[p.line] + p.character;
    assert.ok(o(outer.start) <= o(inner.start) && o(inner.end) <= o(outer.end), `${what}: ${JSON.stringify(inner)} not inside ${JSON.stringify(outer)}`);
  }

  line(line: number, what: string): void {
    assert.ok(Number.isInteger(line) && line >= 0 && line < this.index.lineCount, `${what}: line ${line} outside 0..${this.index.lineCount - 1}`);
  }

  /** Semantic tokens: relative encoding, one line each, no overlap, inside the document. */
  tokens(data: number[]): void {
    assert.strictEqual(data.length % 5, 0, 'semantic tokens come in fives');
    let line = 0;
    let character = 0;
    let previousEnd = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [dl, dc, length] = data.slice(i, i + 3);
      assert.ok(dl >= 0 && dc >= 0 && length > 0, `token ${i / 5}: deltas ${dl},${dc} length ${length}`);
      if (dl > 0) previousEnd = 0;
      line += dl;
      character = dl > 0 ? dc : character + dc;
      assert.ok(character >= previousEnd, `token ${i / 5} overlaps the one before it`);
      previousEnd = character + length;
      this.range({ start: { line, character }, end: { line, character: character + length } }, `token ${i / 5}`);
    }
  }

  edits(edits: readonly TextEdit[], what: string): void {
    edits.forEach((e, i) => this.range(e.range, `${what} edit ${i}`));
  }
}

function checkRanges(doc: TestDoc, a: Answers): void {
  const c = new RangeChecker(doc.text);
  for (const d of a.diagnostics) {
    c.range(d.range, `diagnostic ${d.code}`);
    const data = d.data as { fixes?: Array<{ edit: TextEdit; more?: TextEdit[] }> } | undefined;
    for (const f of data?.fixes ?? []) c.edits([f.edit, ...(f.more ?? [])], `${d.code} fix`);
  }
  for (const action of a.actions) {
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
      assert.strictEqual(uri, doc.uri, `${action.title}: edits this document`);
      c.edits(edits, action.title);
    }
  }
  c.edits(a.fixAll, 'fix-all');
  c.edits(a.renumber, 'renumber');
  c.edits(a.insertAll ?? [], 'insert all missing');
  const walk = (s: DocumentSymbol, path: string) => {
    c.range(s.range, `symbol ${path} range`);
    c.range(s.selectionRange, `symbol ${path} selectionRange`);
    c.contains(s.range, s.selectionRange, `symbol ${path} selectionRange`);
    s.children?.forEach((child, i) => walk(child, `${path}/${i}`));
  };
  a.symbols.forEach((s, i) => walk(s, String(i)));
  for (const f of a.folding) {
    c.line(f.startLine, 'folding start');
    c.line(f.endLine, 'folding end');
    assert.ok(f.startLine <= f.endLine, `folding ${f.startLine}..${f.endLine}`);
  }
  a.lenses.forEach((l, i) => c.range(l.range, `lens ${i}`));
  c.tokens(a.tokens);
  for (const m of a.alignment?.matches ?? []) c.line(m.local.line, `alignment match ${m.local.number}`);
  for (const m of a.alignment?.additions ?? []) c.line(m.line, `alignment addition ${m.number}`);
  for (const row of a.breakdown) c.line(row.line, `breakdown row ${row.number}`);
  for (const { position, hover, completions, definition } of a.at) {
    const where = JSON.stringify(position);
    if (hover?.range) c.range(hover.range, `hover at ${where}`);
    for (const item of completions) if (item.textEdit) c.range(item.textEdit.range, `completion ${item.label} at ${where}`);
    for (const loc of definition) {
      if (loc.uri === doc.uri) c.range(loc.range, `definition at ${where}`);
      else {
        const target = NATIONAL_TEXT.get(loc.uri);
        assert.ok(target !== undefined, `definition at ${where} points to ${loc.uri}, neither this document nor a national plan`);
        new RangeChecker(target).range(loc.range, `definition at ${where} in ${loc.uri}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Comparing analyses

/** The diagnostics with the version their fixes were computed for set aside (a new version of the same text differs only there). */
function withoutVersion(ds: Diagnostic[]): unknown[] {
  return ds.map((d) => ({ ...d, data: d.data && typeof d.data === 'object' ? { ...(d.data as object), version: undefined } : d.data }));
}

/** What must not depend on the service's history: everything but the hover and completion at a position. */
function snapshot(svc: WorkplanLanguageService, doc: TestDoc) {
  return {
    diagnostics: svc.computeDiagnostics(doc),
    alignment: svc.getAlignment(doc),
    symbols: svc.getDocumentSymbols(doc),
    folding: svc.getFoldingRanges(doc),
    lenses: svc.getCodeLenses(doc),
    tokens: svc.getSemanticTokens(doc).data,
    breakdown: svc.getTaskBreakdown(doc),
    fixAll: svc.getFixAllEdits(doc),
  };
}

// ---------------------------------------------------------------------------

function offsetsOf(text: string, edits: readonly TextEdit[]) {
  const index = new LineIndex(text);
  return edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A case, positions to ask at, and whether to ask for the insertion of every missing national task (the costliest request). */
const withProbes = fc.tuple(
  planCase(),
  fc.array(probe, { minLength: 1, maxLength: 8 }),
  fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
);

describe('properties (fast-check)', function () {
  // npm test's .mocharc gives 20 s per test; a property's time grows with WORKPLAN_FUZZ_RUNS.
  this.timeout(120_000 + RUNS * 2_000);

  before(() => {
    console.log(`      fast-check: ${RUNS} runs per property (WORKPLAN_FUZZ_RUNS), seed ${BASE_SEED} (WORKPLAN_FUZZ_SEED)${REPLAY_PATH ? `, replaying path ${REPLAY_PATH}` : ''}`);
  });

  after(() => {
    const total = tally.reduce((n, t) => n + t.runs, 0);
    const ms = tally.reduce((n, t) => n + t.ms, 0);
    for (const t of tally) console.log(`      ${t.property}: ${t.runs} cases${t.shrinks ? `, ${t.shrinks} shrinks` : ''}, ${(t.ms / 1000).toFixed(1)} s`);
    console.log(`      fast-check: ${total} cases in ${tally.length} properties, ${(ms / 1000).toFixed(1)} s (seed ${BASE_SEED})`);
  });

  it('1. never throws on any request, at any position', () => {
    const svc = makeService();
    check('never throws', 1, withProbes, ([c, probes, insertAll]: [PlanCase, Probe[], boolean]) => {
      const doc = makeDoc(c.text, newUri());
      try {
        askEverything(svc, doc, probes, insertAll);
      } finally {
        svc.forget(doc.uri);
      }
    });
  });

  it('2. every range lies inside the document, on whole characters', () => {
    const svc = makeService();
    check('ranges inside', 2, withProbes, ([c, probes, insertAll]: [PlanCase, Probe[], boolean]) => {
      const doc = makeDoc(c.text, newUri());
      try {
        checkRanges(doc, askEverything(svc, doc, probes, insertAll));
      } finally {
        svc.forget(doc.uri);
      }
    });
  });

  it('3. is deterministic: fresh services agree, and so does a new version of the same text', () => {
    check('deterministic', 3, planCase(), (c: PlanCase) => {
      const uri = newUri();
      const a = makeService();
      const b = makeService();
      const first = snapshot(a, makeDoc(c.text, uri, 1));
      assert.deepStrictEqual(snapshot(b, makeDoc(c.text, uri, 1)), first, 'a second fresh service');
      const again = snapshot(a, makeDoc(c.text, uri, 2));
      assert.deepStrictEqual(withoutVersion(again.diagnostics), withoutVersion(first.diagnostics), 'the same service, version 2 of the same text');
      assert.deepStrictEqual({ ...again, diagnostics: undefined }, { ...first, diagnostics: undefined }, 'the same service, version 2 of the same text');
    });
  });

  it('4. incremental equals scratch: a new version answers as a fresh service does', () => {
    check('incremental = scratch', 4, editedCase(), (e) => {
      const uri = newUri();
      const incremental = makeService();
      // A fresh service that forgets the document before each version, so it reads each version alone
      // (one per case rather than per version: loading the national plan is most of a fresh service's cost).
      const scratch = makeService();
      snapshot(incremental, makeDoc(e.base.text, uri, 1));
      e.versions.forEach((text, i) => {
        const version = i + 2;
        scratch.forget(uri);
        const fromScratch = snapshot(scratch, makeDoc(text, uri, version));
        const updated = snapshot(incremental, makeDoc(text, uri, version));
        assert.deepStrictEqual(updated.diagnostics, fromScratch.diagnostics, `version ${version}: diagnostics`);
        assert.deepStrictEqual(updated.alignment, fromScratch.alignment, `version ${version}: alignment`);
        assert.deepStrictEqual(updated, fromScratch, `version ${version}: lenses, symbols, tokens, breakdown`);
      });
    });
  });

  it('5. fix-all is idempotent and its edits never overlap', () => {
    const svc = makeService();
    check('fix-all idempotent', 5, planCase(), (c: PlanCase) => {
      const uri = newUri();
      try {
        const doc = makeDoc(c.text, uri, 1);
        const diagnostics = svc.computeDiagnostics(doc);
        const actions = svc.getCodeActions(doc, wholeRange(c.text), { diagnostics, only: ['source.fixAll'] });
        assert.ok(actions.length <= 1, 'one fix-all action at most');
        const edits = actions[0]?.edit?.changes[uri] ?? [];
        assert.deepStrictEqual(svc.getFixAllEdits(doc), edits, 'getFixAllEdits is the action');
        const spans = offsetsOf(c.text, edits);
        for (let i = 1; i < spans.length; i++) {
          const [p, q] = [spans[i - 1], spans[i]];
          assert.ok(q.start >= p.end, `edits overlap: ${JSON.stringify(p)} and ${JSON.stringify(q)}`);
          assert.ok(!(p.start === p.end && q.start === q.end && p.start === q.start), `two insertions at ${p.start}`);
        }
        if (edits.length === 0) return;
        const fixed = applyEdits(c.text, edits);
        const fixedDoc = makeDoc(fixed, uri, 2);
        const leftDiagnostics = svc.computeDiagnostics(fixedDoc);
        const again = svc.getCodeActions(fixedDoc, wholeRange(fixed), { diagnostics: leftDiagnostics, only: ['source.fixAll'] });
        assert.deepStrictEqual(again.flatMap((a) => a.edit?.changes[uri] ?? []), [], `fix-all again on the fixed text ${JSON.stringify(fixed.length < 3000 ? fixed : `${fixed.length} chars`)}`);
      } finally {
        svc.forget(uri);
      }
    });
  });
});

/** The smallest counterexamples the properties found, kept as plain tests (the service was fixed for each). */
describe('properties: counterexamples found', () => {
  const svc = makeService();

  function fixAllTwice(text: string): { once: string; again: TextEdit[] } {
    const uri = newUri();
    const once = applyEdits(text, svc.getFixAllEdits(makeDoc(text, uri, 1)));
    const again = svc.getFixAllEdits(makeDoc(once, uri, 2));
    svc.forget(uri);
    return { once, again };
  }

  it('completion between the halves of a surrogate pair offers nothing (its replace range would split 𠮷)', () => {
    const text = '（一）加强监管。（𠮷';
    const doc = makeDoc(text, newUri());
    const inside = { line: 0, character: text.length - 1 };
    assert.deepStrictEqual(svc.getCompletions(doc, inside), []);
    // Right after the whole character, completion works as before.
    const after = svc.getCompletions(doc, { line: 0, character: text.length });
    assert.ok(after.length > 0);
    for (const item of after) new RangeChecker(text).range(item.textEdit!.range, item.label);
  });

  it('fix-all does not join two lines into a page marker: “—” / “3—”', () => {
    for (const text of ['（四）\n—\n3—', '一、\n—\n3—\n监', '（十）。整\n—\n3—']) {
      const { once, again } = fixAllTwice(text);
      assert.deepStrictEqual(again, [], `${JSON.stringify(text)} → ${JSON.stringify(once)}`);
    }
    const ds = svc.computeDiagnostics(makeDoc('（一）加强监管。\n—\n3—', newUri()));
    assert.deepStrictEqual(ds.filter((d) => d.code === 'text.broken-line'), []);
  });

  it('fix-all does not join lines into a new heading marker: “（” / “一）…”', () => {
    const text = '一、总体要求\n（一）加强监管。（市公安局负责）\n（\n三）推进治理。（市公安局负责）';
    const { again } = fixAllTwice(text);
    assert.deepStrictEqual(again, []);
  });

  it('a run of punctuation after a bracketed marker is one suffix: （八）、、 is fixed in one pass', () => {
    for (const text of ['（八）、、', '一、总体要求\n（一）甲。\n（二）、，乙。', '一、总体要求\n（一）甲。\n1.乙。\n（1）、、丙。']) {
      const { once, again } = fixAllTwice(text);
      assert.deepStrictEqual(again, [], `${JSON.stringify(text)} → ${JSON.stringify(once)}`);
    }
    const [d] = svc.computeDiagnostics(makeDoc('一、总体要求\n（一）、、甲。', newUri())).filter((x) => x.code === 'numbering.punctuation');
    assert.deepStrictEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });
});
