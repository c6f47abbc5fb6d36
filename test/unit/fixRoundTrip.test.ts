import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseClause, type CodeAction, type Diagnostic, type DiagnosticData, type Heading, type PlanDocument, type TextEdit } from '../../server/src/service';
import { formatMarker, matchMarker } from '../../server/src/service/syntax/markers';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { allMutations } from './mutations';
import { applyEdits as applyByLineIndex, freshDoc, kindOf, loadFixture, loadSeed, makeDoc, nationalService, prng, REPO_ROOT, SEED_NAMES, type FixKind, type TestDoc } from './util';

/**
 * The exhaustive round trip of every quick fix and of fix-all, through the
 * language service as a plain library (codeActions.test.ts holds the
 * targeted tests of what each fix writes; this file sweeps a corpus).
 *
 * Corpus: the five seeds, the two faulty drafts, the seed mutations of
 * mutations.ts (items deleted, duplicated, swapped, markers mis-punctuated)
 * and the mutations below (marker width and number changes, broken markers,
 * typos and dropped characters in unit names, dropped characters anywhere in
 * the body, broken lines, page markers, unclosed clauses, clauses without
 * role words, repeated units, a lead named again as a partner, national
 * agencies in local plans, runs of items and whole sections deleted so that
 * national tasks go missing, CRLF line ends, and chains of three mutations),
 * plus small hand-written plans for interplays the generators reach only by
 * chance (edgeCases). Everything is deterministic (fixed PRNG seeds). The
 * whole corpus is swept, without sampling (about 20–30 s on two cores).
 *
 * For every document, every diagnostic and every quick fix offered for it
 * (getCodeActions with the diagnostic's range and `{ diagnostics: [d] }`;
 * commands such as workplan.addToRegistry are counted, not applied; the
 * source.fixAll action the same call returns is the document's fix-all and is
 * checked once per document under property 5):
 *
 * 1. The edit applies (TextDocument.applyEdits) and the result parses and is
 *    checked without throwing.
 * 2. The targeted diagnostic is gone. SAME PLACE: a diagnostic after the fix
 *    is the targeted one when it has the same code and exactly the targeted
 *    range mapped through the fix's edits (offsets before an edit stay, after
 *    it shift by the edit's length change; a range the fix rewrote maps to the
 *    rewritten text, a range the fix deleted to an empty range). So a
 *    numbering problem is the same when it sits on the same heading marker
 *    (rewritten or not: renumbering changes the expected values in every
 *    message, so messages are not compared), and of two copies of one unit
 *    in a clause (agency.duplicate) only the one at the mapped place counts.
 *    coverage.missing is identified by the national task it names
 *    (data.national.id): it is gone when that task is no longer missing
 *    anywhere in the document.
 * 3. No new error. Each error after the fix is matched, one to one, with an
 *    error before it other than the targeted one: first by (code, message),
 *    then by (code, same place as in property 2). The second step is needed
 *    because messages quote the marker as written and the expected value: a
 *    width or punctuation fix on （十）、 re-words the order problem of that
 *    same marker (此处为（十）、 → 此处为（十）), and a renumbering shifts the
 *    expected value in every later message. At one place the four sequence
 *    codes (gap, duplicate, order, convention) count as one problem, "this
 *    marker is out of sequence": which of them a marker gets depends on its
 *    neighbours, so a national task inserted right after a gap's marker
 *    (numbered as the check expects there) turns that gap into an order
 *    problem without anything new being wrong. An error left unmatched is
 *    new: a marker, unit or clause that had no error of its kind before.
 *    (How many matches needed the place and not the message is printed with
 *    the counts.)
 * 4. Edits stay in their range: the edits do not overlap and their positions
 *    are canonical (LineIndex and TextDocument agree on the result); the text
 *    outside the edit ranges is byte-identical; each edit lies in a region the
 *    fix declares (the diagnostic's lines; a heading marker, for the numbering
 *    fixes and the renumbering of an insertion; the anchor item, for an
 *    inserted national task; a reported line break, for joining all broken
 *    lines); and each edit is MINIMAL: a pure insertion, a pure deletion, or
 *    a replacement whose new text differs from the replaced text at the first
 *    and at the last character. Two token-sized exceptions are allowed and
 *    counted: a range that is exactly a heading marker (a marker is rewritten
 *    whole, （四）→（三）, and an insertion before an item carries the item's
 *    renumbered marker) and, for a unit replacement, a range that is exactly
 *    the unit the diagnostic names (市公按局→市公安局 rewrites the name).
 *    A no-op edit (new text equal to the old) is never minimal.
 * 5. Fix-all (getFixAllEdits, which the source.fixAll action must carry):
 *    edits that neither overlap nor start at one offset, minimal as above;
 *    applied once, the result parses, offers no further fix-all edit, and
 *    has no more error diagnostics than before.
 *
 * Failures list one smallest case per (code, fix) class. This sweep found
 * five, now fixed in the service: the single-marker fix of a gap the items
 * after it follow (it moved the gap to the next marker; only renumbering is
 * offered there now), the single-marker fix of either marker of a swapped
 * pair (it left one number twice, and in the faulty draft a gap further
 * down; renumbering is offered there now), a national task inserted right
 * after a swapped pair (numbered from the marker before it, it repeated a
 * number of the pair), a national task inserted into a section numbered in
 * the other convention (the sections after it were renumbered on from the
 * section's own numbers), and an unknown unit replaced by the clause's own
 * lead (which then stood as lead and partner).
 * ROUNDTRIP_DUMP=file writes every violation as JSON.
 */

const svc = nationalService('zh-cn');

// ————————————————————————————————————————————————————————— corpus

interface Sample {
  /** Seed family (or 'drafts', 'edge'), for reporting. */
  family: string;
  /** Where it comes from: the file, mutations.ts, a generator below, a chain. */
  source?: string;
  name: string;
  text: string;
}

type Gen = (text: string, plan: PlanDocument, rand: () => number) => { name: string; text: string } | undefined;

function splice(text: string, start: number, end: number, newText: string): string {
  return text.slice(0, start) + newText + text.slice(end);
}

function pickOne<T>(xs: readonly T[], rand: () => number): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)];
}

