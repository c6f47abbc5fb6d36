// Installs what the tests beyond the language service need, before `npm test`
// runs them: Debian's chromium, fonts and neovim, and a project-local
// code-server with Node 24 in .tools/ (scripts/editor/setup.sh: idempotent,
// a few seconds when everything is in place). A tool that cannot be
// installed stops the run here, loudly: the editor and Neovim tests never
// skip for want of it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const setup = spawnSync('bash', [join(root, 'scripts', 'editor', 'setup.sh')], { stdio: 'inherit' });
if (setup.status !== 0) {
  console.error('\nworkplan: the test tools could not be installed (see above); the editor and Neovim tests need them.');
  process.exit(1);
}
