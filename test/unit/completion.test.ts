import * as assert from 'assert';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { CompletionItemKind, parseClause, type CompletionItem, type TextEdit } from '../../server/src/service';
import { Registry } from '../../server/src/service/registry/registry';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { applyEdits, freshDoc, loadSeed, service, withCursor } from './util';

/** Completion inside responsibility clauses (features/completion.ts). */

const svc = service();
const REGISTRY = new Registry(BUILTIN_REGISTRY);

/** Completions at the `|` of a marked text. */
function complete(marked: string): { text: string; offset: number; items: CompletionItem[] } {
  const { text, position, offset } = withCursor(marked);
  return { text, offset, items: svc.getCompletions(freshDoc(text), position) };
}

const units = (items: CompletionItem[]) => items.filter((i) => i.kind === CompletionItemKind.Module);
const roleWords = (items: CompletionItem[]) => items.filter((i) => i.kind === CompletionItemKind.Keyword);
const edit = (item: CompletionItem) => item.textEdit as TextEdit;

/** How often each unit is named in the plan's clauses: read off the parse. */
function usage(text: string): Map<string, number> {
  const context = svc.getContext(freshDoc(text));
  const view = REGISTRY.view(context);
  const counts = new Map<string, number>();
  for (const c of svc.parse(freshDoc(text)).headings.flatMap((h) => h.clauses)) {
    for (const u of parseClause(c).units) {
      const agency = view.lookup(u.text);
      if (agency) counts.set(agency.name, (counts.get(agency.name) ?? 0) + 1);
    }
  }
  return counts;
}

function checkOrder(items: CompletionItem[], used: Map<string, number>, label: string): void {
  const sorted = [...units(items)].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
  const firstUnused = sorted.findIndex((i) => !used.has(i.label));
  assert.ok(firstUnused > 0, `${label}: some used units`);
  assert.ok(sorted.slice(firstUnused).every((i) => !used.has(i.label)), `${label}: every unit used in the document comes before every other`);
  const counts = sorted.slice(0, firstUnused).map((i) => used.get(i.label)!);
  assert.deepStrictEqual(counts, [...counts].sort((a, b) => b - a), `${label}: the most used first`);
  assert.strictEqual(firstUnused, used.size, `${label}: every unit used is offered`);
  // Role words come after the units.
  for (const r of roleWords(items)) assert.ok(r.sortText! > sorted[sorted.length - 1].sortText!, `${label}: ${r.label} after the units`);
}