function lineOfOffset(plan: PlanDocument, offset: number): number {
  return plan.lines.positionAt(offset).line;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Every unit of every clause, with its clause. */
function unitsOf(plan: PlanDocument) {
  return plan.headings.flatMap((h) => h.clauses.flatMap((c) => {
    const parsed = parseClause(c);
    return parsed.units.map((u, i) => ({ unit: u, clause: c, parsed, index: i }));
  }));
}

const TYPO_CHARS = ['按', '杆', '常', '间', '政', '证', '商', '尚', '为', '据', '物', '们', '发'];
const CJK = /^[\u4e00-\u9fff]$/;

/** A split point between two Chinese characters of a line, away from brackets. */
function splitPoint(text: string, lineStart: number, lineEnd: number, rand: () => number): number | undefined {
  const candidates: number[] = [];
  for (let at = lineStart + 6; at < lineEnd - 6; at++) {
    if (CJK.test(text[at - 1]) && CJK.test(text[at]) && !/[（）()]/.test(text.slice(at - 3, at + 3))) candidates.push(at);
  }
  return pickOne(candidates, rand);
}

/** Long lines of the plan body: [start, end) of their content. */
function bodyLines(plan: PlanDocument, minLength = 30): Array<[number, number]> {
  const first = lineOfOffset(plan, plan.body.start);
  const last = lineOfOffset(plan, plan.body.end);
  const out: Array<[number, number]> = [];
  for (let line = first; line <= last; line++) {
    const start = plan.lines.lineStarts[line];
    const end = plan.lines.lineContentEnd(line);
    if (end - start >= minLength) out.push([start, end]);
  }
  return out;
}

const width2 = (h: Heading): 'full' | 'half' => (h.marker.width === 'half' ? 'half' : 'full');

const GENERATORS: Record<string, { gen: Gen; count: number }> = {
  // A marker of level 2–4 written in the other width.
  width: {
    count: 3,
    gen: (text, plan, rand) => {
      const h = pickOne(plan.headings.filter((x) => x.level > 1), rand);
      if (!h) return undefined;
      const other = width2(h) === 'full' ? 'half' : 'full';
      const m = formatMarker(h.level, h.marker.value, other, h.marker.fullDigits);
      return { name: `width ${h.marker.text}→${m}`, text: splice(text, h.marker.start, h.marker.end, m) };
    },
  },
  // A marker with a wrong number (a typo, not a moved item).
  wrongNumber: {
    count: 3,
    gen: (text, plan, rand) => {
      const h = pickOne(plan.headings, rand);
      if (!h) return undefined;
      const m = formatMarker(h.level, h.marker.value + 1 + Math.floor(rand() * 3), width2(h), h.marker.fullDigits);
      return { name: `wrong number ${h.marker.text}→${m}`, text: splice(text, h.marker.start, h.marker.end, m) };
    },
  },
  // A character of a marker dropped: （五 / 五）/ 三 .
  brokenMarker: {
    count: 2,
    gen: (text, plan, rand) => {
      const h = pickOne(plan.headings.filter((x) => x.marker.text.length >= 2), rand);
      if (!h) return undefined;
      const at = h.marker.start + (rand() < 0.5 ? 0 : h.marker.text.length - 1);
      return { name: `broken marker ${h.marker.text} without ${text[at]}`, text: splice(text, at, at + 1, '') };
    },
  },
  // One character of a unit name replaced as an IME slip would.
  unitTypo: {
    count: 4,
    gen: (text, plan, rand) => {
      const o = pickOne(unitsOf(plan).filter((x) => x.unit.text.length >= 3 && x.unit.end - x.unit.start === x.unit.text.length), rand);
      if (!o) return undefined;
      const i = 1 + Math.floor(rand() * (o.unit.text.length - 1));
      const c = pickOne(TYPO_CHARS.filter((t) => t !== o.unit.text[i]), rand)!;
      const typo = o.unit.text.slice(0, i) + c + o.unit.text.slice(i + 1);
      return { name: `unit typo ${o.unit.text}→${typo}`, text: splice(text, o.unit.start, o.unit.end, typo) };
    },
  },
  // One character of a unit name dropped.
  unitDrop: {
    count: 3,
    gen: (text, plan, rand) => {
      const o = pickOne(unitsOf(plan).filter((x) => x.unit.text.length >= 3 && x.unit.end - x.unit.start === x.unit.text.length), rand);
      if (!o) return undefined;
      const i = Math.floor(rand() * o.unit.text.length);
      const dropped = o.unit.text.slice(0, i) + o.unit.text.slice(i + 1);
      return { name: `unit drop ${o.unit.text}→${dropped}`, text: splice(text, o.unit.start, o.unit.end, dropped) };
    },
  },
  // Any non-space character of the body dropped (a bracket, a 。, a marker's 、 …).
  dropChar: {
    count: 4,
    gen: (text, plan, rand) => {
      const lines = bodyLines(plan, 2);
      const line = pickOne(lines, rand);
      if (!line) return undefined;
      const at = line[0] + Math.floor(rand() * (line[1] - line[0]));
      if (/\s/.test(text[at])) return undefined;
      return { name: `drop ${JSON.stringify(text[at])} on line ${lineOfOffset(plan, at)}`, text: splice(text, at, at + 1, '') };
    },
  },
  // A hard line break in mid-sentence (with a blank line when the plan separates paragraphs).
  brokenLine: {
    count: 3,
    gen: (text, plan, rand) => {
      const line = pickOne(bodyLines(plan), rand);
      const at = line && splitPoint(text, line[0], line[1], rand);
      if (at === undefined) return undefined;
      const eol = eolOf(text);
      const breakText = rand() < 0.5 ? eol : eol + eol;
      return { name: `line broken on line ${lineOfOffset(plan, at)}`, text: splice(text, at, at, breakText) };
    },
  },
  // A page marker pasted from PDF: inside a sentence, or between two paragraphs.
  pageMarker: {
    count: 3,
    gen: (text, plan, rand) => {
      const line = pickOne(bodyLines(plan), rand);
      if (!line) return undefined;
      const eol = eolOf(text);
      const page = 2 + Math.floor(rand() * 20);
      const marker = pickOne([`— ${page} —`, `- ${page} -`, `第${page}页`], rand)!;
      if (rand() < 0.5) {
        const at = splitPoint(text, line[0], line[1], rand);
        if (at === undefined) return undefined;
        return { name: `page marker ${marker} inside line ${lineOfOffset(plan, at)}`, text: splice(text, at, at, `${eol}${eol}${marker}${eol}${eol}`) };
      }
      return { name: `page marker ${marker} after line ${lineOfOffset(plan, line[1])}`, text: splice(text, line[1], line[1], `${eol}${marker}`) };
    },
  },
  // A clause that never closes.
  unclosedClause: {
    count: 3,
    gen: (text, plan, rand) => {
      const c = pickOne(plan.headings.flatMap((h) => h.clauses).filter((x) => x.closed && /[）)]/.test(text[x.end - 1])), rand);
      if (!c) return undefined;
      return { name: `unclosed clause ${c.raw.slice(0, 12)}…`, text: splice(text, c.end - 1, c.end, '') };
    },
  },
  // （A牵头，B、C按职责分工负责） → （A牵头，B、C）: no role words at the end.
  noRole: {
    count: 2,
    gen: (text, plan, rand) => {
      const c = pickOne(plan.headings.flatMap((h) => h.clauses).filter((x) => x.closed && /牵头[，,].*?(按(职责|部门)分工)?(分别)?负责[）)]$/.test(x.raw)), rand);
      if (!c) return undefined;
      const m = /(按(职责|部门)分工)?(分别)?负责[）)]$/.exec(c.raw)!;
      const start = c.start + m.index;
      return { name: `no role words in ${c.raw.slice(0, 12)}…`, text: splice(text, start, c.end - 1, '') };
    },
  },
  // A unit named twice in one clause.
  duplicateUnit: {
    count: 2,
    gen: (text, plan, rand) => {
      const o = pickOne(unitsOf(plan).filter((x) => x.parsed.units.length >= 2 && x.index === x.parsed.units.length - 1), rand);
      if (!o) return undefined;
      const other = o.parsed.units[Math.floor(rand() * (o.parsed.units.length - 1))];
      if (other.role === 'lead' && o.unit.role !== 'lead') return undefined;
      return { name: `${other.text} named twice`, text: splice(text, o.unit.end, o.unit.end, `、${other.text}`) };
    },
  },
  // The lead named again among the partners.
  leadAsPartner: {
    count: 1,
    gen: (text, plan, rand) => {
      const o = pickOne(unitsOf(plan).filter((x) => x.unit.role === 'partner' && x.index === x.parsed.units.length - 1 && x.parsed.units.some((u) => u.role === 'lead')), rand);
      if (!o) return undefined;
      const lead = o.parsed.units.find((u) => u.role === 'lead')!;
      return { name: `lead ${lead.text} also a partner`, text: splice(text, o.unit.end, o.unit.end, `、${lead.text}`) };
    },
  },
  // A national agency copied into a local plan unlocalised.
  nationalAgency: {
    count: 2,
    gen: (text, plan, rand) => {
      const map: Array<[RegExp, string]> = [[/公安局$/, '公安部'], [/市场监管局$/, '市场监管总局'], [/商务局$/, '商务部'], [/宣传部$/, '中央宣传部'], [/司法局$/, '司法部']];
      const o = pickOne(unitsOf(plan).filter((x) => map.some(([re]) => re.test(x.unit.text)) && x.unit.end - x.unit.start === x.unit.text.length), rand);
      if (!o) return undefined;
      const national = map.find(([re]) => re.test(o.unit.text))![1];
      if (national === o.unit.text) return undefined;
      return { name: `national ${o.unit.text}→${national}`, text: splice(text, o.unit.start, o.unit.end, national) };
    },
  },
  // Several items in a row, or a whole section, deleted: national tasks go missing together.
  deleteRun: {
    count: 2,
    gen: (text, plan, rand) => {
      if (rand() < 0.5) {
        const sections = plan.roots.filter((h) => h.level === 1);
        const s = pickOne(sections.slice(1), rand);
        if (!s) return undefined;
        return { name: `section ${s.marker.text}${s.title.text} deleted`, text: splice(text, s.start, s.end, '') };
      }
      const items = plan.headings.filter((h) => h.level === 2);
      if (items.length < 5) return undefined;
      const i = 1 + Math.floor(rand() * (items.length - 4));
      const run = items.slice(i, i + 3);
      if (run.some((h) => !plan.headings.find((p) => p.children.includes(h))?.children.includes(run[0]))) return undefined;
      return { name: `items ${run.map((h) => h.marker.text).join('')} deleted`, text: splice(text, run[0].start, run[2].end, '') };
    },
  },
};

