import * as assert from 'assert';
import { allMutations, CONVENTIONS, SEQUENCE_CODES } from './mutations';
import { freshDoc, seedDoc, SEED_NAMES, service } from './util';

const svc = service();
const svcEn = service('en');

describe('seed mutations', () => {
  describe('clean seeds', () => {
    for (const name of SEED_NAMES) {
      it(`${name}: no gap, duplicate, order, level, convention or punctuation problem`, () => {
        const ds = svc.computeDiagnostics(seedDoc(name));
        const bad = ds.filter((d) => SEQUENCE_CODES.has(d.code));
        assert.deepStrictEqual(bad.map((d) => `${d.range.start.line}: ${d.message}`), []);
      });
    }

    it('the generator covers every seed, every mutation kind and every checked level', () => {
      const ms = allMutations();
      for (const name of SEED_NAMES) {
        const mine = ms.filter((m) => m.seed === name);
        for (const kind of ['delete', 'duplicate', 'swap', 'mis-punctuate']) {
          assert.ok(mine.some((m) => m.name.startsWith(kind)), `${name}: ${kind}`);
        }
        for (const level of Object.keys(CONVENTIONS[name])) {
          assert.ok(mine.some((m) => m.name.includes(`L${level}`)), `${name}: level ${level}`);
        }
        assert.ok(mine.some((m) => m.name.includes('first of')) && mine.some((m) => m.name.includes('middle of')) && mine.some((m) => m.name.includes('last of')));
      }
      assert.ok(ms.some((m) => m.seed === 'jiyuan-zone-2023' && /^mis-punctuate L3 \d+\. .* as \d+、$/.test(m.name)), 'Jiyuan 2. → 2、');
      assert.ok(ms.some((m) => /^mis-punctuate L2 （.+） .* as （.+）、$/.test(m.name)), '（五） → （五）、');
    });
  });

  for (const name of SEED_NAMES) {
    describe(name, () => {
      for (const m of allMutations().filter((x) => x.seed === name)) {
        it(`${m.name} → ${m.expected.map((e) => `${e.code}@${e.line}`).join(', ') || 'nothing to report'}`, () => {
          const ds = svc.computeDiagnostics(freshDoc(m.text)).filter((d) => SEQUENCE_CODES.has(d.code));
          const summary = ds.map((d) => `${d.code}@${d.range.start.line}: ${d.message}`).join('\n');
          assert.deepStrictEqual(ds.map((d) => `${d.code}@${d.range.start.line}`), m.expected.map((e) => `${e.code}@${e.line}`), summary);
          m.expected.forEach((e, i) => {
            for (const s of e.says) assert.ok(ds[i].message.includes(s), `${ds[i].message} should name ${s}`);
            assert.strictEqual(ds[i].range.start.character, m.text.split('\n')[e.line].search(/\S/), 'range starts at the marker');
          });
          // The English report finds the same problems at the same places.
          const en = svcEn.computeDiagnostics(freshDoc(m.text)).filter((d) => SEQUENCE_CODES.has(d.code));
          assert.deepStrictEqual(en.map((d) => [d.code, d.range]), ds.map((d) => [d.code, d.range]));
        });
      }
    });
  }
});
