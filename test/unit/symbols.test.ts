import * as assert from 'assert';
import { SymbolKind, type DocumentSymbol, type Range } from '../../server/src/service';
import { freshDoc, isInside, joinLines, loadSeed, SEED_NAMES, service, type SeedName } from './util';

const svc = service();
const symbolsOf = (name: SeedName) => svc.getDocumentSymbols(freshDoc(loadSeed(name)));
const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character))
  && (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

function depth(symbols: DocumentSymbol[]): number {
  return symbols.length === 0 ? 0 : 1 + Math.max(...symbols.map((s) => depth(s.children ?? [])));
}

const HAS_NOTICE: Record<SeedName, boolean> = {
  'national-2020': true,
  'xiamen-city-2020': true,
  'guandu-district-2020': true,
  'jiyuan-zone-2023': true,
  'nantong-city-2017': true,
};
const HAS_TITLE: Record<SeedName, boolean> = {
  'national-2020': true,
  'xiamen-city-2020': true,
  'guandu-district-2020': false,
  'jiyuan-zone-2023': true,
  'nantong-city-2017': true,
};
const SECTIONS: Record<SeedName, number[]> = {
  'national-2020': [7, 8, 3, 5, 6, 3, 3],
  'xiamen-city-2020': [7, 8, 3, 5, 6, 3, 3],
  'guandu-district-2020': [4, 1, 7, 3, 3, 4, 6, 3],
  'jiyuan-zone-2023': [4, 5, 3, 3, 3, 3, 3],
  'nantong-city-2017': [3, 3, 2, 4, 3, 3],
};

describe('document symbols', () => {
  for (const name of SEED_NAMES) {
    it(`${name}: notice, then title, then sections with their items`, () => {
      const symbols = symbolsOf(name);
      let k = 0;
      if (HAS_NOTICE[name]) {
        assert.strictEqual(symbols[k].name, '印发通知');
        assert.strictEqual(symbols[k].kind, SymbolKind.Object);
        k++;
      }
      if (HAS_TITLE[name]) {
        assert.match(symbols[k].name.replace(/\s/g, ''), /工作要点$/);
        assert.strictEqual(symbols[k].kind, SymbolKind.File);
        k++;
      }
      const sections = symbols.slice(k);
      assert.deepStrictEqual(sections.map((s) => s.children?.length), SECTIONS[name]);
      sections.forEach((s, i) => assert.ok(s.name.startsWith(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、'][i]), s.name));
      for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i - 1].range.end.line <= symbols[i].range.start.line, 'top-level symbols in document order');
    });

    it(`${name}: every selectionRange lies inside its range, every child inside its parent, all inside the document`, () => {
      const text = loadSeed(name);
      const visit = (s: DocumentSymbol, parent?: DocumentSymbol) => {
        assert.ok(isInside(text, s.range), s.name);
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection inside range`);
        if (parent) assert.ok(contains(parent.range, s.range), `${s.name} inside ${parent.name}`);
        assert.ok(s.name.length > 0 && s.name.length <= 50, s.name);
        for (const c of s.children ?? []) visit(c, s);
      };
      for (const s of symbolsOf(name)) visit(s);
    });
  }

  it('national: items carry marker and title in their names', () => {
    const sections = symbolsOf('national-2020').filter((s) => s.kind === SymbolKind.Namespace);
    assert.ok(sections[0].name.startsWith('一、深化重点领域治理和产品监管'));
    assert.ok(sections[0].children![0].name.startsWith('（一）加强互联网侵权假冒治理'), sections[0].children![0].name);
    assert.ok(sections[0].children![4].name.startsWith('（五）加强重点市场监管'));
    assert.ok(sections[1].children![6].name.startsWith('(十四)健全无害化销毁'));
    assert.strictEqual(sections[6].children![2].name, '（三十五）加强系统性宣传');
    // The clause is shown as detail.
    assert.strictEqual(sections[6].children![2].detail, '全国打击侵权假冒工作领导小组办公室、中央宣传部牵头，相关成员单位按职责分工负责');
  });

  it('the notice symbol shows the document number', () => {
    const notice = symbolsOf('xiamen-city-2020')[0];
    assert.strictEqual(notice.detail, '厦打假发〔2020〕1号');
    assert.strictEqual(symbolsOf('national-2020')[0].detail, undefined);
  });

  it('jiyuan: three levels, level-3 items under level-2 items', () => {
    const symbols = symbolsOf('jiyuan-zone-2023');
    const sections = symbols.filter((s) => s.kind === SymbolKind.Namespace);
    assert.strictEqual(depth(sections), 3);
    const first = sections[0].children![0];
    assert.strictEqual(first.name, '（一）推进互联网领域侵权假冒治理');
    assert.strictEqual(first.children!.length, 4);
    assert.ok(first.children![0].name.startsWith('1.开展“剑网 2023”专项行动'), first.children![0].name);
    assert.ok(first.children![0].name.length <= 45, 'long titles are clipped');
    assert.strictEqual(flatten(sections).filter((s) => s.kind === SymbolKind.Method).length, 77);
  });

  it('nantong: the item title is the line of its own, not the body', () => {
    const sections = symbolsOf('nantong-city-2017').filter((s) => s.kind === SymbolKind.Namespace);
    assert.strictEqual(sections[0].children![0].name, '(一)加强互联网领域侵权假冒行为治理');
    const item = sections[0].children![0];
    assert.strictEqual(item.selectionRange.start.line, item.range.start.line);
    assert.ok(item.range.end.line > item.range.start.line);
  });

  it('an empty document has no symbols; a plan without a notice starts with its sections', () => {
    assert.deepStrictEqual(svc.getDocumentSymbols(freshDoc('')), []);
    const symbols = svc.getDocumentSymbols(freshDoc(joinLines('一、甲', '（一）乙。')));
    assert.deepStrictEqual(symbols.map((s) => s.name), ['一、甲']);
    assert.deepStrictEqual(symbols[0].children!.map((s) => s.name), ['（一）乙']);
  });

  it('names follow the locale', () => {
    const en = service('en').getDocumentSymbols(freshDoc(loadSeed('xiamen-city-2020')));
    assert.strictEqual(en[0].name, 'Issuing notice');
  });
});

describe('folding ranges', () => {
  for (const name of SEED_NAMES) {
    it(`${name}: one range per multi-line section and item, none empty`, () => {
      const text = loadSeed(name);
      const doc = freshDoc(text);
      const folds = svc.getFoldingRanges(doc);
      const lines = text.split('\n');
      for (const f of folds) {
        assert.ok(f.endLine > f.startLine, JSON.stringify(f));
        assert.ok(f.endLine < lines.length);
        assert.ok(lines[f.endLine].trim() !== '', 'a fold ends on a line with text');
      }
      // Independently of the service: a heading's block runs to the last non-blank line before the next heading of its level or above.
      const plan = svc.parse(doc);
      const bodyEnd = plan.lines.lineAt(plan.body.end);
      const expected = new Map<number, number>();
      plan.headings.forEach((h, i) => {
        const next = plan.headings.slice(i + 1).find((x) => x.level <= h.level);
        let last = next ? next.line - 1 : bodyEnd;
        while (last > h.line && lines[last].trim() === '') last--;
        if (last > h.line) expected.set(h.line, last);
      });
      const headingFolds = folds.filter((f) => plan.headings.some((h) => h.line === f.startLine));
      assert.deepStrictEqual(
        headingFolds.map((f) => [f.startLine, f.endLine]),
        [...expected.entries()],
      );
      assert.strictEqual(new Set(folds.map((f) => f.startLine)).size, folds.length, 'one range per start line');
      // Sections always span lines.
      for (const r of plan.roots) assert.ok(expected.has(r.line));
    });
  }

  it('national: the notice folds as a region', () => {
    const folds = svc.getFoldingRanges(freshDoc(loadSeed('national-2020')));
    assert.ok(folds.some((f) => f.kind === 'region'));
  });

  it('single-line items do not fold', () => {
    const folds = svc.getFoldingRanges(freshDoc(joinLines('一、甲', '（一）乙。', '（二）丙。', '二、丁', '（三）戊。')));
    assert.deepStrictEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 2], [3, 4]]);
  });
});
