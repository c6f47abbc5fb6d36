import type { RegistryView } from '../registry/registry';
import { formatMarker } from '../syntax/markers';
import type { Heading, PlanDocument } from '../syntax/model';
import { parseClause } from '../syntax/clauses';
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
  /** Title and body as one line. */
  text: string;
  section?: Heading;
  titleGrams: Set<Gram>;
  textGrams: Gram[];
  campaigns: Set<string>;
  /** Short names of the national agencies the clauses name or stand for. */
  agencies: Set<string>;
}

export function taskHeadings(doc: PlanDocument): Heading[] {
  return doc.headings.filter((h) => h.level >= 2 && h.children.length === 0);
}

function sectionOf(doc: PlanDocument, h: Heading): Heading | undefined {
  let section: Heading | undefined;
  for (const root of doc.roots) if (root.level === 1 && root.start <= h.start) section = root;
  return section;
}

/** Removes clauses from a task's text: they name units, which are compared separately. */
function withoutClauses(doc: PlanDocument, h: Heading): string {
  let out = '';
  let at = h.ownText.start;
  for (const c of h.clauses) {
    out += doc.text.slice(at, c.start);
    at = c.end;
  }
  return (out + doc.text.slice(at, h.ownText.end)).replace(/\s*(\r\n|\r|\n)\s*/g, '');
}

export function buildTasks(doc: PlanDocument, view: RegistryView): Task[] {
  return taskHeadings(doc).map((h) => {
    const body = withoutClauses(doc, h);
    const agencies = new Set<string>();
    for (const c of h.clauses) {
      for (const unit of parseClause(c).units) {
        const agency = view.lookup(unit.text);
        for (const n of agency?.national ?? []) agencies.add(n);
      }
    }
    return {
      heading: h,
      number: formatMarker(h.level, h.marker.value, 'full'),
      title: h.title.text,
      text: body,
      section: sectionOf(doc, h),
      titleGrams: new Set(bigrams(h.title.text)),
      textGrams: bigrams(body),
      campaigns: campaigns(body),
      agencies,
    };
  });
}
