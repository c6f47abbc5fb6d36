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
 * Mocha 12 is an ES module package whose CommonJS entry require()s its own ES
 * modules: that needs require(esm), Node ≥ 20.19 or ≥ 22.12 in the extension
 * host. Older VS Code releases run an older Node; say so instead of failing
 * with ERR_REQUIRE_ESM.
 */
function loadMocha(): MochaClass {
  try {
    return require('mocha') as MochaClass;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') {
      throw new Error(
        `mocha cannot be loaded in this extension host: it needs require(esm) (Node ≥ 20.19 or ≥ 22.12), ` +
          `and VS Code ${vscode.version} runs Node ${process.versions.node} (Electron ${process.versions.electron}). ` +
          `Use a newer desktop VS Code for the end-to-end suite.`,
        { cause: err },
      );
    }
    throw err;
  }
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
