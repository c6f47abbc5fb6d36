// The README's screenshots come from the editor tests (test/editor/), which
// drive the packaged extension in a real VS Code (code-server) in Chromium
// and save a screenshot of every scene to test-results/editor/. This runs
// them and copies the README's set into docs/images/, shrunk with pngquant
// (they ship in the .vsix).
//
//   npm run screenshots     (installs the tools first, like npm test)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './launch.mjs';

const SHOTS = join(ROOT, 'test-results', 'editor');
const OUT = join(ROOT, 'docs', 'images');
const README_SET = ['problems', 'quickfix', 'insert', 'breakdown', 'hover', 'completion', 'national', 'outline', 'office-open'];

const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--timeout', '600000', 'test/editor/editor.test.mjs'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (run.status !== 0) {
  console.error('screenshots: the editor tests failed; docs/images/ is left as it was');
  process.exit(1);
}
for (const name of README_SET) {
  const from = join(SHOTS, `${name}.png`);
  if (!existsSync(from)) {
    console.error(`screenshots: ${from} was not taken`);
    process.exit(1);
  }
  const to = join(OUT, `${name}.png`);
  copyFileSync(from, to);
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-90', '--output', to, to], { stdio: 'ignore' });
  console.log(`screenshots: docs/images/${name}.png`);
}
