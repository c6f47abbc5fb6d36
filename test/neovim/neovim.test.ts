import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover, MarkupContent, Position } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { nationalService, REPO_ROOT, SEEDS_DIR } from '../unit/util';

/**
 * The language server is a plain LSP server: Neovim's built-in LSP client
 * (headless, no plugins, no configuration) starts `node dist/server.js
 * --stdio` on a seed plan, and what it receives — the diagnostics as the
 * server published them and as Neovim stored them, a hover, the document
 * symbols — is what the language service computes in-process for the same
 * text. The Lua side is test/neovim/diagnostics.lua.
 */

const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
const SCRIPT = join(REPO_ROOT, 'test', 'neovim', 'diagnostics.lua');
const NATIONAL_2020 = join(REPO_ROOT, 'data', 'national', '2020.txt');
const INSTALL_HINT =
  "install Debian's neovim (`apt-get install -y neovim`; scripts/editor/setup.sh installs it). "
  + 'This test drives Neovim headless as an LSP client of the built server; it is not skipped when nvim is missing.';

/** The first line of `nvim --version`, or undefined when nvim cannot be run. */
const NVIM_VERSION = (() => {
  const run = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000 });
  return run.error || run.status !== 0 ? undefined : run.stdout.split('\n')[0].trim();
})();

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code: string;
  message: string;
  source: string;
}

/** What diagnostics.lua writes. */
interface NeovimResult {
  error?: string;
  log?: string;
  uri: string;
  filetype: string;
  fileformat: string;
  text: string;
  attached: boolean;
  offset_encoding: string;
  server_info?: { name: string };
  server_capabilities: string[];
  publishes: Array<{ at_ms: number; version: number; diagnostics: Diagnostic[] }>;
  diagnostics: NeovimDiagnostic[];
  hover?: { params: { textDocument: { uri: string }; position: Position }; result: Hover | null; error?: unknown };
  symbols: { result: DocumentSymbol[] | null; error?: unknown };
  exit?: { code: number; signal: number };
  timings: Record<string, number>;
}

interface Run {
  result: NeovimResult;
  /** Wall time of the whole nvim process, spawn to exit. */
  wallMs: number;
}

/**
 * Runs diagnostics.lua in `nvim --headless` on a copy of the seed in a fresh
 * folder (the workspace folder: no .workplan/config.json), with Neovim's
 * config, data and cache (where its LSP log goes) in that folder too.
 */
