import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './util';

/**
 * The TextMate grammar against the syntax tests in test/grammar/*.test.wp.txt
 * (real lines from the five seeds and the faulty draft, with scope assertions
 * in vscode-tmgrammar-test's format; test/grammar/README.md explains it).
 */
const GRAMMAR = path.join(REPO_ROOT, 'syntaxes', 'workplan.tmLanguage.json');
const TESTS_DIR = path.join(REPO_ROOT, 'test', 'grammar');
const PATTERN = '*.test.wp.txt';
const HEADER = /^\/\/ SYNTAX TEST "text\.workplan"(?: "[^"]*")?$/;
const ASSERTION = /^\/\/\s*(?:\^|<~*-+)/;

/** The CLI's JS entry, as its package.json names it (no npx, no shell). */
function tmGrammarTestCli(): string {
  const manifestPath = require.resolve('vscode-tmgrammar-test/package.json', { paths: [REPO_ROOT] });
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifestPath), manifest.bin['vscode-tmgrammar-test']);
}

function testFiles(): string[] {
  return fs.readdirSync(TESTS_DIR).filter((f) => f.endsWith('.test.wp.txt')).sort();
}

describe('TextMate grammar (syntaxes/workplan.tmLanguage.json)', () => {
  it('is the grammar package.json contributes for the workplan language, scope text.workplan', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const contributed = (manifest.contributes.grammars as Array<{ language?: string; scopeName: string; path: string }>)
      .filter((g) => g.language === 'workplan');
    assert.deepStrictEqual(contributed.map((g) => [g.scopeName, path.resolve(REPO_ROOT, g.path)]), [['text.workplan', GRAMMAR]]);
    const grammar = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
    assert.strictEqual(grammar.scopeName, 'text.workplan');
  });

  it('has syntax test files that declare text.workplan and hold assertions', () => {
    const files = testFiles();
    assert.ok(files.length >= 5, `expected the grammar tests in ${TESTS_DIR}, found ${files.join(', ') || 'none'}`);
    for (const file of files) {
      const lines = fs.readFileSync(path.join(TESTS_DIR, file), 'utf8').split(/\r\n|\n/);
      assert.match(lines[0], HEADER, `${file}: first line must be // SYNTAX TEST "text.workplan" "…"`);
      const assertions = lines.filter((l) => ASSERTION.test(l)).length;
      assert.ok(assertions >= 10, `${file}: only ${assertions} assertions`);
    }
  });

  it('passes every assertion of test/grammar/*.test.wp.txt (vscode-tmgrammar-test)', function () {
    this.timeout(60_000);
    // Run in test/grammar, where no package.json is found, so that the tool
    // loads exactly the grammar given with --grammar and nothing else.
    const run = spawnSync(process.execPath, [tmGrammarTestCli(), '--grammar', GRAMMAR, PATTERN], {
      cwd: TESTS_DIR,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    assert.ok(!run.error, `could not run vscode-tmgrammar-test: ${run.error}`);
    assert.strictEqual(run.status, 0, `vscode-tmgrammar-test failed (exit ${run.status}, signal ${run.signal}):\n${output}`);
    for (const file of testFiles()) {
      assert.ok(output.includes(`${file} run successfuly`), `${file} was not run:\n${output}`);
    }
  });
});
