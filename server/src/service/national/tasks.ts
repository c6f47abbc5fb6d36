import type { AgencyRef } from '../registry/resolve';
import { formatMarker } from '../syntax/markers';
import { taskHeadings, type Heading, type PlanDocument } from '../syntax/model';
import { bigramsInto, campaigns, type Grams } from './similarity';

/**
 * A task: a heading that carries work, i.e. one with no sub-headings below
 * the sections — （五） in the national plan and in Xiamen, 1. under （一） in
 * Jiyuan — with what alignment compares: its title, its text, the campaigns
 * it names and the national agencies its clauses stand for.
 */
export interface Task {
  heading: Heading;
  /** The marker in full-width form: （五）, 1. */
  number: string;
  title: string;
  /** Title and body after the marker, clauses left out, line breaks as written (bigrams skip them; `oneLine` is for showing it). */
  text: string;
  section?: Heading;
  titleGrams: Grams;
  /** The same array for as long as the task's title and text are unchanged (buildTasks' memo): align() keys its reuse on it. */
  textGrams: Grams;
  campaigns: ReadonlySet<string>;
  /** Short names of the national agencies the clauses name or stand for. */
  agencies: ReadonlySet<string>;
}

/** Each task's section (the level-1 heading above it), in one pass: a scan per task was quadratic in plans without sections. */
function sectionsOf(doc: PlanDocument, tasks: readonly Heading[]): Array<Heading | undefined> {
  const sections: Array<Heading | undefined> = [];
  let current: Heading | undefined;
  for (let h = 0, t = 0; h < doc.headings.length && t < tasks.length; h++) {
    const heading = doc.headings[h];
    if (heading.level === 1) current = heading;
    if (heading === tasks[t]) {
      sections.push(current);
      t++;
    }
  }
  return sections;
}

/**
 * A task's text after its marker, without its clauses: they name units,
 * which are compared separately. The marker's numeral (（十一）) says nothing
 * of the task.
 */
function withoutClauses(doc: PlanDocument, h: Heading): string {
  let out = '';
  let at = h.marker.end;
  for (const c of h.clauses) {
    out += doc.text.slice(at, c.start);
    at = c.end;
  }
  return out + doc.text.slice(at, h.ownText.end);
}

/** A task's text for showing: its lines joined, as the sentence they broke. */
export function oneLine(text: string): string {
  return text.replace(/\s*(\r\n|\r|\n)\s*/g, '');
}

/** What alignment reads off a task's title and text; the same title and text always give the same features. */
type TaskFeatures = Pick<Task, 'text' | 'titleGrams' | 'textGrams' | 'campaigns'>;

/**
 * A document's task features by title, then by the task's own text as
 * written, handed from one version to the next. Keyed on the title too,
 * since whether a heading's line is all title is the document's convention,
 * not its own text's; and looked up by the short title, the text compared
 * rather than hashed, since every task is looked up on every version.
 */
export type TaskMemo = Map<string, Array<{ ownText: string; features: TaskFeatures }>>;

/**
 * `refs` are the clause units the agency check resolved (prefix elision
 * included), so no clause is read twice. A task whose title and text are
 * unchanged since `previous` gets the same features, bigram arrays included.
 */
export function buildTasks(doc: PlanDocument, refs: readonly AgencyRef[], previous?: TaskMemo): { tasks: Task[]; memo: TaskMemo } {
  const agenciesOf = new Map<Heading, Set<string>>();
  for (const ref of refs) {
    if (!ref.agency?.national) continue;
    const set = agenciesOf.get(ref.heading) ?? new Set<string>();
    for (const n of ref.agency.national) set.add(n);
    agenciesOf.set(ref.heading, set);
  }
  const memo: TaskMemo = new Map();
  const headings = taskHeadings(doc);
  // The features of each task, from the memo when its text is unchanged; the others' bigrams are written below.
  const fresh: Array<{ heading: Heading; features: TaskFeatures }> = [];
  const featuresOf = headings.map((h) => {
    const ownText = doc.text.slice(h.ownText.start, h.ownText.end);
    const same = (e: { ownText: string }) => e.ownText === ownText;
    let features = (memo.get(h.title.text)?.find(same) ?? previous?.get(h.title.text)?.find(same))?.features;
    if (!features) {
      const text = withoutClauses(doc, h);
      features = { text, titleGrams: NO_GRAMS, textGrams: NO_GRAMS, campaigns: campaigns(text) };
      fresh.push({ heading: h, features });
    }
    const entries = memo.get(h.title.text);
    if (!entries) memo.set(h.title.text, [{ ownText, features }]);
    else if (!entries.some(same)) entries.push({ ownText, features });
    return features;
  });
  writeGrams(fresh);
  const sections = sectionsOf(doc, headings);
  const tasks = headings.map(
    (h, i): Task => ({
      heading: h,
      number: formatMarker(h.level, h.marker.value, 'full'),
      title: h.title.text,
      section: sections[i],
      agencies: agenciesOf.get(h) ?? NO_NAMES,
      ...featuresOf[i],
    }),
  );
  return { tasks, memo };
}

const NO_GRAMS: Grams = new Int32Array(0);
const NO_NAMES: ReadonlySet<string> = new Set<string>();

/**
 * The bigrams of the tasks whose features are new, all views of one buffer:
 * two arrays per task made the first check of a seed about a sixth slower,
 * most of it collecting them.
 */
function writeGrams(fresh: ReadonlyArray<{ heading: Heading; features: TaskFeatures }>): void {
  const buffer = new Int32Array(fresh.reduce((sum, { heading, features }) => sum + features.text.length + heading.title.text.length, 0));
  let at = 0;
  const write = (text: string): Grams => {
    const count = bigramsInto(text, buffer, at);
    at += count;
    return buffer.subarray(at - count, at);
  };
  for (const { heading, features } of fresh) {
    features.textGrams = write(features.text);
    features.titleGrams = write(heading.title.text);
  }
}
