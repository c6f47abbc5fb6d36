// The entry of the in-host suite: VS Code's extension host calls run() (it is
// the --extensionTestsPath of test/e2e/runTest.ts). It runs the *.test.js
// files of this folder with Mocha and writes the outcome to the file named by
// WORKPLAN_E2E_RESULT, which the launcher reads: a run that reports nothing
// never counts as passed. Only the launcher loads this folder; the normal
// mocha run must not (these files import 'vscode').
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RESULT_ENV, type E2EResult } from '../result';

type MochaClass = typeof import('mocha');

/**
 * The extension host of the oldest VS Code the extension supports (1.91,
 * Node 20.9) cannot require() ES modules, which mocha 12 needs; mocha 11,
 * installed as `mocha-in-host`, is plain CommonJS and runs in every host.
 */
function loadMocha(): MochaClass {
  return require('mocha-in-host') as MochaClass;
}

export async function run(): Promise<void> {
  const resultFile = process.env[RESULT_ENV];
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    throw new Error(`no *.test.js files in ${__dirname}`);
  }
  for (const f of files) {
    mocha.addFile(join(__dirname, f));
  }

  const result: E2EResult = {
    vscodeVersion: vscode.version,
    language: vscode.env.language,
    node: process.versions.node,
    electron: process.versions.electron ?? '',
    passes: 0,
    failures: 0,
    pending: 0,
    passed: [],
    failed: [],
    skipped: [],
  };

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const stats = runner.stats;
        result.passes = stats?.passes ?? result.passed.length;
        result.failures = Math.max(failures, stats?.failures ?? 0);
        result.pending = stats?.pending ?? result.skipped.length;
        try {
          if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2));
        } catch (err) {
          reject(err);
          return;
        }
        if (result.failures > 0) {
          reject(new Error(`${result.failures} end-to-end test(s) failed`));
        } else if (result.passes === 0 || result.pending > 0) {
          reject(new Error(`end-to-end suite: ${result.passes} passed, ${result.pending} skipped; every test must run and pass`));
        } else {
          resolve();
        }
      });
    } catch (err) {
      reject(err);
      return;
    }
    runner.on('pass', (test) => result.passed.push(test.fullTitle()));
    runner.on('fail', (test, err: unknown) =>
      result.failed.push({ title: test.fullTitle(), error: err instanceof Error ? err.message : String(err) }),
    );
    runner.on('pending', (test) => result.skipped.push(test.fullTitle()));
  });
}
