import * as assert from 'assert';
import fc from 'fast-check';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { parsePlan } from '../../server/src/service';
import { resolveClauses } from '../../server/src/service/registry/resolve';
import { bigrams, campaigns } from '../../server/src/service/national/similarity';
import { buildTasks } from '../../server/src/service/national/tasks';
import { detectContext } from '../../server/src/service/registry/context';
import { Registry } from '../../server/src/service/registry/registry';
import { planCase } from './arbitraries';
import { loadSeed, SEED_NAMES } from './util';

/** What alignment reads off each task: its bigrams and the campaigns it names. */

const registry = new Registry(BUILTIN_REGISTRY);

function tasksOf(text: string) {
  const doc = parsePlan(text);
  const context = detectContext(doc, registry);
  return buildTasks(doc, resolveClauses(doc, registry.view(context)).refs).tasks;
}

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

  it('gives every seed task the bigrams of its own title', () => {
    for (const seed of SEED_NAMES) {
      for (const task of tasksOf(loadSeed(seed))) assert.deepStrictEqual(task.titleGrams, bigrams(task.title), `${seed} ${task.number}`);
    }
  });

  it('gives every task of a random or mutated plan the bigrams of its own title', () => {
    fc.assert(
      fc.property(planCase(), ({ text }) => {
        for (const task of tasksOf(text)) assert.deepStrictEqual(task.titleGrams, bigrams(task.title), task.number);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
