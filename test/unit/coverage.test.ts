import * as assert from 'assert';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { parseClause, type AlignmentReport, type CodeAction, type Diagnostic, type Heading, type WorkplanLanguageService } from '../../server/src/service';
import { Registry } from '../../server/src/service/registry/registry';
import { formatMarker } from '../../server/src/service/syntax/markers';
import { applyEdits, freshDoc, loadSeed, nationalService, type SeedName, type TestDoc } from './util';

/**
 * coverage.missing (checks/coverage.ts) and the insertion of missing national
 * tasks (national/insert.ts): on the seeds, on copies with an item deleted,
 * and the insert-all edit.
 */

const svc = nationalService();
const REGISTRY = new Registry(BUILTIN_REGISTRY);
/** Numbering problems of the order of the items: any of these after an insertion is a broken insertion. */
const SEQUENCE = /^numbering\.(gap|duplicate|order|level|convention|punctuation)$/;

function diagnostics(doc: TestDoc, s: WorkplanLanguageService = svc): Diagnostic[] {
  return s.computeDiagnostics(doc);
}

function missingOf(doc: TestDoc): Diagnostic[] {
  return diagnostics(doc).filter((d) => d.code === 'coverage.missing');
}

/** The national number a coverage.missing is about. */
function nationalNumber(d: Diagnostic): string {
  return (d.data as { national: { number: string } }).national.number;
}

function count(ds: Diagnostic[], code: string): number {
  return ds.filter((d) => d.code === code).length;
}

function items(text: string): Heading[] {
  return svc.parse(freshDoc(text)).headings.filter((h) => h.level === 2);
}

function alignment(text: string): AlignmentReport {
  const report = svc.getAlignment(freshDoc(text));
  assert.ok(report);
  return report;
}

/** The quick fix inserting the national task of a coverage.missing. */
function insertAction(doc: TestDoc, d: Diagnostic): CodeAction {
  const actions = svc.getCodeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] });
  const insert = actions.find((a) => a.title.startsWith(`在此处补充全国任务${nationalNumber(d)}（改写为本地表述`));
  assert.ok(insert, `actions: ${actions.map((a) => a.title).join(' | ')}`);
  return insert;
}

function applyAction(doc: TestDoc, action: CodeAction): string {
  const edits = action.edit?.changes?.[doc.uri];
  assert.ok(edits && edits.length > 0, action.title);
  return applyEdits(doc.text, edits);
}

/**
 * The seed with item `index` (0-based) cut out, up to the next heading. With
 * `renumber`, the items after it renumbered as a drafter does after dropping
 * one (the numbering.gap quick fix), so the copy has no numbering problem of
 * its own.
 */
function withoutItem(seed: SeedName, index: number, renumber: boolean): { text: string; deleted: Heading } {
  const text = loadSeed(seed);
  const plan = svc.parse(freshDoc(text));
  const deleted = plan.headings.filter((h) => h.level === 2)[index];
  const next = plan.headings[plan.headings.indexOf(deleted) + 1];
  let cut = text.slice(0, deleted.start) + text.slice(next ? next.start : deleted.end);
  if (renumber) {
    const doc = freshDoc(cut);
    const gap = diagnostics(doc).find((d) => d.code === 'numbering.gap');
    if (gap) {
      const fix = svc.getCodeActions(doc, gap.range, { diagnostics: [gap] }).find((a) => a.title === '从此处起重新编排二级序号');
      assert.ok(fix, 'the renumber fix');
      cut = applyAction(doc, fix);
    }
    assert.ok(!diagnostics(freshDoc(cut)).some((d) => SEQUENCE.test(String(d.code))), 'the copy is numbered cleanly');
  }
  return { text: cut, deleted };
}

/** The inserted item's clause units that are national agencies with a counterpart for this document: they should have been mapped. */
function unmappedNational(text: string, item: Heading, seed: SeedName): string[] {
  const context = svc.getContext(freshDoc(text));
  const view = REGISTRY.view(context);
  assert.ok(seed.includes(context.region ?? '?'), `${seed} is checked as ${context.region}`);
  return item.clauses.flatMap((c) => parseClause(c).units.map((u) => u.text)).filter((u) => view.counterpartOf(u) !== undefined);
}

