import * as assert from 'assert';
import fc from 'fast-check';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { parsePlan } from '../../server/src/service';
import { resolveClauses } from '../../server/src/service/registry/resolve';
import { bigrams, campaigns } from '../../server/src/service/national/similarity';
import { buildTasks, type Task, type TaskMemo } from '../../server/src/service/national/tasks';
import { detectContext } from '../../server/src/service/registry/context';
import { Registry } from '../../server/src/service/registry/registry';
import { editedCase, planCase } from './arbitraries';
import { loadSeed, SEED_NAMES } from './util';

/** What alignment reads off each task: its bigrams and the campaigns it names. */

const registry = new Registry(BUILTIN_REGISTRY);

function build(text: string, previous?: TaskMemo) {
  const doc = parsePlan(text);
  const context = detectContext(doc, registry);
  return buildTasks(doc, resolveClauses(doc, registry.view(context)).refs, previous);
}

const tasksOf = (text: string) => build(text).tasks;

describe('task features', () => {
  it('reads campaign names in quotes without their year', () => {
    assert.deepStrictEqual([...campaigns('开展“剑网2020”专项行动和“铁拳”行动')], ['剑网', '铁拳']);
    assert.deepStrictEqual([...campaigns('"昆仑２０２１"行动')], ['昆仑']);
    assert.deepStrictEqual([...campaigns('“护\n航”')], ['护航'], 'a line break inside the quotes');
    assert.deepStrictEqual([...campaigns('“a”“”“2020”')], [], 'one character, empty, digits only');
    assert.deepStrictEqual([...campaigns('“一二三四五六七八九十一二三”')], [], 'longer than a name');
    assert.deepStrictEqual([...campaigns('“剑网 行动')], [], 'never closed');
    assert.deepStrictEqual([...campaigns(`“${'长'.repeat(41)}”`)], [], 'closed beyond 40 characters');
    assert.deepStrictEqual([...campaigns('“双“随机”')], ['双“随机'], 'a quote runs to the first closing mark');
  });

  /** Each task's bigrams as buildTasks lays them out (views of one buffer) against those of its own title and text. */
  function assertOwnGrams(tasks: Task[], label: string): void {
    for (const task of tasks) {
      assert.deepStrictEqual(task.titleGrams, bigrams(task.title), `${label} ${task.number} title`);
      assert.deepStrictEqual(task.textGrams, bigrams(task.text), `${label} ${task.number} text`);
    }
  }

  it('gives every seed task the bigrams of its own title and text', () => {
    for (const seed of SEED_NAMES) assertOwnGrams(tasksOf(loadSeed(seed)), seed);
  });

  it('gives every task of a random or mutated plan the bigrams of its own title and text', () => {
    fc.assert(
      fc.property(planCase(), ({ text }) => assertOwnGrams(tasksOf(text), '')),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('gives an edited plan, built on its previous version, the features a fresh build gives', () => {
    fc.assert(
      fc.property(editedCase(), ({ base, versions }) => {
        let memo = build(base.text).memo;
        for (const text of versions) {
          const built = build(text, memo);
          const fresh = build(text).tasks;
          const features = (tasks: Task[]) => tasks.map((t) => ({ title: t.title, text: t.text, titleGrams: [...t.titleGrams], textGrams: [...t.textGrams], campaigns: [...t.campaigns] }));
          assert.deepStrictEqual(features(built.tasks), features(fresh));
          memo = built.memo;
        }
      }),
      { numRuns: 200, seed: 20261124 },
    );
  });
});