async function runNeovim(seed: string, hover?: { at: string; chars: number }): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'workplan-neovim-'));
  try {
    const workspace = join(dir, 'workspace');
    mkdirSync(workspace);
    const plan = join(workspace, `${seed}.wp.txt`);
    copyFileSync(join(SEEDS_DIR, `${seed}.txt`), plan);
    const out = join(dir, 'result.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      WORKPLAN_PLAN: plan,
      WORKPLAN_ROOT: workspace,
      WORKPLAN_SERVER: SERVER_JS,
      WORKPLAN_NODE: process.execPath,
      WORKPLAN_OUT: out,
      WORKPLAN_TIMEOUT_MS: '15000',
      WORKPLAN_HOVER_AT: hover?.at ?? '',
      WORKPLAN_HOVER_CHARS: String(hover?.chars ?? 0),
    };
    const args = ['--headless', '--clean', '-u', 'NONE', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT.replace(/([ \\%#|"])/g, '\\$1')}`];
    const started = Date.now();
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; error?: Error }>((resolveExit) => {
      const child = spawn('nvim', args, { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], timeout: 40000, killSignal: 'SIGKILL' });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', (error) => resolveExit({ code: null, signal: null, stdout, stderr, error }));
      child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr }));
    });
    const wallMs = Date.now() - started;
    const result = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as NeovimResult) : undefined;
    if (exit.error || exit.code !== 0 || !result || result.error) {
      assert.fail([
        `Neovim did not complete the LSP session on ${seed} with ${SERVER_JS}:`,
        exit.error ? `  spawning nvim failed: ${exit.error.message}` : `  nvim exited with code ${exit.code}${exit.signal ? `, signal ${exit.signal} (killed after 40 s?)` : ''} after ${wallMs} ms`,
        `  ${result?.error ?? 'no result written by test/neovim/diagnostics.lua'}`,
        result?.exit ? `  the server exited with code ${result.exit.code}, signal ${result.exit.signal}` : '',
        result?.log ? `--- Neovim's LSP log (the server's stderr) ---\n${result.log}` : '',
        exit.stderr || exit.stdout ? `--- nvim output ---\n${exit.stdout}${exit.stderr}` : '',
      ].filter(Boolean).join('\n'));
    }
    return { result, wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * JSON as it crosses Lua: null fields vanish (vim.json decodes with
 * luanil), and an empty object and an empty array are one empty Lua table.
 * Both sides are brought to that form before comparing.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? '<empty>' : value.map(normalize);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return '<empty>';
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

/** A byte index into a line (Neovim's columns) as UTF-16 code units (LSP characters). */
function byteToUtf16(line: string, byte: number): number {
  const bytes = Buffer.from(line, 'utf8');
  assert.ok(byte >= 0 && byte <= bytes.length, `byte column ${byte} outside a line of ${bytes.length} bytes`);
  const prefix = bytes.subarray(0, byte).toString('utf8');
  assert.equal(Buffer.byteLength(prefix, 'utf8'), byte, `byte column ${byte} is inside a character`);
  return prefix.length;
}

/** A comparable record: where (UTF-16 line:character), what, and the text under the range. */
function describeDiagnostic(text: string, index: LineIndex, d: { start: Position; end: Position; code: string; message: string; severity?: number; source?: string }) {
  return {
    range: `${d.start.line}:${d.start.character}-${d.end.line}:${d.end.character}`,
    text: text.slice(index.offsetAt(d.start), index.offsetAt(d.end)),
    code: d.code,
    severity: d.severity,
    source: d.source,
    message: d.message,
  };
}

describe(`Neovim's built-in LSP client (${NVIM_VERSION ?? 'nvim not installed'}) against dist/server.js`, function () {
  this.timeout(60000);
  const library = nationalService('zh-cn');

  before(function () {
    assert.ok(NVIM_VERSION, `nvim not found on PATH: ${INSTALL_HINT}`);
    assert.ok(existsSync(SERVER_JS), `${SERVER_JS} is missing: run \`node scripts/build.mjs\` (npm run build) first`);
    assert.ok(existsSync(SCRIPT), `${SCRIPT} is missing`);
    console.log(`      ${NVIM_VERSION} (${spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[2]?.trim() ?? ''})`);
  });

  const cases = [
    { seed: 'xiamen-city-2020', sections: 7, hover: { at: '（五）加强重点市场监管', chars: 3 } },
    { seed: 'guandu-district-2020', sections: 8 },
  ];

  for (const { seed, sections, hover } of cases) {
    describe(seed, function () {
      let run: Run;
      let text: string;
      let index: LineIndex;
      let uri: string;

      before(async function () {
        run = await runNeovim(seed, hover);
        text = readFileSync(join(SEEDS_DIR, `${seed}.txt`), 'utf8');
        index = new LineIndex(text);
        uri = run.result.uri;
        const t = run.result.timings;
        console.log(`      ${seed}: initialized ${t.initialized_ms} ms, first diagnostics ${t.first_diagnostics_ms} ms, `
          + `${t.hover_ms === undefined ? '' : `hover ${t.hover_ms} ms, `}symbols ${t.symbols_ms} ms, server stopped at ${t.total_ms} ms; `
          + `nvim process ${run.wallMs} ms; ${run.result.publishes.length} publish(es), ${run.result.diagnostics.length} diagnostics`);
      });

      it('Neovim opened the plan as it is on disk, attached the client (UTF-16 positions) and the server exited cleanly', function () {
        const r = run.result;
        assert.equal(r.text, text, 'the text Neovim sends in didOpen is the seed byte for byte');
        assert.equal(r.filetype, 'workplan');
        assert.ok(r.attached, 'buffer attached to the client');
        assert.equal(r.offset_encoding, 'utf-16');
        assert.equal(r.server_info?.name, 'workplan-language-server');
        for (const p of ['documentSymbolProvider', 'hoverProvider', 'textDocumentSync']) assert.ok(r.server_capabilities.includes(p), p);
        assert.match(uri, /^file:\/\/\/.*\.wp\.txt$/);
        assert.deepEqual(r.exit && { code: r.exit.code, signal: r.exit.signal }, { code: 0, signal: 0 }, 'shutdown + exit: the server exits with code 0');
      });

      it('the diagnostics the server published are the in-process service diagnostics', function () {
        const { publishes } = run.result;
        assert.ok(publishes.length >= 1);
        for (const [i, published] of publishes.entries()) {
          const expected = library.computeDiagnostics({ uri, version: published.version, getText: () => text });
          assert.equal(published.version, 0, 'Neovim opens a document as version 0');
          assert.deepEqual(
            published.diagnostics.map((d) => describeDiagnostic(text, index, { ...d.range, ...d })),
            expected.map((d) => describeDiagnostic(text, index, { ...d.range, ...d })),
            `publish ${i + 1} of ${publishes.length}`,
          );
          // Everything else too: data (document version, quick-fix edits), severity, source.
          assert.deepEqual(normalize(published.diagnostics), normalize(JSON.parse(JSON.stringify(expected))), `publish ${i + 1}, full diagnostics`);
        }
      });

      it('vim.diagnostic.get(): same count, codes, messages, severities and lines; byte columns converted to UTF-16 match', function () {
        const expected = library.computeDiagnostics({ uri, version: 0, getText: () => text });
        assert.ok(expected.length > 0, 'the seed has diagnostics to compare');
        const lines = text.split('\n');
        const column = (line: number, byte: number) => (line < lines.length ? byteToUtf16(lines[line], byte) : byte);
        const received = run.result.diagnostics.map((d) => describeDiagnostic(text, index, {
          start: { line: d.lnum, character: column(d.lnum, d.col) },
          end: { line: d.end_lnum, character: column(d.end_lnum, d.end_col) },
          code: d.code,
          message: d.message,
          severity: d.severity,
          source: d.source,
        }));
        assert.equal(received.length, expected.length, 'count');
        assert.deepEqual(received, expected.map((d) => describeDiagnostic(text, index, { ...d.range, ...d })));
        assert.ok(received.every((d) => d.source === 'workplan'));
      });

      it(`document symbols: the in-process outline, with its ${sections} sections`, function () {
        const { result, error } = run.result.symbols;
        assert.ok(result && !error, `documentSymbol failed: ${JSON.stringify(error)}`);
        const expected = library.getDocumentSymbols({ uri, version: 0, getText: () => text });
        assert.deepEqual(normalize(result), normalize(JSON.parse(JSON.stringify(expected))));
        const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
        const found = result.filter((s) => /^[一二三四五六七八九十]+、/.test(s.name));
        assert.equal(found.length, sections, `sections: ${result.map((s) => s.name).join(' | ')}`);
        found.forEach((s, i) => {
          assert.ok(s.name.startsWith(`${numerals[i]}、`), s.name);
          assert.ok((s.children?.length ?? 0) > 0, `${s.name} has its items`);
        });
      });

      if (hover) {
        it(`hover with the cursor in ${hover.at}: the national task text`, function () {
          const h = run.result.hover;
          assert.ok(h, 'a hover was requested');
          assert.ok(!h.error, `hover failed: ${JSON.stringify(h.error)}`);
          const at = text.indexOf(hover.at);
          // The cursor sits on a byte column; Neovim sends the position in UTF-16.
          assert.deepEqual(h.params.position, index.positionAt(at + hover.chars), 'the position Neovim sent');
          assert.ok(h.result, 'a hover');
          const expected = library.getHover({ uri, version: 0, getText: () => text }, h.params.position);
          assert.deepEqual(normalize(h.result), normalize(JSON.parse(JSON.stringify(expected))));
          const value = (h.result.contents as MarkupContent).value;
          const national = readFileSync(NATIONAL_2020, 'utf8').split('\n').find((l) => l.startsWith('（五）'));
          assert.ok(national);
          // The hover's heading shows the marker; its text goes on from the title.
          const task = national.replace(/（[^（]*）$/, '').replace(/^（五）/, '');
          assert.ok(value.startsWith('**全国任务（五）加强重点市场监管**'), value);
          assert.ok(value.includes(task), `the hover contains the national task text ${task}:\n${value}`);
        });
      }
    });
  }
});
