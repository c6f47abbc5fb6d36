// The launcher of the desktop VS Code end-to-end suite (@vscode/test-electron).
//
// It runs the in-host suite (test/e2e/suite, compiled to out/test/e2e/suite)
// inside a local desktop VS Code named by WORKPLAN_VSCODE_EXECUTABLE, with this
// repository as the extension under development and a temporary copy of
// samples/ as the workspace. It never downloads VS Code: when the variable is
// not set, or names no file, the run is skipped and says why.
//
//   WORKPLAN_VSCODE_EXECUTABLE=/usr/share/code/code node out/test/e2e/runTest.js
//
// The executable is the Electron binary of VS Code, not its command-line
// launcher: /usr/share/code/code (not /usr/bin/code) on Linux,
// "/Applications/Visual Studio Code.app/Contents/MacOS/Electron" (older
// releases: .../MacOS/Code) on macOS, Code.exe (not bin\code.cmd) on Windows.
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { RESULT_ENV, type E2EResult } from './result';

export const EXECUTABLE_ENV = 'WORKPLAN_VSCODE_EXECUTABLE';

/** The repository root (from out/test/e2e/runTest.js): the extension under development. */
const ROOT = resolve(__dirname, '../../..');
/** The in-host suite, compiled next to this file: a directory with an index.js exporting run(). */
const SUITE = resolve(__dirname, 'suite');
const SAMPLES = join(ROOT, 'samples');

/**
 * Runs the in-host suite in the desktop VS Code named by
 * WORKPLAN_VSCODE_EXECUTABLE. Resolves 'ran' when it ran and every in-host
 * test passed; `{ skipped }` with the reason when there is no executable to
 * run; rejects when the run failed or did not report (never 'ran' without a
 * report of passed tests from inside VS Code).
 */
export async function runE2E(): Promise<'ran' | { skipped: string }> {
  const given = process.env[EXECUTABLE_ENV]?.trim();
  if (!given) {
    return {
      skipped:
        `${EXECUTABLE_ENV} is not set, so the desktop VS Code end-to-end suite did not run ` +
        `(set it to the path of a local desktop VS Code executable, e.g. /usr/share/code/code; nothing is downloaded)`,
    };
  }
  const executable = resolve(given);
  if (!existsSync(executable)) {
    return { skipped: `${EXECUTABLE_ENV}=${given} does not exist, so the desktop VS Code end-to-end suite did not run` };
  }

  // From here on the caller asked for a run: a mistake is a failure, not a skip.
  if (statSync(executable).isDirectory()) {
    throw new Error(
      `${EXECUTABLE_ENV}=${given} is a directory, not an executable ` +
        `(on macOS: "<VS Code>.app/Contents/MacOS/Electron", or .../MacOS/Code in older releases)`,
    );
  }
  if (process.platform !== 'win32') {
    try {
      accessSync(executable, constants.X_OK);
    } catch {
      throw new Error(`${EXECUTABLE_ENV}=${given} is not executable`);
    }
  }
  for (const file of ['package.json', 'dist/client.js', 'dist/server.js']) {
    if (!existsSync(join(ROOT, file))) {
      throw new Error(`${join(ROOT, file)} is missing: run \`npm run build\` before the end-to-end suite`);
    }
  }
  if (!existsSync(join(SUITE, 'index.js'))) {
    throw new Error(`${join(SUITE, 'index.js')} is missing: run \`npx tsc -p .\` before the end-to-end suite`);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('e2e: neither DISPLAY nor WAYLAND_DISPLAY is set; desktop VS Code needs a display (run under xvfb-run -a)');
  }

  const tmp = mkdtempSync(join(tmpdir(), 'wp-e2e-'));
  try {
    // A copy of the samples: the in-host tests edit documents, and files inside
    // the extension's own folder are treated as its reference data, not drafts.
    const workspace = join(tmp, 'workspace');
    cpSync(SAMPLES, workspace, { recursive: true });
    const resultFile = join(tmp, 'result.json');

    console.log(`e2e: ${executable}\ne2e: workspace ${workspace}`);
    let exitError: unknown;
    try {
      await runTests({
        vscodeExecutablePath: executable, // given: runTests downloads nothing
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: SUITE,
        extensionTestsEnv: {
          [RESULT_ENV]: resultFile,
          // Set when this runs from a VS Code terminal or task: it would start Electron as plain Node.
          ELECTRON_RUN_AS_NODE: undefined,
        },
        launchArgs: [
          workspace, // first: the folder VS Code opens
          `--user-data-dir=${join(tmp, 'user-data')}`,
          `--extensions-dir=${join(tmp, 'extensions')}`,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--disable-gpu',
        ],
      });
    } catch (err) {
      exitError = err;
    }

    const result = readResult(resultFile);
    if (exitError !== undefined || !result) {
      const why = exitError instanceof Error ? exitError.message : exitError === undefined ? 'VS Code exited with code 0' : String(exitError);
      throw new Error(
        result
          ? `${why}: ${summary(result)}${failures(result)}`
          : `${why}, but the in-host suite never reported a result. ${EXECUTABLE_ENV} must be the VS Code (Electron) binary, ` +
              `not the \`code\` command-line launcher (on Linux /usr/share/code/code, not /usr/bin/code; on Windows Code.exe, not bin\\code.cmd)`,
      );
    }
    if (result.failures > 0 || result.pending > 0 || result.passes === 0) {
      throw new Error(`the in-host suite did not pass: ${summary(result)}${failures(result)}`);
    }
    console.log(`e2e: ${summary(result)}`);
    return 'ran';
  } finally {
    try {
      rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.warn(`e2e: could not remove ${tmp}: ${(err as Error).message}`);
    }
  }
}

function readResult(file: string): E2EResult | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as E2EResult;
  } catch {
    return undefined;
  }
}

function summary(r: E2EResult): string {
  return (
    `VS Code ${r.vscodeVersion} (${r.language}; extension host Node ${r.node}, Electron ${r.electron}): ` +
    `${r.passes} passed, ${r.failures} failed, ${r.pending} skipped`
  );
}

function failures(r: E2EResult): string {
  return r.failed.map((f) => `\n  ✗ ${f.title}: ${f.error}`).join('') + r.skipped.map((t) => `\n  - ${t} (skipped)`).join('');
}

if (require.main === module) {
  runE2E().then(
    (outcome) => {
      if (outcome === 'ran') {
        console.log('desktop VS Code end-to-end suite: passed');
      } else {
        console.log(`skipped: ${outcome.skipped}`);
      }
    },
    (err: unknown) => {
      console.error(`desktop VS Code end-to-end suite: FAILED\n${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
