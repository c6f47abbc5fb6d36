import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { readDocx } from '../../../server/src/office/docxRead';
import { writePlanDocx } from '../../../server/src/office/planDocx';
import type { Diagnostic, PlanDocument } from '../../../server/src/service';
import { freshDoc, loadSeed, nationalService, REPO_ROOT, SEED_NAMES } from '../util';

/**
 * Issue 14's round trip: a plan written as the 公文 .docx (office/planDocx.ts)
 * and read back (office/docxRead.ts) is the same text, so the same plan tree
 * and the same diagnostics — for the five seeds and every real plan of the
 * corpus, artifacts (page markers, hard wraps, odd spacing) included.
 */

const svc = nationalService();
const REAL = join(REPO_ROOT, 'test', 'fixtures', 'real');
const PLANS = [
  ...SEED_NAMES.map((name) => ({ name, text: loadSeed(name) })),
  ...readdirSync(REAL)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `real/${f}`, text: readFileSync(join(REAL, f), 'utf8') })),
];

/** The tree as a reviewer sees it: every heading's level, marker and title, and the clauses' text. */
function outline(plan: PlanDocument): string[] {
  return plan.headings.map((h) => `${h.level} ${h.marker.text} ${h.title.text} | ${h.clauses.map((c) => plan.text.slice(c.start, c.end)).join(' ')}`);
}

const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);

describe('text → 公文 .docx → text', function () {
  this.timeout(60_000);
  for (const { name, text } of PLANS) {
    it(`${name}: the same text, plan tree and diagnostics`, async () => {
      const read = await readDocx(await writePlanDocx(text), `${name}.docx`);
      // The writer keeps CRLF as paragraph breaks; the text read back has LF.
      const original = text.replace(/\r\n?/g, '\n');
      assert.strictEqual(read.text, original);
      assert.strictEqual(read.sources.length, original.split('\n').length);
      const before = freshDoc(original);
      const after = freshDoc(read.text);
      assert.deepStrictEqual(outline(svc.parse(after)), outline(svc.parse(before)));
      assert.deepStrictEqual(shown(svc.computeDiagnostics(after)), shown(svc.computeDiagnostics(before)));
    });
  }
});