describe('completion', () => {
  const xiamen = loadSeed('xiamen-city-2020');

  it('in front of another name, the inserted name brings its 、 and the clause stays well formed', () => {
    const { text, items } = complete(xiamen.replace('（市公安局负责）', '（|市公安局负责）'));
    const item = units(items).find((i) => i.label === '市商务局')!;
    assert.strictEqual(edit(item).newText, '市商务局、');
    const accepted = applyEdits(text, [edit(item)]);
    assert.ok(accepted.includes('（市商务局、市公安局负责）'));
    assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(accepted)).filter((d) => d.code.startsWith('agency.') || d.code.startsWith('clause.')), []);
  });

  it('after 、 in a clause: the units of the region, those used in this plan first; the edit replaces only what was typed', () => {
    const { text, offset, items } = complete(xiamen.replace('（市公安局负责）', '（市公安局、市商|负责）'));
    const offered = units(items).map((i) => i.label);
    const view = REGISTRY.view('city', 'xiamen');
    for (const name of offered) assert.ok(view.lookup(name), `${name} is a unit of a Xiamen plan`);
    for (const name of ['市商务局', '市公安局', '厦门海关', '人行厦门中心支行', '市通信管理局', '市市政园林局']) assert.ok(offered.includes(name), name);
    for (const name of ['区商投局', '南通海关', '示范区公安局', '公安部', '市公安官渡分局']) assert.ok(!offered.includes(name), `${name} is not offered in a Xiamen plan`);
    checkOrder(items, usage(text), 'Xiamen after 、');
    const index = new LineIndex(text);
    for (const item of units(items)) {
      assert.deepStrictEqual(edit(item).range, { start: index.positionAt(offset - 2), end: index.positionAt(offset) }, `${item.label} replaces 市商`);
      assert.strictEqual(edit(item).newText, item.label);
    }
    // Accepting 市商务局 leaves a well-formed clause.
    const accepted = applyEdits(text, [edit(units(items).find((i) => i.label === '市商务局')!)]);
    assert.ok(accepted.includes('（市公安局、市商务局负责）'));
    assert.deepStrictEqual(svc.computeDiagnostics(freshDoc(accepted)).filter((d) => d.code.startsWith('agency.') || d.code.startsWith('clause.')), []);
  });

  it('after （ at the start of a new clause, and after ， between segments', () => {
    const { text, offset, items } = complete(xiamen.replace('（市公安局负责）', '（|'));
    assert.ok(units(items).length > 30);
    const empty = new LineIndex(text).positionAt(offset);
    for (const item of units(items)) assert.deepStrictEqual(edit(item).range, { start: empty, end: empty });
    const afterComma = complete(xiamen.replace('（市公安局负责）', '（市公安局牵头，市|'));
    assert.ok(units(afterComma.items).some((i) => i.label === '市商务局'));
    const index = new LineIndex(afterComma.text);
    assert.deepStrictEqual(edit(units(afterComma.items)[0]).range, { start: index.positionAt(afterComma.offset - 1), end: index.positionAt(afterComma.offset) });
  });

  it('in a Guandu plan: its 区 units and named units first; in the national plan: the national agencies', () => {
    const guandu = loadSeed('guandu-district-2020');
    const g = complete(guandu.replace('（区委宣传部牵头负责，', '（区委宣传部、区|牵头负责，'));
    const offered = units(g.items).map((i) => i.label);
    for (const name of ['区商投局', '市公安官渡分局', '区科信局', '区市场监管局']) assert.ok(offered.includes(name), name);
    assert.ok(!offered.includes('区公安局'), 'Guandu names 市公安官渡分局 instead');
    assert.ok(!offered.includes('市公安局') && !offered.includes('厦门海关'));
    checkOrder(g.items, usage(g.text), 'Guandu');
    const national = loadSeed('national-2020');
    const n = complete(national.replace('（公安部负责）', '（公安部、|负责）'));
    const nationalOffered = units(n.items).map((i) => i.label);
    assert.ok(nationalOffered.includes('市场监管总局') && nationalOffered.includes('高法院'));
    assert.ok(nationalOffered.every((name) => REGISTRY.nationalAgency(name)), 'only national agencies');
  });

  it('role words after a complete name, replacing only the part of them typed', () => {
    const done = complete(xiamen.replace('（市公安局负责）', '（市公安局|'));
    const roles = roleWords(done.items);
    for (const label of ['牵头，', '负责', '按职责分工负责', '分别牵头']) assert.ok(roles.some((r) => r.label === label), label);
    const cursor = new LineIndex(done.text).positionAt(done.offset);
    for (const r of roles) assert.deepStrictEqual(edit(r).range, { start: cursor, end: cursor }, `${r.label} is inserted after the name`);
    const typing = complete(xiamen.replace('（市公安局负责）', '（市公安局牵|'));
    const index = new LineIndex(typing.text);
    const lead = roleWords(typing.items).find((r) => r.label === '牵头，')!;
    assert.deepStrictEqual(edit(lead).range, { start: index.positionAt(typing.offset - 1), end: index.positionAt(typing.offset) });
    assert.ok(applyEdits(typing.text, [edit(lead)]).includes('（市公安局牵头，'));
  });

  it('nothing outside a clause: title, body, after a closed clause, numbering, notice', () => {
    const cases = [
      xiamen.replace('打击侵犯知识产权', '打击|侵犯知识产权'),
      xiamen.replace('加强网络市场监管，', '加强网络市场监管，|'),
      xiamen.replace('（市公安局负责）', '（市公安局负责）|'),
      xiamen.replace('（四）', '（四）|'),
      xiamen.replace('（十）严格版权保护。', '（十）严格版权保护。|'),
    ];
    for (const marked of cases) {
      assert.ok(marked.includes('|'));
      const { items, offset, text } = complete(marked);
      assert.deepStrictEqual(items, [], `no completion at ${JSON.stringify(text.slice(offset - 8, offset))}|`);
    }
    assert.deepStrictEqual(complete(loadSeed('nantong-city-2017').replace('（二）', '（二）|')).items, []);
  });
});
