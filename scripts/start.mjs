// `npm start`: builds and packages the extension, installs it into the VS Code
// found on this machine (`code`, or the executable named by WORKPLAN_CODE) and
// opens the sample plans. Without a VS Code it says so and shows the same
// checks through the CLI instead.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const vsix = join(root, 'dist', 'workplan.vsix');
const samples = join(root, 'samples');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.error ? -1 : result.status;
}

if (run('npm', ['run', 'package']) !== 0) {
  console.error('workplan: packaging failed');
  process.exit(1);
}

const code = process.env.WORKPLAN_CODE || 'code';
const probe = spawnSync(code, ['--version'], { stdio: 'ignore' });
if (!probe.error && probe.status === 0) {
  if (run(code, ['--install-extension', vsix, '--force']) !== 0) process.exit(1);
  run(code, [samples]);
  console.log(`\nInstalled ${vsix} and opened ${samples}.`);
} else {
  console.log(`\nNo VS Code found (${code}). Install the extension with:\n  code --install-extension ${vsix}\n`);
  console.log('Meanwhile, the same checks through the CLI on the sample plans:\n');
  const files = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => join('samples', f));
  run(process.execPath, [join(root, 'dist', 'cli.js'), 'check', ...files]);
}