/** Deterministic 32-bit hash of a string, to seed the PRNG per (seed, generator, k). */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const parser = nationalService('zh-cn');
let parseCounter = 0;
function parseOnly(text: string): PlanDocument {
  const doc = makeDoc(text, `test://roundtrip-corpus-${++parseCounter}.workplan`);
  const plan = parser.parse(doc);
  parser.forget(doc.uri);
  return plan;
}

/**
 * Small hand-written plans for the interplay of fixes the generators reach
 * only by chance: a typo whose suggestion is the clause's lead, a unit named
 * three times, clauses and page markers at the very end of the text, names
 * broken across lines, half-width clauses, two unclosed clauses in one item.
 */
function edgeCases(): Sample[] {
  const plan = (...items: string[]) => ['2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点', '', '一、总体要求', '', ...items].join('\n');
  const cases: Array<[string, string]> = [
    ['typo whose suggestion is the lead', plan('（一）加强网络市场监管。（市公安局牵头，市公按局、市商务局按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['a unit three times', plan('（一）加强网络市场监管。（市公安局、市商务局、市公安局、市公安局按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['a repeated unit first and before 等', plan('（一）加强网络市场监管。（市商务局、市公安局、市商务局等按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局、市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['lead named among partners, twice', plan('（一）加强网络市场监管。（市公安局牵头，市商务局、市公安局、市公安局按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['unclosed clause at the end of the text', plan('（一）加强网络市场监管。（市公安局负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责')],
    ['two unclosed clauses in one item', plan('（一）加强网络市场监管。（市公安局负责。严格寄递环节监管。（市邮政管理局负责', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['half-width clauses, one unclosed', plan('（一）加强网络市场监管。(市公安局负责', '（二）严格寄递环节监管。(市邮政管理局负责)', '（三）加强重点市场监管。(市市场监管局负责)')],
    ['page marker as the last line', plan('（一）加强网络市场监管。（市公安局负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）', '', '— 3 —')],
    ['page marker right after the first heading', plan('（一）加强网络市场监管。（市公安局负责）', '— 2 —', '（二）严格寄递环节监管。（市邮政管理局负责）', '（四）加强重点市场监管。（市市场监管局负责）')],
    ['a unit broken across lines, mistyped', plan('（一）加强网络市场监管。（市公安局牵头，市通信', '管里局、市商务局按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['a sentence broken three times', plan('（一）加强网络市场监管，严厉打击', '在线销售侵权假冒商品、虚假广告、', '虚假宣传等违法', '行为。（市公安局负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['national agencies whose counterpart is already named', plan('（一）加强网络市场监管。（市公安局、公安部、商务部按职责分工负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（三）加强重点市场监管。（市场监管总局负责）')],
    ['every marker fault at once', plan('(一)加强网络市场监管。（市公安局负责）', '（三）、严格寄递环节监管。（市邮政管理局负责）', '（二）加强重点市场监管。（市市场监管局负责）', '二，重点任务', '（一）推进信用体系建设。（市发改委负责）', '1、加强宣传。（市委宣传部负责）', '3. 加强培训。（市委宣传部负责）', '（五）健全考核评价机制。（市打击侵权假冒工作领导小组办公室牵头）')],
    ['no role words, several forms', plan('（一）加强网络市场监管。（市公安局牵头，市商务局、市委宣传部）', '（二）严格寄递环节监管。（市邮政管理局牵头、市公安局）', '（三）加强重点市场监管。（市市场监管局负责）')],
    ['a gap the items after it number on from', plan('（一）加强网络市场监管。（市公安局负责）', '（二）严格寄递环节监管。（市邮政管理局负责）', '（四）加强重点市场监管。（市市场监管局负责）', '（五）推进信用体系建设。（市发改委负责）')],
    ['a missing national task after a swapped pair', plan(
      '（一）加强互联网侵权假冒治理。加强网络市场监管，严厉打击在线销售侵权假冒商品违法行为。（市市场监管局牵头，市公安局按职责分工负责）',
      '（三）开展农村和城乡结合部市场治理。加强农村假冒伪劣食品治理。（市市场监管局、市农业农村局按职责分工负责）',
      '（二）推进进出口侵权假冒治理。开展“龙腾行动”，严厉打击跨境制售侵权假冒商品违法犯罪行为。（厦门海关负责）',
      '（四）加强重点市场监管。对侵权假冒案件多发的批发市场、专业市场加大执法力度。（市市场监管局负责）',
    )],
    ['empty', ''],
    ['only a title', '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点\n'],
  ];
  return cases.map(([name, text]) => ({ family: 'edge', source: 'edge', name, text }));
}

function buildCorpus(): Sample[] {
  const out: Sample[] = [];
  const seen = new Set<string>();
  const add = (s: Sample) => {
    if (seen.has(s.text)) return;
    seen.add(s.text);
    out.push(s);
  };
  add({ family: 'drafts', source: 'file', name: 'test/fixtures/drafts/faulty-draft.txt', text: loadFixture('drafts/faulty-draft.txt') });
  add({ family: 'drafts', source: 'file', name: 'samples/faulty-draft.wp.txt', text: fs.readFileSync(path.join(REPO_ROOT, 'samples', 'faulty-draft.wp.txt'), 'utf8') });
  add({ family: 'drafts', source: 'crlf', name: 'faulty-draft.txt with CRLF', text: loadFixture('drafts/faulty-draft.txt').replace(/\n/g, '\r\n') });
  for (const e of edgeCases()) {
    add(e);
    add({ ...e, source: 'crlf', name: `${e.name} (CRLF)`, text: e.text.replace(/\n/g, '\r\n') });
  }
  const genNames = Object.keys(GENERATORS);
  for (const seed of SEED_NAMES) {
    const text = loadSeed(seed);
    add({ family: seed, source: 'file', name: 'the seed', text });
    add({ family: seed, source: 'crlf', name: 'the seed with CRLF', text: text.replace(/\n/g, '\r\n') });
    for (const m of allMutations().filter((x) => x.seed === seed)) add({ family: seed, source: `mutations.ts ${m.name.split(' ')[0]}`, name: m.name, text: m.text });
    const plan = parseOnly(text);
    for (const g of genNames) {
      const { gen, count } = GENERATORS[g];
      let made = 0;
      for (let k = 0; made < count && k < count * 6; k++) {
        const r = gen(text, plan, prng(hash(`${seed}/${g}/${k}`)));
        if (r && r.text !== text && !seen.has(r.text)) {
          add({ family: seed, source: g, name: r.name, text: r.text });
          made++;
        }
      }
    }
    // Chains of three mutations, each generated on the text the one before left.
    for (let k = 0; k < 5; k++) {
      const rand = prng(hash(`${seed}/chain/${k}`));
      let current = text;
      const names: string[] = [];
      for (let step = 0, tries = 0; step < 3 && tries < 30; tries++) {
        const g = GENERATORS[genNames[Math.floor(rand() * genNames.length)]];
        const r = g.gen(current, parseOnly(current), rand);
        if (!r || r.text === current) continue;
        current = r.text;
        names.push(r.name);
        step++;
      }
      if (names.length > 0) add({ family: seed, source: 'chain of 3', name: `chain: ${names.join(' + ')}${k === 0 ? ' (CRLF)' : ''}`, text: k === 0 ? current.replace(/\r?\n/g, '\r\n') : current });
    }
  }
  return out;
}

// ————————————————————————————————————————————————————————— checks

type Kind = FixKind;

const QUICK_FIX_KINDS: Kind[] = ['marker', 'renumber', 'width', 'removePageMarker', 'joinLine', 'joinAllLines', 'closeClause', 'replaceUnit', 'removeUnit', 'insertRole', 'insertTask'];

/** The sequence problems of a marker (property 3). */
const SEQUENCE = new Set(['numbering.gap', 'numbering.duplicate', 'numbering.order', 'numbering.convention']);

/** Fixes whose edits may be exactly a heading marker however little of it changes (minimality). */
const MARKER_KINDS = new Set<Kind>(['marker', 'renumber', 'width', 'insertTask', 'fixAll']);
/** Fixes that may rewrite markers other than the diagnostic's own (locality). */
const RENUMBERING_KINDS = new Set<Kind>(['renumber', 'width', 'insertTask']);

interface Span {
  start: number;
  end: number;
  newText: string;
}

interface Violation {
  property: string;
  family: string;
  doc: string;
  docLength: number;
  code: string;
  line: number;
  message: string;
  action: string;
  /** The fix's kind, or 'fixAll'. */
  kind: Kind;
  detail: string;
  /** The codes of the errors the document had before the fix. */
  errorsBefore: string[];
}

interface Stats {
  documents: number;
  diagnostics: number;
  actionsApplied: number;
  commands: number;
  fixAllDocuments: number;
  fixAllEdits: number;
  markerSizedEdits: number;
  unitSizedEdits: number;
  /** Errors after a fix matched by place and code only (property 3). */
  rewordedErrors: number;
  /** Errors after a fix matched by place as another sequence code (property 3). */
  reclassifiedErrors: number;
  byCode: Map<string, { diagnostics: number; applied: number; commands: number }>;
  byKind: Map<string, number>;
}

const stats: Stats = {
  documents: 0, diagnostics: 0, actionsApplied: 0, commands: 0, fixAllDocuments: 0, fixAllEdits: 0,
  markerSizedEdits: 0, unitSizedEdits: 0, rewordedErrors: 0, reclassifiedErrors: 0, byCode: new Map(), byKind: new Map(),
};
let violations: Violation[] = [];
const families = new Map<string, number>();

function codeStats(code: string) {
  let s = stats.byCode.get(code);
  if (!s) stats.byCode.set(code, (s = { diagnostics: 0, applied: 0, commands: 0 }));
  return s;
}

/** An offset of the text before the edits, mapped into the text after them (see property 2). */
function mapOffset(p: number, spans: readonly Span[], bias: 'start' | 'end'): number {
  let delta = 0;
  for (const s of spans) {
    const before = s.end < p || (s.end === p && (s.start < s.end || bias === 'start'));
    if (before) {
      delta += s.newText.length - (s.end - s.start);
      continue;
    }
    if (s.start >= p) break;
    // Strictly inside a replaced range.
    return s.start + delta + (bias === 'end' ? s.newText.length : 0);
  }
  return p + delta;
}

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 20);
  const to = Math.min(text.length, end + 20);
  return JSON.stringify(text.slice(from, to));
}

function isError(d: Diagnostic): boolean {
  return d.severity === 1;
}

function errorKeys(ds: readonly Diagnostic[]): string[] {
  return ds.filter(isError).map((d) => `${d.code} ${d.message}`);
}

/** The errors of `after` that are not in `before` (as multisets). */
function newErrors(before: string[], after: string[]): string[] {
  const pool = new Map<string, number>();
  for (const k of before) pool.set(k, (pool.get(k) ?? 0) + 1);
  const added: string[] = [];
  for (const k of after) {
    const n = pool.get(k) ?? 0;
    if (n > 0) pool.set(k, n - 1);
    else added.push(k);
  }
  return added;
}

function nationalId(d: Diagnostic): string | undefined {
  return (d.data as { national?: { id: string } } | undefined)?.national?.id;
}

class Checker {
  private readonly text: string;
  private readonly index: LineIndex;
  private readonly plan: PlanDocument;
  private readonly markers: Map<number, Heading>;
  private readonly errors: string[];
  private scratchVersion = 0;

  constructor(
    private readonly sample: Sample,
    private readonly doc: TestDoc,
    private readonly before: Diagnostic[],
    private readonly scratchUri: string,
  ) {
    this.text = doc.text;
    this.index = new LineIndex(this.text);
    this.plan = svc.parse(doc);
    this.markers = new Map(this.plan.headings.map((h) => [h.marker.start, h]));
    this.errors = errorKeys(before);
  }

  /** The kind of the fix being checked. */
  private kind: Kind = 'fixAll';

  private violation(property: string, d: Diagnostic | undefined, action: string, detail: string): void {
    violations.push({
      kind: this.kind,
      property,
      family: this.sample.family,
      doc: this.sample.name,
      docLength: this.text.length,
      code: d?.code ?? '(document)',
      line: d?.range.start.line ?? -1,
      message: d?.message ?? '',
      action,
      detail,
      errorsBefore: this.errors,
    });
  }

  /** Parses and checks a text as a new version of the scratch document; undefined when the service throws. */
  private analyze(text: string, d: Diagnostic | undefined, action: string): { doc: TestDoc; diagnostics: Diagnostic[] } | undefined {
    const doc = makeDoc(text, this.scratchUri, ++this.scratchVersion);
    try {
      svc.parse(doc);
      return { doc, diagnostics: svc.computeDiagnostics(doc) };
    } catch (e) {
      this.violation('1 applies and parses', d, action, `the service throws on the result: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      return undefined;
    }
  }

  /** Offsets of the edits, sorted; checks positions and overlaps (property 4). */
  private spans(edits: readonly TextEdit[], d: Diagnostic | undefined, action: string, property: string): Span[] | undefined {
    const spans: Span[] = [];
    for (const e of edits) {
      for (const p of [e.range.start, e.range.end]) {
        const back = this.index.positionAt(this.index.offsetAt(p));
        if (p.line < 0 || p.line >= this.index.lineCount || back.line !== p.line || back.character !== p.character) {
          this.violation(property, d, action, `edit position ${p.line}:${p.character} is not a position of the document`);
          return undefined;
        }
      }
      spans.push({ start: this.index.offsetAt(e.range.start), end: this.index.offsetAt(e.range.end), newText: e.newText });
    }
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
      const a = spans[i - 1];
      const b = spans[i];
      if (b.start < a.end || b.start === a.start) {
        this.violation(property, d, action, `edits overlap or start at one offset: [${a.start},${a.end}) and [${b.start},${b.end}) ${snippet(this.text, a.start, b.end)}`);
        return undefined;
      }
    }
    return spans;
  }

  /** Applies edits as a client would, and checks that only the edit ranges changed. */
  private apply(edits: readonly TextEdit[], spans: readonly Span[], d: Diagnostic | undefined, action: string, property: string): string | undefined {
    let after: string;
    try {
      after = TextDocument.applyEdits(TextDocument.create(this.doc.uri, 'workplan', this.doc.version, this.text), [...edits]);
    } catch (e) {
      this.violation(property, d, action, `TextDocument.applyEdits throws: ${(e as Error).message}`);
      return undefined;
    }
    if (after !== applyByLineIndex(this.text, edits)) this.violation(property, d, action, 'TextDocument and the service\'s LineIndex apply the edits differently');
    // Byte-identical outside the edit ranges.
    let rebuilt = '';
    let at = 0;
    for (const s of spans) {
      rebuilt += this.text.slice(at, s.start) + s.newText;
      at = s.end;
    }
    rebuilt += this.text.slice(at);
    if (rebuilt !== after) this.violation(property, d, action, 'text outside the edit ranges changed');
    return after;
  }

  /** Property 4, minimality: see the header. */
  private checkMinimal(spans: readonly Span[], d: Diagnostic | undefined, kind: Kind, action: string, property: string): void {
    for (const s of spans) {
      const old = this.text.slice(s.start, s.end);
      if (old === s.newText) {
        this.violation(property, d, action, `no-op edit at ${s.start}: ${JSON.stringify(old)}`);
        continue;
      }
      if (s.start === s.end || s.newText === '') continue;
      if (old[0] !== s.newText[0] && old[old.length - 1] !== s.newText[s.newText.length - 1]) continue;
      const h = this.markers.get(s.start);
      if (h && h.marker.end === s.end && MARKER_KINDS.has(kind)) {
        stats.markerSizedEdits++;
        continue;
      }
      if (kind === 'replaceUnit' && d && s.start === this.index.offsetAt(d.range.start) && s.end === this.index.offsetAt(d.range.end)) {
        stats.unitSizedEdits++;
        continue;
      }
      this.violation(property, d, action, `edit wider than the change: ${JSON.stringify(old)} → ${JSON.stringify(s.newText)} at ${snippet(this.text, s.start, s.end)}`);
    }
  }

  /** Property 4, locality: every edit lies in a region the fix declares. */
  private checkLocal(spans: readonly Span[], d: Diagnostic, kind: Kind, action: string): void {
    const first = this.index.lineStarts[d.range.start.line];
    const last = this.index.lineContentEnd(d.range.end.line);
    const anchor = this.markers.get(this.index.offsetAt(d.range.start));
    const breaks = kind === 'joinAllLines'
      ? this.before.filter((x) => x.code === 'text.broken-line').flatMap((x) => ((x.data as DiagnosticData).fixes ?? []).map((f) => f.edit.range))
        .map((r) => [this.index.offsetAt(r.start), this.index.offsetAt(r.end)])
      : [];
    for (const s of spans) {
      const h = this.markers.get(s.start);
      const isMarker = !!h && h.marker.end === s.end;
      if (isMarker && RENUMBERING_KINDS.has(kind)) {
        const m = matchMarker(`${s.newText}任务`);
        // An insertion before an item carries the item's new marker at its end: 【new item…】【marker】.
        const tail = kind === 'insertTask' ? matchMarker(`${s.newText.slice(s.newText.search(/[^\r\n]*$/))}任务`) : undefined;
        if ((m && m.level === h.level && (m.text === s.newText || kind === 'insertTask')) || (tail && tail.level === h.level)) continue;
        this.violation('4 edits stay in their range', d, action, `marker ${JSON.stringify(h.marker.text)} rewritten as ${JSON.stringify(s.newText.slice(0, 40))}, not a marker of its level`);
        continue;
      }
      if (kind === 'insertTask' && anchor && s.start >= anchor.start && s.end <= anchor.end) continue;
      if (kind === 'joinAllLines' && breaks.some(([a, b]) => a === s.start && b === s.end)) continue;
      if (kind !== 'joinAllLines' && s.end >= first && s.start <= last) continue;
      this.violation('4 edits stay in their range', d, action, `edit [${s.start},${s.end}) ${snippet(this.text, s.start, s.end)} lies outside what the fix declares (diagnostic lines ${d.range.start.line}–${d.range.end.line})`);
    }
  }

  checkQuickFix(d: Diagnostic, a: CodeAction, kind: Kind): void {
    this.kind = kind;
    const label = `${a.title}`;
    const keys = Object.keys(a.edit!.changes);
    if (keys.length !== 1 || keys[0] !== this.doc.uri) this.violation('4 edits stay in their range', d, label, `edits for ${keys.join(', ')}`);
    const edits = a.edit!.changes[this.doc.uri] ?? [];
    if (edits.length === 0) {
      this.violation('2 the diagnostic is gone', d, label, 'an action without edits');
      return;
    }
    const spans = this.spans(edits, d, label, '4 edits stay in their range');
    if (!spans) return;
    const after = this.apply(edits, spans, d, label, '1 applies and parses');
    if (after === undefined) return;
    this.checkMinimal(spans, d, kind, label, '4 edits are minimal');
    this.checkLocal(spans, d, kind, label);
    const result = this.analyze(after, d, label);
    if (!result) return;

    // 2. Gone from its place.
    const start = this.index.offsetAt(d.range.start);
    const end = this.index.offsetAt(d.range.end);
    const afterIndex = new LineIndex(after);
    let remaining: Diagnostic | undefined;
    if (d.code === 'coverage.missing') {
      remaining = result.diagnostics.find((x) => x.code === d.code && nationalId(x) === nationalId(d));
    } else {
      const ms = mapOffset(start, spans, 'start');
      const me = Math.max(ms, mapOffset(end, spans, 'end'));
      remaining = result.diagnostics.find((x) => x.code === d.code && afterIndex.offsetAt(x.range.start) === ms && afterIndex.offsetAt(x.range.end) === me);
    }
    if (remaining) {
      this.violation('2 the diagnostic is gone', d, label, `still reported after the fix: ${remaining.range.start.line}:${remaining.range.start.character} ${remaining.message}; edits ${spans.slice(0, 3).map((s) => `${JSON.stringify(this.text.slice(s.start, s.end))}→${JSON.stringify(s.newText.slice(0, 30))}`).join(', ')}`);
    }

    // 3. No new error.
    const added = this.newErrorsAfter(d, spans, result.diagnostics, afterIndex);
    if (added.length > 0) {
      const first = added[0];
      const o = afterIndex.offsetAt(first.diagnostic.range.start);
      this.violation('3 no new error', d, label, `${added.length} new error(s): ${added.slice(0, 3).map((x) => `${x.diagnostic.code} ${x.diagnostic.message} [${x.reclassified ? `the same marker had ${x.reclassified} before` : 'a new place'}]`).join(' | ')}; at line ${first.diagnostic.range.start.line} of the result: ${snippet(after, o, o)}; edits ${spans.slice(0, 2).map((s) => `${JSON.stringify(this.text.slice(s.start, s.end))}→${JSON.stringify(s.newText.slice(0, 30))}`).join(', ')}`);
    }
  }

  /** Errors after the edits that match no error before (see property 3), and what their place had before. */
  private newErrorsAfter(d: Diagnostic | undefined, spans: readonly Span[], after: readonly Diagnostic[], afterIndex: LineIndex): Array<{ diagnostic: Diagnostic; reclassified?: string }> {
    const pool = this.before.filter((x) => isError(x) && x !== d).map((x) => {
      const s = mapOffset(this.index.offsetAt(x.range.start), spans, 'start');
      return { x, used: false, place: `${s}-${Math.max(s, mapOffset(this.index.offsetAt(x.range.end), spans, 'end'))}` };
    });
    const placeOf = (x: Diagnostic) => `${afterIndex.offsetAt(x.range.start)}-${afterIndex.offsetAt(x.range.end)}`;
    const errors = after.filter(isError);
    const unmatched: Diagnostic[] = [];
    for (const x of errors) {
      const p = pool.find((b) => !b.used && b.x.code === x.code && b.x.message === x.message);
      if (p) p.used = true;
      else unmatched.push(x);
    }
    const added: Array<{ diagnostic: Diagnostic; reclassified?: string }> = [];
    const sameProblem = (a: string, b: string) => a === b || (SEQUENCE.has(a) && SEQUENCE.has(b));
    for (const x of unmatched) {
      const p = pool.find((b) => !b.used && b.x.code === x.code && b.place === placeOf(x))
        ?? pool.find((b) => !b.used && sameProblem(b.x.code, x.code) && b.place === placeOf(x));
      if (p) {
        p.used = true;
        if (p.x.code === x.code) stats.rewordedErrors++;
        else stats.reclassifiedErrors++;
        continue;
      }
      added.push({ diagnostic: x, reclassified: pool.find((b) => b.place === placeOf(x))?.x.code });
    }
    return added;
  }

  checkFixAll(actionEdits: TextEdit[] | undefined, edits = svc.getFixAllEdits(this.doc)): void {
    const label = 'fix-all';
    this.kind = 'fixAll';
    if (edits.length === 0) {
      if (actionEdits) this.violation('5 fix-all', undefined, label, 'a source.fixAll action without fix-all edits');
      return;
    }
    stats.fixAllDocuments++;
    stats.fixAllEdits += edits.length;
    if (!actionEdits) this.violation('5 fix-all', undefined, label, 'fix-all edits but no source.fixAll action');
    else if (JSON.stringify(actionEdits) !== JSON.stringify(edits)) this.violation('5 fix-all', undefined, label, 'the source.fixAll action does not carry getFixAllEdits');
    const spans = this.spans(edits, undefined, label, '5 fix-all');
    if (!spans) return;
    const after = this.apply(edits, spans, undefined, label, '5 fix-all');
    if (after === undefined) return;
    this.checkMinimal(spans, undefined, 'fixAll', label, '5 fix-all');
    const result = this.analyze(after, undefined, label);
    if (!result) return;
    let again: TextEdit[] = [];
    try {
      again = svc.getFixAllEdits(result.doc);
    } catch (e) {
      this.violation('5 fix-all', undefined, label, `fix-all of the result throws: ${(e as Error).message}`);
    }
    if (again.length > 0) {
      const ai = new LineIndex(after);
      const o = ai.offsetAt(again[0].range.start);
      this.violation('5 fix-all', undefined, label, `not idempotent: ${again.length} more edit(s), first ${JSON.stringify(after.slice(o, ai.offsetAt(again[0].range.end)))}→${JSON.stringify(again[0].newText)} at ${snippet(after, o, o)}`);
    }
    const beforeCount = this.errors.length;
    const afterCount = result.diagnostics.filter(isError).length;
    if (afterCount > beforeCount) {
      this.violation('5 fix-all', undefined, label, `errors ${beforeCount} → ${afterCount}: new ${newErrors(this.errors, errorKeys(result.diagnostics)).slice(0, 3).join(' | ')}`);
    }
  }
}

/**
 * Every document is checked as a new version of one URI per family, and
 * every result of a fix as a new version of a scratch URI: the service then
 * reuses the task features of the previous version (as it does while a
 * drafter types), which keeps the whole sweep within the time budget without
 * sampling. Every MEMO_CHECK_EVERY-th document is also checked as a fresh
 * document, and must get the same diagnostics.
 */
const MEMO_CHECK_EVERY = 15;
const memoMismatches: string[] = [];

function sweep(samples: Sample[]): void {
  let counter = 0;
  for (const sample of samples) {
    const n = ++counter;
    const uri = `test://roundtrip/${sample.family}.workplan`;
    const doc = makeDoc(sample.text, uri, n);
    const before = svc.computeDiagnostics(doc);
    if (n % MEMO_CHECK_EVERY === 0) {
      const fresh = svc.computeDiagnostics(freshDoc(sample.text));
      const show = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`);
      if (JSON.stringify(show(fresh)) !== JSON.stringify(show(before))) memoMismatches.push(`${sample.family} / ${sample.name}`);
    }
    stats.documents++;
    families.set(sample.family, (families.get(sample.family) ?? 0) + 1);
    const checker = new Checker(sample, doc, before, `test://roundtrip/${sample.family}-scratch.workplan`);
    let fixAllEdits: TextEdit[] | undefined;
    for (const d of before) {
      stats.diagnostics++;
      const cs = codeStats(d.code);
      cs.diagnostics++;
      const actions = svc.getCodeActions(doc, d.range, { diagnostics: [d] });
      for (const a of actions) {
        const kind = kindOf(a);
        if (kind === 'fixAll') {
          fixAllEdits ??= a.edit?.changes[uri];
          continue;
        }
        stats.byKind.set(kind, (stats.byKind.get(kind) ?? 0) + 1);
        if (!a.edit) {
          stats.commands++;
          cs.commands++;
          continue;
        }
        stats.actionsApplied++;
        cs.applied++;
        checker.checkQuickFix(d, a, kind);
      }
    }
    if (!fixAllEdits) {
      const [a] = svc.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
      fixAllEdits = a?.edit?.changes[uri];
    }
    checker.checkFixAll(fixAllEdits);
  }
}

// ————————————————————————————————————————————————————————— report

function count(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function report(property: string, kind?: Kind): string {
  const mine = violations.filter((v) => v.property === property && (!kind || v.kind === kind));
  if (mine.length === 0) return '';
  // One minimal case (the shortest document) per (code, fix) class.
  const classes = new Map<string, Violation[]>();
  for (const v of mine) {
    const k = `${v.code} / ${v.action.replace(/“.+”|（.+）|[一二三四五六七八九十]+|[0-9]+/g, '…')}`;
    classes.set(k, [...(classes.get(k) ?? []), v]);
  }
  const lines = [`${mine.length} violation(s) of property ${property} in ${new Set(mine.map((v) => `${v.family}/${v.doc}`)).size} document(s):`];
  for (const [k, vs] of classes) {
    const v = [...vs].sort((a, b) => a.docLength - b.docLength)[0];
    lines.push(`  ${k}: ${vs.length} case(s); smallest: ${v.family} / ${v.doc}, line ${v.line}: ${v.message}`, `      [${v.action}] ${v.detail}`);
  }
  return lines.join('\n');
}

describe('fix round trip: every quick fix and fix-all over the seeds, drafts and their mutations', function () {
  this.timeout(600000);
  let corpus: Sample[] = [];
  let summary: string[] = [];

  before(function () {
    const t0 = Date.now();
    corpus = buildCorpus();
    const built = Date.now() - t0;
    sweep(corpus);
    const elapsed = Date.now() - t0;
    const codes = [...stats.byCode.entries()].sort(([a], [b]) => a.localeCompare(b));
    summary = [
      `round trip: ${stats.documents} documents (${[...families].map(([f, n]) => `${f} ${n}`).join(', ')}), `
      + `${stats.diagnostics} diagnostics, ${stats.actionsApplied} quick fixes applied, `
      + `${stats.commands} commands counted, fix-all on ${stats.fixAllDocuments} documents (${stats.fixAllEdits} edits); `
      + `${stats.markerSizedEdits} marker-sized and ${stats.unitSizedEdits} unit-sized edits; errors matched by place: ${stats.rewordedErrors} re-worded, `
      + `${stats.reclassifiedErrors} re-classified; ${violations.length} violations; corpus ${(built / 1000).toFixed(1)} s, sweep ${((elapsed - built) / 1000).toFixed(1)} s`,
      ...codes.map(([code, s]) => `  ${code.padEnd(26)} ${String(s.diagnostics).padStart(6)} diagnostics ${String(s.applied).padStart(6)} fixes applied${s.commands ? ` ${s.commands} commands` : ''}`),
      `  corpus: ${[...count(corpus.map((x) => x.source ?? '?'))].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      `  by fix: ${[...stats.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    ];
  });

  after(function () {
    if (process.env.ROUNDTRIP_DUMP) fs.writeFileSync(process.env.ROUNDTRIP_DUMP, JSON.stringify(violations, null, 1));
    for (const line of summary) console.log(`      ${line}`);
  });

  it('the corpus: several hundred documents, every fixable rule code exercised', () => {
    assert.ok(corpus.length >= 300, `${corpus.length} documents`);
    for (const family of [...SEED_NAMES, 'drafts', 'edge']) assert.ok((families.get(family) ?? 0) >= 3, family);
    for (const code of ['numbering.gap', 'numbering.duplicate', 'numbering.order', 'numbering.punctuation', 'numbering.width', 'numbering.convention',
      'text.page-marker', 'text.broken-line', 'clause.malformed', 'coverage.missing', 'agency.unknown', 'agency.duplicate', 'agency.national-in-local', 'agency.level']) {
      assert.ok((stats.byCode.get(code)?.applied ?? 0) > 0, `a fix applied for ${code}`);
    }
    for (const kind of [...QUICK_FIX_KINDS, 'addToRegistry' as const]) {
      assert.ok((stats.byKind.get(kind) ?? 0) > 0, `a ${kind} fix offered`);
    }
  });

  it('the checks are not vacuous: hand-made broken fixes violate the properties they break', () => {
    const saved = violations;
    violations = [];
    try {
      const text = ['一、总体要求', '（一）甲。（市公安局负责）', '（二）乙。（市公安局负责）', '（四）丙。（市公安局负责）', '（五）丁。（市公安局负责）'].join('\n');
      const doc = makeDoc(text, 'test://roundtrip/self-test.workplan', 1);
      const before = svc.computeDiagnostics(doc);
      const gap = before.find((x) => x.code === 'numbering.gap')!;
      assert.ok(gap && gap.range.start.line === 3, 'a gap at （四）');
      const checker = new Checker({ family: 'self-test', name: 'self-test', text }, doc, before, 'test://roundtrip/self-test-scratch.workplan');
      const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
      const fake = (title: string, edits: TextEdit[]): CodeAction => ({ title, kind: 'quickfix', diagnostics: [gap], edit: { changes: { [doc.uri]: edits } } });
      const expectations: Array<[string, CodeAction, string]> = [
        // The wrong marker rewritten: the gap stays, and （六） after （四） is a new gap.
        ['2 the diagnostic is gone', fake('将序号改为（六）', [{ range: at(4, 0, 3), newText: '（六）' }]), 'marker'],
        ['3 no new error', fake('将序号改为（六）', [{ range: at(4, 0, 3), newText: '（六）' }]), 'marker'],
        ['4 edits stay in their range', fake('将序号改为（六）', [{ range: at(4, 0, 3), newText: '（六）' }]), 'marker'],
        // The whole line rewritten for one marker.
        ['4 edits are minimal', fake('将序号改为（三）', [{ range: at(3, 0, 13), newText: '（三）丙。（市公安局负责）' }]), 'marker'],
        // An edit that changes nothing.
        ['4 edits are minimal', fake('将序号改为（四）', [{ range: at(3, 0, 3), newText: '（四）' }]), 'marker'],
        // Overlapping edits.
        ['4 edits stay in their range', fake('从此处起重新编排二级序号', [{ range: at(3, 0, 3), newText: '（三）' }, { range: at(3, 1, 5), newText: 'x' }]), 'renumber'],
      ];
      for (const [property, action, kind] of expectations) {
        violations = [];
        checker.checkQuickFix(gap, action, kind as Kind);
        assert.ok(violations.some((v) => v.property === property), `${action.title} ${JSON.stringify(action.edit!.changes[doc.uri])}: ${property} (got ${violations.map((v) => `${v.property}: ${v.detail}`).join('; ') || 'nothing'})`);
      }
      // The real fixes of this gap pass: renumbering (the marker fix, which would move the gap to （五）, is not offered).
      violations = [];
      const actions = svc.getCodeActions(doc, gap.range, { diagnostics: [gap], only: ['quickfix'] });
      for (const a of actions) checker.checkQuickFix(gap, a, kindOf(a));
      assert.deepStrictEqual(violations.map((v) => `${v.property} ${v.action}`), []);
      // Fix-all that only does half the renumbering is not idempotent.
      violations = [];
      const full = svc.getFixAllEdits(doc);
      assert.strictEqual(full.length, 2);
      checker.checkFixAll(undefined, full.slice(0, 1));
      assert.ok(violations.some((v) => v.property === '5 fix-all' && /not idempotent/.test(v.detail)), violations.map((v) => v.detail).join('; '));
    } finally {
      violations = saved;
    }
  });

  it('a version analysed with the task memo of the previous one gets the diagnostics of a fresh document', () => {
    assert.deepStrictEqual(memoMismatches, []);
  });

  for (const property of ['1 applies and parses', '2 the diagnostic is gone', '4 edits stay in their range', '4 edits are minimal', '5 fix-all']) {
    it(`property ${property}`, () => {
      assert.strictEqual(violations.filter((v) => v.property === property).length, 0, report(property));
    });
  }

  // Property 3 by kind of fix, so that one kind's failures do not hide another's.
  for (const kind of QUICK_FIX_KINDS) {
    it(`property 3 no new error: ${kind}`, () => {
      assert.strictEqual(violations.filter((v) => v.property === '3 no new error' && v.kind === kind).length, 0, report('3 no new error', kind));
    });
  }
});
