// Takes the README screenshots in a real VS Code (code-server) with
// dist/workplan.vsix installed, driven by playwright-core and Debian's chromium:
//
//   docs/images/problems.png  faulty-draft.wp.txt: squiggles + the Problems panel
//   docs/images/quickfix.png  the quick-fix menu on the numbering.gap line
//   docs/images/outline.png   the Outline view of xiamen-city-2020.wp.txt
//   docs/images/insert.png    Guandu: the quick fix inserting the missing national task （六）
//   docs/images/breakdown.png the 任务分解表 exported as Markdown beside the plan
//
// Then applies the renumber quick fix and checks that the gap diagnostic goes
// away. Every step waits on a condition in the DOM, not on a fixed sleep.
//
//   bash scripts/editor/setup.sh   # once: node 24, code-server, chromium, CJK fonts
//   npm run package                # dist/workplan.vsix
//   node scripts/editor/screenshots.mjs      (WORKPLAN_TRACE=1 also prints the LSP traffic)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, launch, latestLogDir } from './launch.mjs';

const OUT = join(ROOT, 'docs', 'images');
const VIEWPORT = { width: 1400, height: 900 };
const CHROMIUM = process.env.WORKPLAN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
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
const SCREENSHOT_SETTINGS = {
  'editor.unicodeHighlight.allowedLocales': { _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true },
};
// WORKPLAN_TRACE=1: the language client logs every LSP message to its output channel
// (.tools/editor/user-data/logs/<session>/exthost1/workplan-tools.workplan/), summed up at
// the end. vscode-languageclient 11 traces only while that channel's log level is Trace
// (workplan.trace.server alone does nothing), so the script sets it with the
// "Developer: Set Log Level" command once the client is up.
const TRACE = Boolean(process.env.WORKPLAN_TRACE);
if (TRACE) SCREENSHOT_SETTINGS['workplan.trace.server'] = 'messages';

const t0 = Date.now();
const step = (message) => console.log(`[shots +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
const settle = (page, ms = 300) => page.waitForTimeout(ms); // only to let an animation finish

/** Polls the page until fn(arg) is truthy; returns its value. */
/** Saves a screenshot, shrunk with pngquant when it is installed (the README's images ship in the .vsix). */
async function saveShot(page, name) {
  const path = join(OUT, name);
  await page.screenshot({ path });
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-90', '--output', path, path], { stdio: 'ignore' });
}

async function until(page, what, fn, arg, timeout = 30_000) {
  try {
    const handle = await page.waitForFunction(fn, arg, { timeout, polling: 100 });
    return await handle.jsonValue();
  } catch (err) {
    await page.screenshot({ path: join(OUT, `failed-${what.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    throw new Error(`timed out waiting for ${what}: ${err.message.split('\n')[0]}`);
  }
}

/** Texts of the Problems panel rows (file rows and marker rows). */
const problemRows = (page) =>
  page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.textContent ?? ''));

async function openFile(page, name) {
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

/** Puts the cursor `into` characters after the start of the first match of `text`, using Find. */
async function cursorInto(page, text, into) {
  await page.keyboard.press('Control+F');
  await page.waitForSelector('.find-widget.visible textarea, .find-widget.visible input', { state: 'visible' });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await until(page, `Find to match ${text}`, () => /\d+ of \d+|第 \d+ 项/.test(document.querySelector('.find-widget .matchesCount')?.textContent ?? ''));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < into; i++) await page.keyboard.press('ArrowRight');
}

