// Drives a real VS Code (code-server, scripts/editor/launch.mjs) in Debian's
// Chromium with playwright-core, as a drafter would: the helpers the editor
// tests (test/editor/) use. Every helper waits on a condition in the DOM,
// never on a fixed sleep (settle() only lets an animation finish before a
// screenshot).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, latestLogDir } from './launch.mjs';

export const VIEWPORT = { width: 1400, height: 900 };
export const CHROMIUM = process.env.WORKPLAN_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// With an English display language VS Code boxes most full-width punctuation （，：）
// as "ambiguous" characters; with a Chinese one (what this extension's users
// run) it does not. Allow the Chinese locales so the shots show what they see.
const EDITOR_SETTINGS = {
  'editor.unicodeHighlight.allowedLocales': { _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true },
};

/**
 * Starts code-server with the packaged extension (Chinese display language
 * unless WORKPLAN_LOCALE says otherwise) and opens the samples in Chromium.
 * Returns { session, browser, page, close() }.
 */
export async function openEditor({ extraSettings = {}, locale = process.env.WORKPLAN_LOCALE ?? 'zh-cn' } = {}) {
  const session = await launch({ extraSettings: { ...EDITOR_SETTINGS, ...extraSettings }, locale });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    page.on('pageerror', (err) => console.log(`[page error] ${err.message.split('\n')[0]}`));
    await page.goto(session.folderUrl);
    await until(page, 'the Explorer to list the samples', () =>
      [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].some((r) => r.textContent.includes('faulty-draft.wp.txt')),
    undefined, 60_000);
    return {
      session,
      browser,
      page,
      async close() {
        await browser.close();
        await session.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await session.stop();
    throw err;
  }
}

export const settle = (page, ms = 300) => page.waitForTimeout(ms); // only to let an animation finish

/** Where until() saves a screenshot when it times out (set by the tests). */
let failedShotDir;
export function setFailedShotDir(dir) {
  failedShotDir = dir;
}


/** Polls the page until fn(arg) is truthy; returns its value. On timeout, screenshots the page to `failedShot` if given. */
export async function until(page, what, fn, arg, timeout = 30_000) {
  try {
    const handle = await page.waitForFunction(fn, arg, { timeout, polling: 100 });
    return await handle.jsonValue();
  } catch (err) {
    if (failedShotDir) await page.screenshot({ path: join(failedShotDir, `failed-${what.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    throw new Error(`timed out waiting for ${what}: ${err.message.split('\n')[0]}`);
  }
}

/** Texts of the Problems panel rows (file rows and marker rows). */
export const problemRows = (page) =>
  page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));

export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(name);
  await until(
    page,
    `Quick Open to list ${name}`,
    (n) =>
      [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) =>
        (r.getAttribute('aria-label') ?? r.textContent ?? '').includes(n),
      ),
    name,
  );
  await page.keyboard.press('Enter');
  await until(
    page,
    `editor tab ${name}`,
    (n) => {
      const tab = document.querySelector('.tabs-container .tab.active');
      return tab && (tab.getAttribute('aria-label') ?? '').includes(n) && document.querySelector('.editor-instance .view-lines');
    },
    name,
  );
  await until(page, 'Quick Open to close', () => !document.querySelector('.quick-input-widget:not([style*="display: none"])'));
}

/**
 * Runs `attempt(timeout)`, a key press and the wait for what it opens, up to
 * three times: a key press can land while the workbench is still moving the
 * focus (after Find, a breadcrumb or a quick pick) and open nothing. Escape
 * closes whatever took the keys before the next try; each retry is logged.
 */
export async function withRetries(page, what, attempt) {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n < 3 ? 5000 : 30_000);
    } catch (error) {
      if (n >= 3) throw error;
      console.log(`      ${what} did not open (attempt ${n}); retrying`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Puts the cursor `into` characters after the start of the first match of `text`, using Find. */
export async function cursorInto(page, text, into) {
  // Find belongs to the editor: focus the first editor group first (the Problems panel has its own filter),
  // and wait until the focus is there before asking for Find.
  await withRetries(page, 'Find', async (timeout) => {
    await page.keyboard.press('Control+1');
    await until(page, 'the editor to have the focus', () => Boolean(document.activeElement?.closest('.monaco-editor') && !document.activeElement.closest('.panel')));
    await page.keyboard.press('Control+F');
    await page.waitForSelector('.find-widget.visible textarea, .find-widget.visible input', { state: 'visible', timeout });
  });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await until(page, `Find to match ${text}`, () => /\d+ of \d+|第 \d+ 项/.test(document.querySelector('.find-widget .matchesCount')?.textContent ?? ''));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < into; i++) await page.keyboard.press('ArrowRight');
}

/** Runs a command from the Command Palette, then picks each of `picks` in the quick picks that follow. */
export async function runCommand(page, title, ...picks) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  for (const text of [title, ...picks]) {
    // A pick is typed only once its own list is up: the palette closing is not the next quick pick opening.
    if (text !== title) {
      await until(page, `a quick pick offering "${text}"`, (t) =>
        [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => (r.getAttribute('aria-label') ?? r.textContent ?? '').includes(t)),
      text);
    }
    await page.keyboard.type(text);
    await until(
      page,
      `a quick-pick row "${text}"`,
      (t) => {
        const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
        return row && (row.getAttribute('aria-label') ?? row.textContent ?? '').includes(t);
      },
      text,
    );
    await page.keyboard.press('Enter');
  }
}

/** Drags the sash at the given edge of an element by (dx, dy). */
export async function dragSash(page, orientation, near, delta) {
  const sashes = await page.$$(`.monaco-sash.${orientation}:not(.disabled)`);
  for (const sash of sashes) {
    const box = await sash.boundingBox();
    if (!box) continue;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const hit = orientation === 'vertical' ? Math.abs(cx - near.x) < 6 && cy > near.yMin && cy < near.yMax : Math.abs(cy - near.y) < 6 && cx > near.xMin && cx < near.xMax;
    if (!hit) continue;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + (delta.dx ?? 0), cy + (delta.dy ?? 0), { steps: 8 });
    await page.mouse.up();
    return true;
  }
  return false;
}

/** Waits until the breadcrumbs show a document symbol (from the server) after the file name. */
export const breadcrumbSymbol = (page, includes = '') =>
  until(
    page,
    `a breadcrumb symbol ${includes}`,
    (t) => {
      const items = [...document.querySelectorAll('.breadcrumbs-control .monaco-breadcrumb-item')].map((el) => el.textContent ?? '');
      return items.length >= 2 && items.slice(1).some((x) => x.includes(t)) && items;
    },
    includes,
  );

/** Clicks into the active editor's text area, (dx, dy) from its top left. */
export async function clickEditor(page, dx, dy) {
  const box = await page.locator('.editor-instance .overflow-guard').first().boundingBox();
  await page.mouse.click(box.x + dx, box.y + dy);
}

/** The first line number fully shown in the active editor. */
export const firstVisibleLine = (page) =>
  page.evaluate(() => {
    const guard = document.querySelector('.editor-instance .overflow-guard').getBoundingClientRect();
    const shown = [...document.querySelectorAll('.editor-instance .line-numbers')]
      .map((el) => ({ n: Number(el.textContent), top: el.getBoundingClientRect().top }))
      .filter((x) => x.n > 0 && x.top >= guard.top - 1)
      .sort((a, b) => a.top - b.top);
    return shown[0]?.n ?? 0;
  });

/** Scrolls the active editor (Ctrl+Down = scroll one line) until `line` is the first one shown. */
export async function scrollEditorTo(page, line) {
  await clickEditor(page, 120, 8);
  const first = await firstVisibleLine(page);
  for (let i = first; i < line; i++) await page.keyboard.press('Control+ArrowDown');
  for (let i = first; i > line; i--) await page.keyboard.press('Control+ArrowUp');
  await until(
    page,
    `editor to scroll to line ${line}`,
    (n) => {
      const guard = document.querySelector('.editor-instance .overflow-guard').getBoundingClientRect();
      const shown = [...document.querySelectorAll('.editor-instance .line-numbers')]
        .map((el) => ({ n: Number(el.textContent), top: el.getBoundingClientRect().top }))
        .filter((x) => x.n > 0 && x.top >= guard.top - 1)
        .sort((a, b) => a.top - b.top);
      return shown[0]?.n === n;
    },
    line,
  );
}

/** What the extension host logged about our extension, and the language client's output channel. */
export function reportLogs() {
  const dir = latestLogDir();
  if (!dir) return;
  console.log(`[editor] logs: ${dir}`);
  for (const host of readdirSync(dir).filter((d) => d.startsWith('exthost'))) {
    const file = join(dir, host, 'remoteexthost.log');
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/workplan/i.test(line) || /\[error\]/.test(line)) console.log(`    ${host}/remoteexthost.log: ${line}`);
      }
    }
    const channelDir = join(dir, host, 'workplan-tools.workplan');
    if (existsSync(channelDir)) {
      for (const f of readdirSync(channelDir)) {
        const lines = readFileSync(join(channelDir, f), 'utf8').split('\n').filter(Boolean);
        const traffic = new Map();
        for (const line of lines) {
          const m = /\[trace\] (Sending|Received) (request|response|notification) '([^' ]+)/.exec(line);
          if (m) traffic.set(`${m[1]} ${m[2]} ${m[3]}`, (traffic.get(`${m[1]} ${m[2]} ${m[3]}`) ?? 0) + 1);
        }
        const other = lines.filter((l) => !/\[trace\] (Sending|Received)|^(Params|Result):|^\s|^[{}\[\]]/.test(l));
        console.log(`    ${host}/workplan-tools.workplan/${f}: ${lines.length} lines${traffic.size ? ', LSP traffic:' : ''}`);
        for (const [k, n] of [...traffic].sort()) console.log(`      ${String(n).padStart(3)} × ${k}`);
        for (const l of other) console.log(`      ${l}`);
      }
    }
  }
}

