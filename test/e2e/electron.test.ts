import * as assert from 'node:assert/strict';
import { EXECUTABLE_ENV, runE2E } from './runTest';

/**
 * The desktop VS Code end-to-end suite (test/e2e/suite, run inside VS Code by
 * @vscode/test-electron) as one test of the normal run. Without a local VS
 * Code in WORKPLAN_VSCODE_EXECUTABLE it is skipped, with the reason printed:
 * pending, never passed.
 */
describe('desktop VS Code (@vscode/test-electron)', function () {
  it(`runs the in-host suite in the VS Code named by ${EXECUTABLE_ENV}`, async function () {
    this.timeout(10 * 60 * 1000);
    const outcome = await runE2E();
    if (outcome !== 'ran') {
      console.log(`      skipped: ${outcome.skipped}`);
      this.skip();
    }
    assert.equal(outcome, 'ran');
  });
});