/** Runs a command from the Command Palette, then picks each of `picks` in the quick picks that follow. */
async function runCommand(page, title, ...picks) {
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
async function dragSash(page, orientation, near, delta) {
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
const breadcrumbSymbol = (page, includes = '') =>
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
async function clickEditor(page, dx, dy) {
  const box = await page.locator('.editor-instance .overflow-guard').first().boundingBox();
  await page.mouse.click(box.x + dx, box.y + dy);
}

/** The first line number fully shown in the active editor. */
const firstVisibleLine = (page) =>
  page.evaluate(() => {
    const guard = document.querySelector('.editor-instance .overflow-guard').getBoundingClientRect();
    const shown = [...document.querySelectorAll('.editor-instance .line-numbers')]
      .map((el) => ({ n: Number(el.textContent), top: el.getBoundingClientRect().top }))
      .filter((x) => x.n > 0 && x.top >= guard.top - 1)
      .sort((a, b) => a.top - b.top);
    return shown[0]?.n ?? 0;
  });

/** Scrolls the active editor (Ctrl+Down = scroll one line) until `line` is the first one shown. */
async function scrollEditorTo(page, line) {
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

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT).filter((f) => f.startsWith('failed-'))) rmSync(join(OUT, f));
  step('starting code-server');
  // The extension as Chinese drafters see it (VS Code's own menus stay English: see launch.mjs).
  const session = await launch({ extraSettings: SCREENSHOT_SETTINGS, locale: process.env.WORKPLAN_LOCALE ?? 'zh-cn' });
  const timings = { codeServerStartMs: session.startMs };
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    page.on('pageerror', (err) => console.log(`[page error] ${err.message.split('\n')[0]}`));

    // --- open the workbench on the samples folder ---------------------------
    step(`opening ${session.folderUrl}`);
    const tPage = Date.now();
    await page.goto(session.folderUrl);
    await until(page, 'the Explorer to list the samples', () =>
      [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].some((r) => r.textContent.includes('faulty-draft.wp.txt')),
    60_000);
    timings.workbenchMs = Date.now() - tPage;
    step(`workbench ready in ${timings.workbenchMs} ms`);

    // --- problems.png ---------------------------------------------------------
    const tDiag = Date.now();
    await openFile(page, 'faulty-draft.wp.txt');
    await until(page, 'the language mode to be 工作要点 (workplan)', () =>
      [...document.querySelectorAll('.statusbar-item')].some((el) => /工作要点|Work Plan|workplan/.test(el.textContent)),
    );
    await until(page, 'squiggles from the language server', () => document.querySelectorAll('.squiggly-error, .squiggly-warning').length > 0, undefined, 60_000);
    timings.firstDiagnosticsMs = Date.now() - tDiag;
    step(`squiggles shown ${timings.firstDiagnosticsMs} ms after opening the file`);
    if (TRACE) {
      await runCommand(page, 'Developer: Set Log Level', '工作要点 Work Plan', 'Trace');
      await until(page, 'the quick pick to close', () => !document.querySelector('.quick-input-widget:not([style*="display: none"])'));
      step('language client log level: Trace');
    }

    await page.keyboard.press('Control+Shift+M');
    await until(page, 'Problems rows with numbering.gap', () =>
      [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('numbering.gap')),
    );
    // A taller panel, so every problem of the draft is listed.
    const panel = await page.locator('.part.panel').boundingBox();
    await dragSash(page, 'horizontal', { y: panel.y, xMin: panel.x, xMax: panel.x + panel.width }, { dy: -70 });
    await until(page, 'the panel to grow', (h) => document.querySelector('.part.panel').getBoundingClientRect().height > h + 40, panel.height);
    await scrollEditorTo(page, 17);
    await breadcrumbSymbol(page);
    await settle(page);
    const rows = await problemRows(page);
    const numberingRows = rows.filter((r) => /numbering\.\w+/.test(r));
    step(`Problems panel: ${rows.length - 1} problems, ${numberingRows.length} numbering.*`);
    for (const r of rows) console.log(`    ${r}`);
    await saveShot(page, 'problems.png');
    step('saved docs/images/problems.png');

    // --- quickfix.png ---------------------------------------------------------
    const gapRow = rows.find((r) => r.includes('numbering.gap'));
    const gapLine = Number(/\[Ln (\d+), Col \d+\]/.exec(gapRow)[1]);
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
    await page.keyboard.type(String(gapLine));
    await page.keyboard.press('Enter');
    await until(page, `cursor on line ${gapLine}`, (n) =>
      [...document.querySelectorAll('.statusbar-item')].some((el) => el.textContent.includes(`Ln ${n}, Col 1`)),
    gapLine);
    await breadcrumbSymbol(page, '（');
    await page.keyboard.press('Control+.');
    await until(page, 'the quick-fix menu with the renumber action', () =>
      [...document.querySelectorAll('.action-widget .monaco-list-row')].some((r) => /Renumber|重新编排/.test(r.textContent)),
    );
    await settle(page);
    const menu = await page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((r) => r.textContent));
    step(`quick-fix menu: ${menu.map((m) => JSON.stringify(m)).join(', ')}`);
    await saveShot(page, 'quickfix.png');
    step('saved docs/images/quickfix.png');

    // --- apply the renumber fix, check the gap diagnostic goes away -----------
    const before = await problemRows(page);
    await page.locator('.action-widget .monaco-list-row', { hasText: /Renumber|重新编排/ }).first().click();
    await until(page, 'numbering.gap to disappear from Problems', () =>
      ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('numbering.gap')),
    );
    await page.keyboard.press('Control+S');
    await until(page, 'the file to be saved', () => !document.querySelector('.tabs-container .tab.active.dirty'));
    await settle(page, 500);
    const after = await problemRows(page);
    const saved = readFileSync(join(session.workspace, 'faulty-draft.wp.txt'), 'utf8').split('\n');
    const original = readFileSync(join(ROOT, 'samples', 'faulty-draft.wp.txt'), 'utf8').split('\n');
    const changed = saved.map((l, i) => [i + 1, original[i], l]).filter(([, a, b]) => a !== b);
    const codes = (rs) => rs.map((r) => /\((\w+\.[\w-]+)\)|workplan(\w+\.[\w-]+)/.exec(r)).filter(Boolean).map((m) => m[1] ?? m[2]);
    step(`renumber applied: ${before.length - 1} problems before, ${after.length - 1} after`);
    console.log(`    before: ${codes(before).join(' ')}`);
    console.log(`    after:  ${codes(after).join(' ')}`);
    for (const [n, a, b] of changed) console.log(`    line ${n}: ${a.slice(0, 14)}…  →  ${b.slice(0, 14)}…`);
    const gapGone = !codes(after).includes('numbering.gap');
    console.log(`    RESULT: numbering.gap ${gapGone ? 'gone after the quick fix ✔' : 'STILL PRESENT ✘'}`);

    // --- outline.png ----------------------------------------------------------
    await page.keyboard.press('Control+J'); // hide the panel
    await until(page, 'the panel to close', () => {
      const p = document.querySelector('.part.panel');
      return !p || p.getBoundingClientRect().height === 0 || p.offsetParent === null;
    });
    await openFile(page, 'xiamen-city-2020.wp.txt');
    // Collapse the folder view so the Outline view gets the whole side bar.
    const folderHeader = page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
    if ((await folderHeader.getAttribute('aria-expanded')) === 'true') await folderHeader.click();
    const outlineHeader = page.locator('.pane-header', { hasText: /^Outline|大纲/ }).first();
    if ((await outlineHeader.getAttribute('aria-expanded')) !== 'true') await outlineHeader.click();
    await until(page, 'Outline rows (sections and items)', () => {
      const rows = [...document.querySelectorAll('.outline-pane .monaco-list-row')];
      return rows.length > 10 && rows.some((r) => r.getAttribute('aria-level') === '2');
    }, undefined, 30_000);
    // A wider side bar, so item titles are readable.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    await dragSash(page, 'vertical', { x: sidebar.x + sidebar.width, yMin: sidebar.y, yMax: sidebar.y + sidebar.height }, { dx: 190 });
    await until(page, 'the side bar to widen', (w) => document.querySelector('.part.sidebar').getBoundingClientRect().width > w + 100, sidebar.width);
    const outline = await page.$$eval('.outline-pane .monaco-list-row', (rs) =>
      rs.map((r) => ({ level: r.getAttribute('aria-level'), text: r.textContent })),
    );
    step(`Outline: ${outline.length} rows shown, ${outline.filter((r) => r.level === '1').length} top-level`);
    for (const r of outline.slice(0, 8)) console.log(`    ${'  '.repeat(Number(r.level) - 1)}${r.text}`);
    // Click an item of the first section: the editor jumps to it, the breadcrumbs show section > item.
    const item = page.locator('.outline-pane .monaco-list-row[aria-level="2"]').nth(3);
    const itemTitle = ((await item.textContent()) ?? '').slice(0, 4);
    await item.click();
    const crumbs = await breadcrumbSymbol(page, itemTitle);
    step(`breadcrumbs: ${crumbs.join(' › ')}`);
    await settle(page);
    await saveShot(page, 'outline.png');
    step('saved docs/images/outline.png');

    // --- hover.png: a unit in a clause, with its registry entry ------------------
    await cursorInto(page, '（市公安局负责）', 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await until(page, 'the hover on 市公安局 with its national counterpart', () =>
      [...document.querySelectorAll('.monaco-hover')].some((h) => h.textContent.includes('市公安局') && h.textContent.includes('公安部')),
    );
    await settle(page);
    const hoverText = await page.$eval('.monaco-hover', (h) => h.textContent);
    step(`hover: ${hoverText.slice(0, 160)}`);
    await saveShot(page, 'hover.png');
    step('saved docs/images/hover.png');
    await page.keyboard.press('Escape');

    // --- completion.png: units offered inside a clause ------------------------------
    await cursorInto(page, '（市公安局负责）', 1);
    await page.keyboard.type('市');
    await page.keyboard.press('Control+Space');
    await until(page, 'completion inside the clause listing registry units', () =>
      [...document.querySelectorAll('.suggest-widget .monaco-list-row')].some((r) => r.textContent.includes('市市场监管局')),
    );
    await settle(page);
    const suggestions = await page.$$eval('.suggest-widget .monaco-list-row', (rs) => rs.slice(0, 6).map((r) => r.textContent));
    step(`completion: ${suggestions.join(' | ')}`);
    await saveShot(page, 'completion.png');
    step('saved docs/images/completion.png');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');

    // --- national.png: code lenses and the national task behind a local item -------
    await cursorInto(page, '（五）加强重点市场监管', 4);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await until(page, 'the hover with the national task', () =>
      [...document.querySelectorAll('.monaco-hover')].some((h) => /全国任务|National task/.test(h.textContent) && h.textContent.includes('（五）')),
    );
    await until(page, 'the code lenses naming national tasks', () =>
      [...document.querySelectorAll('.codelens-decoration')].some((l) => /对应全国|National （|覆盖|covered/.test(l.textContent)),
    );
    await settle(page);
    const lenses = await page.$$eval('.codelens-decoration', (ls) => ls.slice(0, 4).map((l) => l.textContent));
    step(`code lenses: ${lenses.join(' | ')}`);
    await saveShot(page, 'national.png');
    step('saved docs/images/national.png');
    await page.keyboard.press('Escape');

    // --- insert.png: coverage.missing and the quick fix inserting the national task -----
    await openFile(page, 'guandu-district-2020.wp.txt');
    await cursorInto(page, '（四）加强重点市场监管', 1);
    await until(page, 'the coverage.missing diagnostic', () => document.querySelectorAll('.squiggly-info').length > 0, undefined, 60_000);
    await page.keyboard.press('Control+.');
    await until(page, 'the quick fix inserting national task （六）', () =>
      [...document.querySelectorAll('.action-widget .monaco-list-row')].some((r) => /补充全国任务（六）|Insert national task （六）/.test(r.textContent)),
    );
    await settle(page);
    await saveShot(page, 'insert.png');
    step('saved docs/images/insert.png');
    await page.locator('.action-widget .monaco-list-row', { hasText: /补充全国任务（六）|Insert national task （六）/ }).first().click();
    const inserted = await until(page, 'the inserted item （五）严格寄递环节监管', () =>
      [...document.querySelectorAll('.editor-instance .view-line')].map((l) => l.textContent).find((t) => t.startsWith('（五）严格寄递环节监管')),
    );
    step(`inserted: ${inserted.slice(0, 40)}…`);
    await page.keyboard.press('Control+Z');

    // --- breakdown.png: the 任务分解表 as Markdown beside the plan ---------------------
    await runCommand(page, '导出任务分解表', 'Markdown');
    await until(page, 'the task breakdown table beside the plan', () =>
      // The editor renders spaces as no-break spaces.
      [...document.querySelectorAll('.editor-instance .view-line')].some((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').startsWith('| 一、/（一）')),
    );
    await settle(page, 500);
    await saveShot(page, 'breakdown.png');
    step('saved docs/images/breakdown.png');

    timings.totalMs = Date.now() - t0;
    step(`timings: ${JSON.stringify(timings)}`);
    if (!gapGone) process.exitCode = 1;
  } finally {
    await browser?.close();
    await session.stop();
    rmSync(session.workspace, { recursive: true, force: true });
    reportLogs();
  }
}

/** What the extension host logged about our extension, and the language client's output channel. */
function reportLogs() {
  const dir = latestLogDir();
  if (!dir) return;
  step(`logs: ${dir}`);
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

main().catch((err) => {
  console.error(`[shots] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
