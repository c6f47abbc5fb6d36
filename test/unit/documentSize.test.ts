import * as assert from 'node:assert/strict';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { createLanguageService, DiagnosticSeverity, MAX_DOCUMENT_CHARS, RULES, type PlanTextDocument, type Position } from '../../server/src/service';
import { freshDoc, loadSeed, makeDoc } from './util';

/**
 * A plan beyond the size the service reads is said so in one diagnostic,
 * `document.too-large`, and every other feature answers empty without
 * parsing it. The limit is injected (`maxDocumentChars`) so that the seeds
 * stand for a plan too large; the real limit is checked with strings that
 * cost nothing to read.
 */

const XIAMEN = loadSeed('xiamen-city-2020');
const nationalPlans = BUILTIN_NATIONAL_PLANS;
const serviceWith = (maxDocumentChars?: number, locale = 'zh-cn') => createLanguageService({ locale, registry: BUILTIN_REGISTRY, nationalPlans, maxDocumentChars });

function positionOf(text: string, needle: string, into = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at + into).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** Every feature of the service on one document, as plain data. */
function everything(service: ReturnType<typeof serviceWith>, doc: PlanTextDocument) {
  const unit = positionOf(doc.getText(), '（市公安局负责）', 2);
  const item = positionOf(doc.getText(), '（五）', 1);
  const diagnostics = service.computeDiagnostics(doc);
  return {
    hover: service.getHover(doc, unit) ?? null,
    itemHover: service.getHover(doc, item) ?? null,
    completions: service.getCompletions(doc, positionOf(doc.getText(), '（市公安局负责）', 1)),
    symbols: service.getDocumentSymbols(doc),
    folding: service.getFoldingRanges(doc),
    lenses: service.getCodeLenses(doc),
    definition: service.getDefinition(doc, item),
    coverage: service.getCoverageReport(doc) ?? null,
    alignment: service.getAlignment(doc) ?? null,
    tokens: service.getSemanticTokens(doc),
    breakdown: service.getTaskBreakdown(doc),
    codeActions: service.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, { diagnostics }),
    fixAll: service.getFixAllEdits(doc),
    renumber: service.getRenumberEdits(doc),
    insertAll: service.getInsertAllMissingEdits(doc),
    headings: service.parse(doc).headings.length,
    national: service.getContext(doc).national ?? null,
  };
}

const EMPTY = {
  hover: null,
  itemHover: null,
  completions: [],
  symbols: [],
  folding: [],
  lenses: [],
  definition: [],
  coverage: null,
  alignment: null,
  tokens: { data: [] },
  breakdown: [],
  codeActions: [],
  fixAll: [],
  renumber: [],
  insertAll: [],
  headings: 0,
  national: null,
};

