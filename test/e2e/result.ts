// What the in-host suite (test/e2e/suite/index.ts, inside VS Code) reports to
// the launcher (test/e2e/runTest.ts, outside it). A plain module with no
// imports, so that both sides can load it: the launcher never loads 'vscode',
// the extension host never loads @vscode/test-electron.

/** The file the in-host suite writes its result to; set by the launcher. */
export const RESULT_ENV = 'WORKPLAN_E2E_RESULT';

export interface E2EResult {
  /** VS Code's version (vscode.version) and display language (vscode.env.language). */
  vscodeVersion: string;
  language: string;
  /** The extension host's runtime. */
  node: string;
  electron: string;
  passes: number;
  failures: number;
  pending: number;
  /** Full titles of the tests by outcome. */
  passed: string[];
  failed: Array<{ title: string; error: string }>;
  skipped: string[];
}
