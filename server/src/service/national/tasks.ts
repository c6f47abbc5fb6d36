import type { AgencyRef } from '../checks/agencies';
import { formatMarker } from '../syntax/markers';
import { taskHeadings, type Heading, type PlanDocument } from '../syntax/model';
import { bigrams, campaigns, type Gram } from './similarity';

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
  /** The title's bigrams, in order. */
  titleGrams: readonly Gram[];
  /**
   * The text's bigrams, in order. buildTasks hands a task whose title and
   * text are unchanged since the previous version the same array, so align()
   * can key what it computed for the task on it.
   */
  textGrams: readonly Gram[];
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
type TaskFeatures = Pick<Task, 'title' | 'text' | 'titleGrams' | 'textGrams' | 'campaigns'>;

/** A document's task features by the task's own text (marker, title and body as written), handed from one version to the next. */
export type TaskMemo = Map<string, TaskFeatures>;

/**
 * `refs` are the clause units the agency check resolved (prefix elision
 * included), so no clause is read twice. A task whose title and own text are
 * unchanged since `previous` gets the same features (the same bigram arrays).
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
  const sections = sectionsOf(doc, headings);
  const tasks = headings.map((h, i): Task => {
    const ownText = doc.text.slice(h.ownText.start, h.ownText.end);
    // The title is not a function of the own text alone: whether a heading's line is all title is the document's convention.
    const known = memo.get(ownText) ?? previous?.get(ownText);
    const features = known?.title === h.title.text ? known : featuresOf(doc, h);
    memo.set(ownText, features);
    return {
      heading: h,
      number: formatMarker(h.level, h.marker.value, 'full'),
      section: sections[i],
      agencies: agenciesOf.get(h) ?? NO_NAMES,
      ...features,
    };
  });
  return { tasks, memo };
}

function featuresOf(doc: PlanDocument, h: Heading): TaskFeatures {
  const text = withoutClauses(doc, h);
  return { title: h.title.text, text, titleGrams: bigrams(h.title.text), textGrams: bigrams(text), campaigns: campaigns(text) };
}

const NO_NAMES: ReadonlySet<string> = new Set<string>();