describe('a document beyond the size the service reads', () => {
  it('has a rule in the rule table: document.too-large, a warning, in Chinese and English with the size and the limit', () => {
    const rule = RULES.find((r) => r.code === 'document.too-large');
    assert.ok(rule);
    assert.equal(rule.severity, DiagnosticSeverity.Warning);
    for (const text of [rule.message['zh-cn'], rule.message.en]) assert.ok(text.includes('{size}') && text.includes('{limit}'), text);
  });

  it('the limit defaults to MAX_DOCUMENT_CHARS (10,000,000 characters): one more is reported, the limit itself is read', function () {
    this.timeout(20000);
    assert.equal(MAX_DOCUMENT_CHARS, 10_000_000);
    const service = serviceWith();
    // Plain ASCII lines: nothing in them is a marker or a clause, so reading them costs little.
    const line = 'x'.repeat(999) + '\n';
    const atLimit = line.repeat(MAX_DOCUMENT_CHARS / line.length);
    assert.equal(atLimit.length, MAX_DOCUMENT_CHARS);
    assert.ok(!service.computeDiagnostics(freshDoc(atLimit)).some((d) => d.code === 'document.too-large'));
    const over = service.computeDiagnostics(freshDoc(atLimit + 'x'));
    assert.deepEqual(over.map((d) => d.code), ['document.too-large']);
    assert.ok(over[0]!.message.includes('10,000,001') && over[0]!.message.includes('10,000,000'), over[0]!.message);
  });

  it('computeDiagnostics returns exactly one diagnostic on the first line, with the document version, naming the size and the limit', () => {
    const limit = XIAMEN.length - 1;
    const zh = serviceWith(limit).computeDiagnostics(makeDoc(XIAMEN, 'test://large.workplan', 7));
    assert.equal(zh.length, 1);
    const [d] = zh;
    assert.equal(d!.code, 'document.too-large');
    assert.equal(d!.source, 'workplan');
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d!.data, { version: 7 });
    const firstLine = XIAMEN.split('\n')[0]!;
    assert.deepEqual(d!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } });
    const size = XIAMEN.length.toLocaleString('en-US');
    const max = limit.toLocaleString('en-US');
    assert.equal(d!.message, `文档过大（${size} 个字符，超过上限 ${max} 个字符），已停止检查：应拆分为不超过 ${max} 个字符的文档`);
    const [en] = serviceWith(limit, 'en').computeDiagnostics(makeDoc(XIAMEN));
    assert.equal(en!.message, `Document too large (${size} characters, over the limit of ${max}): checking stopped; expected at most ${max} characters, so split the document`);
  });

  it('the range stays on the first line and within 200 characters, whatever the first line holds', () => {
    const service = serviceWith(100);
    const range = (text: string) => service.computeDiagnostics(freshDoc(text))[0]!.range;
    assert.deepEqual(range('\n' + 'x'.repeat(200)), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(range('ab\r\n' + 'x'.repeat(200)), { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
    assert.deepEqual(range('x'.repeat(1000)), { start: { line: 0, character: 0 }, end: { line: 0, character: 200 } });
  });

  it('follows the severity settings: its own code, its group, off', () => {
    const service = serviceWith(100);
    const doc = makeDoc(XIAMEN);
    assert.equal(service.computeDiagnostics(doc, { severities: { 'document.too-large': 'error' } })[0]!.severity, DiagnosticSeverity.Error);
    assert.equal(service.computeDiagnostics(doc, { severities: { 'document.*': 'information' } })[0]!.severity, DiagnosticSeverity.Information);
    assert.deepEqual(service.computeDiagnostics(doc, { severities: { 'document.too-large': 'off' } }), []);
    // Turning it off does not make the document readable: no other diagnostic either.
    assert.deepEqual(service.computeDiagnostics(doc, { severities: { 'document.too-large': 'off', 'numbering.*': 'error' } }), []);
  });

  it('every other feature answers empty for it; the same document under the limit answers in full', () => {
    const doc = makeDoc(XIAMEN, 'test://xiamen-large.workplan');
    assert.deepEqual(everything(serviceWith(XIAMEN.length - 1), doc), EMPTY);
    const full = everything(serviceWith(XIAMEN.length), doc);
    assert.ok(full.hover && full.itemHover, 'hovers');
    assert.ok(full.completions.length > 0 && full.symbols.length > 0 && full.folding.length > 0 && full.lenses.length > 0 && full.definition.length > 0);
    assert.ok(full.coverage && full.alignment && full.tokens.data.length > 0 && full.breakdown.length > 0 && full.headings > 0 && full.national);
    assert.ok(full.codeActions.length > 0 && full.fixAll.length > 0);
  });

  it('code actions offer nothing, not even for diagnostics of its own version carrying fixes', () => {
    const text = XIAMEN.replace('（市公安局负责）', '（市公按局负责）');
    const reading = serviceWith();
    const diagnostics = reading.computeDiagnostics(makeDoc(text, 'test://fixes.workplan', 3));
    assert.ok(diagnostics.some((d) => (d.data as { fixes?: unknown[] }).fixes?.length));
    const large = serviceWith(text.length - 1);
    assert.deepEqual(large.getCodeActions(makeDoc(text, 'test://fixes.workplan', 3), { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } }, { diagnostics }), []);
  });

  it('is not parsed: a text whose check would take a minute is answered at once', function () {
    // 400,000 characters of （一） lines: every line an item without a section, each a duplicate number.
    // Checked in full this takes over a minute (the alignment looks up each task's section among all the
    // roots); above the limit every feature answers at once.
    this.timeout(10000);
    const text = '（一）\n'.repeat(100_000);
    const service = serviceWith(100_000);
    const doc = makeDoc(text, 'test://pathological.workplan');
    const started = Date.now();
    assert.deepEqual(service.computeDiagnostics(doc).map((d) => d.code), ['document.too-large']);
    const { hover, itemHover, definition, completions, ...rest } = everything(service, { ...doc, getText: () => `（市公安局负责）（五）${text}` });
    assert.deepEqual({ hover, itemHover, definition, completions, ...rest }, EMPTY);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('cut back under the limit, the same document is read again; grown past it, the earlier analysis is dropped', () => {
    const service = serviceWith(XIAMEN.length);
    const uri = 'test://growing.workplan';
    const small = service.computeDiagnostics(makeDoc(XIAMEN, uri, 1));
    assert.ok(small.length > 0 && !small.some((d) => d.code === 'document.too-large'));
    const grown = XIAMEN + '\n（九十九）新增事项。';
    assert.deepEqual(service.computeDiagnostics(makeDoc(grown, uri, 2)).map((d) => d.code), ['document.too-large']);
    assert.deepEqual(service.getDocumentSymbols(makeDoc(grown, uri, 2)), []);
    const json = (x: unknown) => JSON.stringify(x);
    assert.equal(json(service.computeDiagnostics(makeDoc(XIAMEN, uri, 3))), json(small).replace(/"version":1\b/g, '"version":3'));
    assert.ok(service.getDocumentSymbols(makeDoc(XIAMEN, uri, 3)).length > 0);
  });

  it('a configuration change keeps the limit and refreshes the empty analysis (level and region from the settings)', () => {
    const service = serviceWith(100);
    const doc = makeDoc(XIAMEN);
    assert.equal(service.getContext(doc).source, 'default');
    service.configure({ registry: BUILTIN_REGISTRY, nationalPlans, level: 'district', region: 'guandu' });
    assert.deepEqual(
      { level: service.getContext(doc).level, region: service.getContext(doc).region, source: service.getContext(doc).source },
      { level: 'district', region: 'guandu', source: 'setting' },
    );
    assert.deepEqual(service.computeDiagnostics(doc).map((d) => d.code), ['document.too-large']);
  });
});
