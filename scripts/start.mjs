// `npm start`: builds and packages the extension and opens the sample plans in
// a real VS Code with it installed. Uses a desktop VS Code when the machine
// has one (`code`, or the executable named by WORKPLAN_CODE); otherwise
// installs a project-local code-server into .tools/ (scripts/editor/setup.sh,
// cached after the first run) and serves it on 127.0.0.1, printing the address.
// WORKPLAN_EDITOR=code-server skips the desktop VS Code even when present.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vsix = join(root, 'dist', 'workplan.vsix');
const samples = join(root, 'samples');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  return result.error ? -1 : result.status;
}

if (run('npm', ['run', 'package']) !== 0) {
  console.error('workplan: packaging failed');
  process.exit(1);
}

const code = process.env.WORKPLAN_CODE || 'code';
const wantsDesktop = process.env.WORKPLAN_EDITOR !== 'code-server';
const probe = wantsDesktop ? spawnSync(code, ['--version'], { stdio: 'ignore' }) : undefined;
if (probe && !probe.error && probe.status === 0) {
  if (run(code, ['--install-extension', vsix, '--force']) !== 0) process.exit(1);
  run(code, [samples]);
  console.log(`\nInstalled ${vsix} into ${code} and opened ${samples}.`);
} else {
  if (run('bash', [join(root, 'scripts', 'editor', 'setup.sh')]) !== 0) {
    console.error('workplan: could not install code-server into .tools/ (see above)');
    process.exit(1);
  }
  process.exitCode = run(process.execPath, [join(root, 'scripts', 'editor', 'launch.mjs'), ...process.argv.slice(2)]);
}
