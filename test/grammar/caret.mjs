#!/usr/bin/env node
// Prints the assertion line that puts carets under a piece of a source line of
// a grammar test file, counting columns as vscode-tmgrammar-test does (UTF-16
// units: one per Chinese character, although it is drawn two columns wide).
//
//   node test/grammar/caret.mjs <file> <line> <text> [--nth=N] <scope>… [- <scope>…]
//
// <line> is the 1-based line of the source line in <file>; <text> is looked
// up in it (its N-th occurrence, from 1). Example:
//
//   node test/grammar/caret.mjs test/grammar/clauses.test.wp.txt 3 市市场监管局 \
//     meta.clause.responsibility.workplan entity.name.type.unit.lead.workplan
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const nthArg = args.find((a) => a.startsWith('--nth='));
const [file, lineArg, text, ...scopes] = args.filter((a) => a !== nthArg);
if (!file || !lineArg || !text || scopes.length === 0) {
  console.error('usage: node test/grammar/caret.mjs <file> <line> <text> [--nth=N] <scope>… [- <scope>…]');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split(/\r\n|\n/);
const token = lines[0].split(/\s/)[0];
const source = lines[Number(lineArg) - 1];
if (source === undefined) throw new Error(`${file} has no line ${lineArg}`);
const nth = Number(nthArg?.slice('--nth='.length) ?? 1);
let at = -1;
for (let n = 0; n < nth; n++) {
  at = source.indexOf(text, at + 1);
  if (at < 0) throw new Error(`'${text}' occurs fewer than ${nth} times in line ${lineArg}`);
}
const end = at + text.length;
// Columns under the comment token can only be reached with <- (from the line start, ~ skips).
console.log(at < token.length
  ? `${token} <${'~'.repeat(at)}${'-'.repeat(end - at)} ${scopes.join(' ')}`
  : `${token}${' '.repeat(at - token.length)}${'^'.repeat(end - at)} ${scopes.join(' ')}`);