describe('coverage.missing', () => {
  describe('on the seeds', () => {
    it('Guandu: one Information per dropped national task, where it would go, with the expected item in the message', () => {
      const doc = freshDoc(loadSeed('guandu-district-2020'));
      const ds = missingOf(doc);
      const lines = doc.text.split('\n');
      const at = (d: Diagnostic) => `${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}@${d.range.start.line}`;
      assert.deepStrictEqual(ds.map((d) => `${nationalNumber(d)} ${at(d)}`), [
        // （六）严格寄递环节监管 belongs after （四）加强重点市场监管 (national （五）), the last item of section 一;
        // section 二 opens with （五）严格重点产品监管 (national （七）).
        '（六） （四）@11',
        // The three international tasks belong after （二十八）持续开展教育引导 (national （二十九）), the last of section 六;
        // section 七 opens with （二十九）提升专业水平 (national （三十三）).
        '（三十） （二十八）@41',
        '（三十一） （二十八）@41',
        '（三十二） （二十八）@41',
      ]);
      for (const d of ds) {
        assert.strictEqual(d.severity, 3, 'Information by default');
        assert.strictEqual(d.source, 'workplan');
      }
      assert.strictEqual(ds[0].message, '全国任务（六）“严格寄递环节监管”在本文档中没有对应事项：可在此处补充为（五）严格寄递环节监管');
      assert.deepStrictEqual((ds[0].data as { national: unknown }).national, { id: 'national-2020:（六）', number: '（六）', title: '严格寄递环节监管' });
      const en = nationalService('en').computeDiagnostics(doc).filter((d) => d.code === 'coverage.missing');
      assert.strictEqual(en[0].message, 'National task （六） “严格寄递环节监管” has no counterpart in this plan: expected it here as （五）严格寄递环节监管');
    });

    it('a plan of another year than every built-in parent (Nantong 2017, Jiyuan 2023): one coverage.other-year on the title, no report per task', () => {
      for (const [seed, year, covered] of [['nantong-city-2017', 2017, 13], ['jiyuan-zone-2023', 2023, 27]] as const) {
        const doc = freshDoc(loadSeed(seed));
        const ds = svc.computeDiagnostics(doc).filter((d) => String(d.code).startsWith('coverage.'));
        assert.deepStrictEqual(ds.map((d) => d.code), ['coverage.other-year'], seed);
        assert.strictEqual(ds[0].severity, 3);
        assert.strictEqual(ds[0].range.start.line, svc.parse(doc).lines.positionAt(svc.parse(doc).title!.start).line, 'on the plan title');
        assert.strictEqual(
          ds[0].message,
          `本文档为${year}年工作要点，没有同年的上级工作要点，已改与《2020 年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》对照，未逐项提示缺失任务（${covered}/35 项全国任务有对应事项）：应在设置 workplan.nationalPlan 或命令行 --national 中指定${year}年的上级工作要点`,
        );
      }
    });

    it('a plan of unknown year: the same one summary, saying the plan names no year', () => {
      const text = loadSeed('xiamen-city-2020').replace(/2020\s*年|〔2020〕/g, '');
      const ds = svc.computeDiagnostics(freshDoc(text)).filter((d) => String(d.code).startsWith('coverage.'));
      assert.deepStrictEqual(ds.map((d) => d.code), ['coverage.other-year']);
      assert.match(ds[0].message, /^本文档未写明年份，没有同年的上级工作要点/);
    });

    it('another year’s plan the user chose (national-2020 for Nantong 2017): a report per task, each naming both years', () => {
      const chosen = nationalService();
      chosen.configure({ national: 'national-2020' });
      const ds = chosen.computeDiagnostics(freshDoc(loadSeed('nantong-city-2017'))).filter((d) => String(d.code).startsWith('coverage.'));
      assert.strictEqual(ds.length, 22);
      for (const d of ds) {
        assert.strictEqual(d.code, 'coverage.missing');
        assert.ok(d.message.endsWith('（本文档为2017年，对照的是2020年全国工作要点；当年要点可用设置 workplan.nationalPlan 或命令行 --national 指定）'), d.message);
      }
    });

    it('Xiamen has none; the severity is configurable', () => {
      assert.deepStrictEqual(missingOf(freshDoc(loadSeed('xiamen-city-2020'))), []);
      const doc = freshDoc(loadSeed('guandu-district-2020'));
      const as = (severity: string) => svc.computeDiagnostics(doc, { severities: { 'coverage.missing': severity } }).filter((d) => d.code === 'coverage.missing');
      assert.ok(as('warning').length === 4 && as('warning').every((d) => d.severity === 2));
      assert.ok(as('hint').every((d) => d.severity === 4));
      assert.deepStrictEqual(as('off'), []);
    });

    it('the insertTask fix on Guandu （六）: the task rewritten for Guandu as （五）, the items after it renumbered, in one edit', () => {
      const doc = freshDoc(loadSeed('guandu-district-2020'));
      const d = missingOf(doc)[0];
      const action = insertAction(doc, d);
      assert.strictEqual(action.kind, 'quickfix');
      assert.strictEqual(action.isPreferred, true);
      const edits = action.edit!.changes![doc.uri];
      assert.strictEqual(edits.length, 28, 'the insertion after （四）, and （五）…（三十一） renumbered');
      const fixed = applyAction(doc, action);
      const after = items(fixed);
      assert.strictEqual(after.length, 32);
      assert.deepStrictEqual(after.slice(3, 6).map((h) => `${h.marker.text}${h.title.text}`), ['（四）加强重点市场监管', '（五）严格寄递环节监管', '（六）严格重点产品监管']);
      assert.strictEqual(after[31].marker.text, '（三十二）');
      const inserted = after[4];
      const text = fixed.slice(inserted.start, inserted.end);
      assert.deepStrictEqual(unmappedNational(fixed, inserted, 'guandu-district-2020'), []);
      // Guandu writes no blank line between items: neither does the insertion, at the end of section 一.
      assert.match(fixed, /加强重点市场监管。[^\n]*\n（五）严格寄递环节监管。[^\n]*\n二、加强重点产品和重点环节监管\n（六）严格重点产品监管/);
      const ds = diagnostics(freshDoc(fixed));
      // The registry has no district counterpart of 邮政局: it is left as it is, visible to the drafter.
      assert.ok(text.endsWith('（邮政局负责）'), text);
      assert.strictEqual(action.title, '在此处补充全国任务（六）（改写为本地表述；邮政局没有已知的本地对应单位，插入后请改写）');
      assert.ok(ds.some((x) => /^agency\./.test(String(x.code)) && x.range.start.line === fixed.slice(0, inserted.start).split('\n').length - 1 && x.message.includes('邮政局')), 'flagged for the drafter');
      assert.deepStrictEqual(ds.filter((x) => x.code === 'coverage.missing').map(nationalNumber), ['（三十）', '（三十一）', '（三十二）']);
      assert.deepStrictEqual(ds.filter((x) => /^numbering\./.test(String(x.code))).map((x) => x.code), []);
    });
  });

  describe('an item deleted (and the rest renumbered, as a drafter does)', () => {
    for (const seed of ['xiamen-city-2020', 'guandu-district-2020'] as SeedName[]) {
      it(`${seed}: every item in turn → coverage.missing for exactly its national task, placed by its national neighbours; the fix restores a cleanly numbered, localised item`, () => {
        const original = loadSeed(seed);
        const before = alignment(original);
        const widthBefore = count(diagnostics(freshDoc(original)), 'numbering.width');
        const total = items(original).length;
        const inPlace: string[] = [];
        for (let index = 0; index < total; index++) {
          const { text, deleted } = withoutItem(seed, index, true);
          const what = `${seed} without ${deleted.marker.text}${deleted.title.text}`;
          const national = before.matches.filter((m) => m.local.line === deleted.line).map((m) => m.national.number);
          assert.strictEqual(national.length, 1, what);
          const doc = freshDoc(text);
          const missing = missingOf(doc);
          const baseline = before.missing.map((m) => m.number);
          assert.deepStrictEqual(missing.map(nationalNumber).filter((n) => !baseline.includes(n)), national, what);
          const d = missing.find((x) => nationalNumber(x) === national[0])!;

          // Where: Xiamen keeps the national order, so on the item that now stands in its place, or (when it
          // was the last of its section) on the one before it. Guandu reorders: see the rule below.
          if (seed === 'xiamen-city-2020') {
            const remaining = items(text);
            const onLine = d.range.start.line;
            assert.ok(onLine === remaining[index]?.line || onLine === remaining[index - 1]?.line, `${what}: on line ${onLine}`);
          }

          const fixed = applyAction(doc, insertAction(doc, d));
          const ds = diagnostics(freshDoc(fixed));
          assert.ok(!ds.some((x) => x.code === 'coverage.missing' && nationalNumber(x) === national[0]), `${what}: still missing after the fix`);
          assert.deepStrictEqual(ds.filter((x) => SEQUENCE.test(String(x.code))).map((x) => `${x.code} ${x.message}`), [], what);
          assert.ok(count(ds, 'numbering.width') <= widthBefore, `${what}: no new width problem`);

          const after = items(fixed);
          assert.strictEqual(after.length, total, what);
          const inserted = after.find((h) => h.title.text === before.matches.find((m) => m.national.number === national[0])!.national.title);
          assert.ok(inserted, `${what}: the national title is back`);
          const position = after.indexOf(inserted);
          if (position === index) inPlace.push(deleted.marker.text);
          // The rule of insert.ts: after the item implementing the nearest earlier national task still covered,
          // before the first item after it that implements a later one (or first, when no earlier task is covered).
          const afterReport = alignment(fixed);
          const valueOf = (h: Heading) => Math.min(...afterReport.matches.filter((m) => m.local.line === h.line).map((m) => NATIONAL_ORDER.indexOf(m.national.number)));
          const k = NATIONAL_ORDER.indexOf(national[0]);
          const earlier = after.filter((h) => h !== inserted && valueOf(h) < k);
          if (earlier.length === 0) assert.strictEqual(position, 0, what);
          else {
            const nearest = Math.max(...earlier.map(valueOf));
            const neighbour = after.findIndex((h) => h !== inserted && valueOf(h) === nearest);
            assert.ok(neighbour < position, `${what}: placed after ${after[neighbour].title.text}`);
            for (const h of after.slice(neighbour + 1, position)) assert.ok(valueOf(h) < k, `${what}: ${h.title.text} (a later task) comes before the inserted item`);
          }

          // Rewritten for this document: local units, local wording.
          const body = fixed.slice(inserted.start, inserted.end);
          assert.deepStrictEqual(unmappedNational(fixed, inserted, seed), [], `${what}: national units left where the registry has a local one`);
          assert.ok(!/全国(?!打击侵权假冒工作领导小组)/.test(body), `${what}: 全国 left in ${body}`);
        }
        if (seed === 'xiamen-city-2020') assert.strictEqual(inPlace.length, total, 'Xiamen follows the national order: every item goes back where it was');
        else assert.ok(inPlace.length >= 21, `Guandu: ${inPlace.length} of ${total} back where they were (its 10 reordered items go next to their national neighbours)`);
      });
    }

    it('Xiamen without （五）: the inserted item carries Xiamen units (市公安局, not 公安部) and 全市, not 全国', () => {
      const { text } = withoutItem('xiamen-city-2020', 4, true);
      const doc = freshDoc(text);
      const fixed = applyAction(doc, insertAction(doc, missingOf(doc)[0]));
      const item = items(fixed)[4];
      const body = fixed.slice(item.start, item.end);
      assert.ok(body.startsWith('（五）加强重点市场监管。对侵权假冒案件多发'), body);
      assert.ok(body.includes('（市市场监管局牵头，市委宣传部、市公安局、市农业农村局、市商务局、市文旅局按职责分工负责）'), body);
      assert.ok(!/公安部|市场监管总局|中央宣传部/.test(body), body);
      // The national （十二） speaks of 全国: Xiamen's copy of it says 全市.
      const without12 = withoutItem('xiamen-city-2020', 11, true).text;
      const doc12 = freshDoc(without12);
      const fixed12 = applyAction(doc12, insertAction(doc12, missingOf(doc12)[0]));
      const item12 = items(fixed12)[11];
      const body12 = fixed12.slice(item12.start, item12.end);
      assert.ok(loadSeed('national-2020').includes('开展全国林草种苗质量抽查'));
      assert.ok(body12.includes('开展全市林草种苗质量抽查'), body12);
    });

    it('Xiamen without （五）, the gap left as it is: the insertion takes the missing number （五） and the gap is gone', () => {
      // Guards against the insertion taking its anchor's current number (（六）, with （五） cut out and
      // （六） following): the gap at （五） stayed and the message offered （六）.
      const { text } = withoutItem('xiamen-city-2020', 4, false);
      const doc = freshDoc(text);
      assert.strictEqual(count(diagnostics(doc), 'numbering.gap'), 1);
      const d = missingOf(doc)[0];
      const fixed = applyAction(doc, insertAction(doc, d));
      const gaps = diagnostics(freshDoc(fixed)).filter((x) => SEQUENCE.test(String(x.code)));
      assert.deepStrictEqual(gaps.map((x) => `${x.code} ${x.message}`), [], 'no numbering problem after the insertion');
      assert.match(d.message, /可在此处补充为（五）加强重点市场监管$/);
    });
  });

  describe('in a section numbered in the other convention', () => {
    /**
     * Xiamen with section 三's items numbered （一）（二）（三） as if the plan restarted there, its item `drop`
     * (0-based) cut out, and the items after the section numbered on without it: a document whose only
     * problem, besides the missing task, is the numbering.convention at section 三's （一）.
     */
    function xiamenRestartingSection3(drop: number): string {
      const text = loadSeed('xiamen-city-2020');
      const hs = items(text);
      const section = hs.slice(15, 18);
      const cut = section[drop];
      const next = svc.parse(freshDoc(text)).headings.find((h) => h.start > cut.start && h.level <= cut.level)!;
      const markers = hs.flatMap((h, i) => {
        if (h === cut) return [];
        const kept = section.filter((x) => x !== cut);
        const value = kept.includes(h) ? kept.indexOf(h) + 1 : i > 17 ? h.marker.value - 1 : h.marker.value;
        return [{ start: h.marker.start, end: h.marker.end, newText: formatMarker(2, value, 'full', false) }];
      });
      let out = text;
      for (const e of [...markers, { start: cut.start, end: next.start, newText: '' }].sort((a, b) => b.start - a.start)) {
        out = out.slice(0, e.start) + e.newText + out.slice(e.end);
      }
      return out;
    }

    const numberingOf = (ds: Diagnostic[]) => ds.filter((d) => /^numbering\./.test(String(d.code))).map((d) => `${d.code} ${d.message}`);
    const CONVENTION = 'numbering.convention 编号方式不一致：本文档二级序号全文连续编号，此处应为（十六）';

    for (const [drop, number, marker, title] of [[2, '（十八）', '（三）', '深入推进司法保护'], [1, '（十七）', '（二）', '全面履行检察职能']] as const) {
      it(`national ${number} missing from it: inserted in the section's own numbers, the sections after it continuing the plan's (no new error)`, () => {
        // The fix round-trip test found the faulty draft's section 三 （一）（二） followed by （十三）: the task inserted
        // as （三） renumbered （十三） on to （四）, a new order error; the sections after it follow the plan's numbering.
        const text = xiamenRestartingSection3(drop);
        const doc = freshDoc(text);
        assert.deepStrictEqual(numberingOf(diagnostics(doc)), [CONVENTION]);
        const d = missingOf(doc).find((x) => nationalNumber(x) === number)!;
        assert.ok(d, `${number} is missing`);
        assert.ok(d.message.endsWith(`可在此处补充为${marker}${title}`), d.message);
        const fixed = applyAction(doc, insertAction(doc, d));
        const values = items(fixed).map((h) => h.marker.value);
        assert.deepStrictEqual(values, [...Array.from({ length: 15 }, (_, i) => i + 1), 1, 2, 3, ...Array.from({ length: 17 }, (_, i) => i + 19)]);
        assert.strictEqual(items(fixed).find((h) => h.title.text === title)!.marker.text, marker);
        const after = diagnostics(freshDoc(fixed));
        assert.deepStrictEqual(numberingOf(after), [CONVENTION]);
        assert.ok(!after.some((x) => x.code === 'coverage.missing' && nationalNumber(x) === number));
      });
    }
  });

  describe('insert all missing tasks (getInsertAllMissingEdits)', () => {
    for (const seed of ['guandu-district-2020', 'jiyuan-zone-2023'] as SeedName[]) {
      it(`${seed}: one edit; afterwards no coverage.missing and no numbering problem; a second time nothing to do`, () => {
        const original = loadSeed(seed);
        const doc = freshDoc(original);
        const before = diagnostics(doc);
        const missingBefore = alignment(original).missing;
        assert.ok(missingBefore.length > 0);
        const edits = svc.getInsertAllMissingEdits(doc);
        assert.strictEqual(edits.length, 1);
        const fixed = applyEdits(original, edits);
        const after = diagnostics(freshDoc(fixed));
        assert.deepStrictEqual(after.filter((d) => d.code === 'coverage.missing').map(nationalNumber), []);
        assert.deepStrictEqual(after.filter((d) => SEQUENCE.test(String(d.code))).map((d) => `${d.code} ${d.message}`), []);
        assert.strictEqual(count(after, 'numbering.width'), count(before, 'numbering.width'));
        // Every task that was missing is now there, under its own title, and matched.
        const report = alignment(fixed);
        assert.deepStrictEqual(report.missing, []);
        for (const m of missingBefore) assert.ok(report.matches.some((x) => x.national.number === m.number && x.local.title === m.title), `${m.number}${m.title}`);
        // The draft's own text is all still there.
        const kept = original.replace(/\s+/g, '').replace(/[（(][一二三四五六七八九十]+[）)]|\d+[.．]/g, '');
        const now = fixed.replace(/\s+/g, '').replace(/[（(][一二三四五六七八九十]+[）)]|\d+[.．]/g, '');
        let at = 0;
        for (const ch of kept) {
          at = now.indexOf(ch, at);
          assert.ok(at >= 0, 'the original text is a subsequence of the result');
          at++;
        }
        // Applying it twice is a no-op.
        assert.deepStrictEqual(svc.getInsertAllMissingEdits(freshDoc(fixed)), []);
        assert.strictEqual(applyEdits(fixed, svc.getInsertAllMissingEdits(freshDoc(fixed))), fixed);
      });
    }

    it('Guandu: the inserted tasks speak Guandu: 市公安官渡分局 for 公安部, 区商投局 for 商务部, 全区 for 全国', () => {
      const original = loadSeed('guandu-district-2020');
      const fixed = applyEdits(original, svc.getInsertAllMissingEdits(freshDoc(original)));
      const hs = items(fixed);
      const cross = hs.find((h) => h.title.text === '大力加强跨境执法协作')!;
      const text = fixed.slice(cross.start, cross.end);
      assert.ok(text.includes('（市公安官渡分局负责）'), text);
      assert.ok(!text.includes('公安部'), text);
      const bilateral = hs.find((h) => h.title.text === '深入开展多双边交流合作')!;
      assert.ok(fixed.slice(bilateral.start, bilateral.end).includes('（区商投局牵头）'));
      for (const h of hs) assert.deepStrictEqual(unmappedNational(fixed, h, 'guandu-district-2020').filter((u) => !original.includes(u)), [], h.title.text);
      assert.deepStrictEqual(hs.map((h) => h.marker.value), hs.map((_, i) => i + 1));
    });

    for (const seed of ['guandu-district-2020', 'jiyuan-zone-2023'] as const) {
      it(`${seed}: a national unit with no counterpart here keeps a name that reads as national (国家药监局, 中国贸促会), and each is reported as national, not as a unit missing its prefix`, () => {
        const original = loadSeed(seed);
        const before = diagnostics(freshDoc(original));
        const fixed = applyEdits(original, svc.getInsertAllMissingEdits(freshDoc(original)));
        const after = diagnostics(freshDoc(fixed));
        const lines = fixed.split('\n');
        const reported = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code).map((d) => lines[d.range.start.line]?.slice(d.range.start.character, d.range.end.character));
        const added = after.filter((d) => /^agency\./.test(String(d.code))).length - before.filter((d) => /^agency\./.test(String(d.code))).length;
        const national = reported(after, 'agency.national-in-local');
        assert.ok(national.length > 0 && national.length === added, `every added agency report is agency.national-in-local: ${national.join('、')}`);
        for (const unit of national) assert.ok(!REGISTRY.core(unit!), `${unit} is not a local core`);
        assert.ok(national.includes(seed.startsWith('jiyuan') ? '国家药监局' : '中国贸促会'), national.join('、'));
        for (const code of ['agency.level', 'agency.unknown']) assert.strictEqual(reported(after, code).length, reported(before, code).length, code);
      });
    }

    it('Jiyuan: inserted tasks take the restarting 1. numbering of the group they join', () => {
      const original = loadSeed('jiyuan-zone-2023');
      const fixed = applyEdits(original, svc.getInsertAllMissingEdits(freshDoc(original)));
      const plan = svc.parse(freshDoc(fixed));
      for (const group of plan.headings.filter((h) => h.level === 2)) {
        const values = group.children.map((c) => c.marker.value);
        assert.deepStrictEqual(values, values.map((_, i) => i + 1), `${group.marker.text}${group.title.text}`);
      }
      // Every task that was missing is now there, as a level-3 item like the tasks around it.
      const missing = svc.getAlignment(freshDoc(original))!.missing;
      assert.ok(missing.length > 0);
      for (const task of missing) {
        assert.ok(plan.headings.some((h) => h.level === 3 && h.title.text === task.title), `${task.number}${task.title} is inserted as a level-3 item`);
      }
    });

    it('Xiamen: nothing to insert', () => {
      assert.deepStrictEqual(svc.getInsertAllMissingEdits(freshDoc(loadSeed('xiamen-city-2020'))), []);
    });

    it('Nantong: the inserted items follow its layout and add no warnings to its own items', () => {
      // Nantong writes each title on a line of its own with the body in the next paragraph, and names no
      // units. Inserted items written “（四）标题。正文（单位负责）” on one line, with clauses, once became the
      // majority: Nantong's own title lines were then read as broken sentences and its items got clause.missing.
      const original = loadSeed('nantong-city-2017');
      const before = diagnostics(freshDoc(original));
      const fixed = applyEdits(original, svc.getInsertAllMissingEdits(freshDoc(original)));
      const after = diagnostics(freshDoc(fixed));
      assert.deepStrictEqual(after.filter((d) => d.code === 'coverage.missing'), []);
      const grew = ['text.broken-line', 'clause.missing'].map((code) => `${code} ${count(before, code)} → ${count(after, code)}`);
      assert.deepStrictEqual(grew, ['text.broken-line 6 → 6', 'clause.missing 0 → 0']);
    });
  });
});

/** National item numbers in order, （一）…（三十五）. */
const NATIONAL_ORDER = [
  '（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）', '（八）', '（九）', '（十）',
  '（十一）', '（十二）', '（十三）', '（十四）', '（十五）', '（十六）', '（十七）', '（十八）', '（十九）', '（二十）',
  '（二十一）', '（二十二）', '（二十三）', '（二十四）', '（二十五）', '（二十六）', '（二十七）', '（二十八）', '（二十九）', '（三十）',
  '（三十一）', '（三十二）', '（三十三）', '（三十四）', '（三十五）',
];
