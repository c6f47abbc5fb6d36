import type { Heading, PlanDocument } from '../../server/src/service';
import { formatMarker, type Level } from '../../server/src/service/syntax/markers';
import { loadSeed, makeDoc, service, SEED_NAMES, type SeedName } from './util';

/**
 * Programmatic mutations of the seeds, generated from the parsed structure
 * (heading lines), each with the numbering diagnostics it must produce.
 */

export type Convention = 'continuous' | 'restart';

/** What the seeds are known to do (DOMAIN.md): only Jiyuan restarts, at levels 2 and 3. */
export const CONVENTIONS: Record<SeedName, Partial<Record<Level, Convention>>> = {
  'national-2020': { 1: 'continuous', 2: 'continuous' },
  'xiamen-city-2020': { 1: 'continuous', 2: 'continuous' },
  'guandu-district-2020': { 1: 'continuous', 2: 'continuous' },
  'jiyuan-zone-2023': { 1: 'continuous', 2: 'restart', 3: 'restart' },
  'nantong-city-2017': { 1: 'continuous', 2: 'continuous' },
};

export interface Expected {
  code: string;
  /** 0-based line in the mutated text. */
  line: number;
  /** Strings the message must contain (the expected marker). */
  says: string[];
}

export interface Mutation {
  seed: SeedName;
  name: string;
  text: string;
  expected: Expected[];
}

/** Codes a clean seed never produces; a mutation must produce exactly its expected ones. */
export const SEQUENCE_CODES = new Set(['numbering.gap', 'numbering.duplicate', 'numbering.order', 'numbering.level', 'numbering.convention', 'numbering.punctuation']);

function dominantWidth(hs: Heading[]): 'full' | 'half' {
  let full = 0;
  let half = 0;
  for (const h of hs) {
    if (/^[（]/.test(h.marker.text) || /^[０-９]/.test(h.marker.text)) full++;
    else if (/^[(0-9]/.test(h.marker.text)) half++;
  }
  return half > full ? 'half' : 'full';
}

interface Block {
  first: number;
  /** Last line of the heading's text and children, plus the blank lines after it. */
  last: number;
}

function blockOf(plan: PlanDocument, lines: string[], h: Heading): Block {
  let last = plan.lines.lineAt(h.end);
  while (last + 1 < lines.length && lines[last + 1].trim() === '') last++;
  return { first: h.line, last };
}

function pick<T>(xs: T[]): Array<[string, number]> {
  const out: Array<[string, number]> = [['first', 0]];
  if (xs.length >= 3) out.push(['middle', Math.floor(xs.length / 2)]);
  out.push(['last', xs.length - 1]);
  return out;
}

/** Sibling groups of a level: children of the same parent, in document order. */
function groups(plan: PlanDocument, level: Level): Heading[][] {
  const out: Heading[][] = [];
  const visit = (siblings: Heading[]) => {
    const here = siblings.filter((h) => h.level === level);
    if (here.length > 0) out.push(here);
    for (const h of siblings) visit(h.children);
  };
  visit(plan.roots);
  return out;
}

export function mutationsOf(seed: SeedName): Mutation[] {
  const text = loadSeed(seed);
  const plan = service().parse(makeDoc(text, `test://mutations/${seed}`));
  const lines = text.split('\n');
  const out: Mutation[] = [];
  const join = (ls: string[]) => ls.join('\n');

  for (const [levelKey, convention] of Object.entries(CONVENTIONS[seed])) {
    const level = Number(levelKey) as Level;
    const all = plan.headings.filter((h) => h.level === level);
    const width = dominantWidth(all);
    const fm = (v: number) => formatMarker(level, v, width);
    const levelGroups = groups(plan, level).filter((g) => g.length >= 3);
    if (levelGroups.length === 0) continue;
    const chosen = [...new Set([levelGroups[0], levelGroups[Math.floor(levelGroups.length / 2)], levelGroups[levelGroups.length - 1]])];
    for (const group of chosen) {
      for (const [where, k] of pick(group)) {
        const h = group[k];
        const v = h.marker.value;
        const tag = `L${level} ${h.marker.text.trim()} (${where} of its group)`;
        const block = blockOf(plan, lines, h);
        const size = block.last - block.first + 1;

        // Sections (level 1) only get mis-punctuated: moving a section moves the items numbered through it.
        // Delete the item with everything under it.
        if (level > 1) {
          const mutated = join([...lines.slice(0, block.first), ...lines.slice(block.last + 1)]);
          const index = all.indexOf(h);
          const next = convention === 'restart' ? group[k + 1] : all[index + 1];
          const expected: Expected[] = next
            ? [{ code: 'numbering.gap', line: next.line - size, says: [`缺少${fm(v)}`, `应为${fm(v)}`] }]
            : [];
          out.push({ seed, name: `delete ${tag}`, text: mutated, expected });
        }

        // Duplicate it right after itself.
        if (level > 1) {
          const copy = lines.slice(block.first, block.last + 1);
          const mutated = join([...lines.slice(0, block.last + 1), ...copy, ...lines.slice(block.last + 1)]);
          out.push({
            seed,
            name: `duplicate ${tag}`,
            text: mutated,
            expected: [{ code: 'numbering.duplicate', line: block.last + 1, says: [h.marker.text, `应为${fm(v + 1)}`] }],
          });
        }

        // Swap it with the next item of its group (the last one swaps with the one before it).
        if (level > 1) {
          const [a, b] = k + 1 < group.length ? [h, group[k + 1]] : [group[k - 1], h];
          const blockA: Block = { first: a.line, last: b.line - 1 };
          const blockB = blockOf(plan, lines, b);
          const mutated = join([
            ...lines.slice(0, blockA.first),
            ...lines.slice(blockB.first, blockB.last + 1),
            ...lines.slice(blockA.first, blockA.last + 1),
            ...lines.slice(blockB.last + 1),
          ]);
          const bLine = blockA.first;
          const aLine = blockA.first + (blockB.last - blockB.first + 1);
          out.push({
            seed,
            name: `swap ${a.marker.text.trim()} and ${b.marker.text.trim()} (L${level}, ${where})`,
            text: mutated,
            expected: [
              { code: 'numbering.order', line: bLine, says: [`应为${fm(a.marker.value)}`] },
              { code: 'numbering.order', line: aLine, says: [`应为${fm(b.marker.value)}`] },
            ],
          });
        }

        // Mis-punctuate the marker: （五） → （五）、, 2. → 2、, 三、 → 三，
        {
          const line = lines[h.line];
          const at = line.indexOf(h.marker.text);
          let wrong: string;
          if (level === 1) wrong = h.marker.text.replace(/、$/, '，');
          else if (level === 3) wrong = h.marker.text.replace(/[.．]$/, '、');
          else wrong = `${h.marker.text}、`;
          const mutatedLines = [...lines];
          mutatedLines[h.line] = line.slice(0, at) + wrong + line.slice(at + h.marker.text.length);
          out.push({
            seed,
            name: `mis-punctuate ${tag} as ${wrong}`,
            text: join(mutatedLines),
            expected: [{ code: 'numbering.punctuation', line: h.line, says: [wrong, `应为${fm(v)}`] }],
          });
        }
      }
    }
  }
  return out;
}

let cache: Mutation[] | undefined;
export function allMutations(): Mutation[] {
  cache ??= SEED_NAMES.flatMap(mutationsOf);
  return cache;
}
