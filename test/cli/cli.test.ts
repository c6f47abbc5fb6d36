import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/**
 * The bundled CLI (dist/cli.js) run as a user would: exit status, stdout,
 * stderr. The environment's locale variables are pinned so that the default
 * message language does not depend on the machine running the tests.
 */

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const SEEDS_DIR = join(ROOT, 'test/fixtures/seeds');
/** Seeds as a user in the repository would name them: relative paths. */
const SEEDS = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => relative(ROOT, join(SEEDS_DIR, f)));
const XIAMEN = 'test/fixtures/seeds/xiamen-city-2020.txt';

const TEXT_LINE = /^.+:\d+:\d+ (error|warning|info|hint) [a-z-]+\.[a-z-]+ .+$/;
const USAGE = /Usage: workplan check/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env },
    timeout: 30000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  data: { version: number };
}
interface JsonResult {
  file: string;
  diagnostics: JsonDiagnostic[];
}

function json(args: string[], env?: Record<string, string>): { run: Run; results: JsonResult[] } {
  const run = cli(['check', '--format', 'json', ...args], env);
  let results: JsonResult[];
  try {
    results = JSON.parse(run.stdout) as JsonResult[];
  } catch (error) {
    throw new Error(`stdout is not JSON (${(error as Error).message}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return { run, results };
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.length > 0);
}

/** Xiamen without item （五）: （六） then reports a gap. */
function xiamenWithGap(): string {
  const ls = readFileSync(join(ROOT, XIAMEN), 'utf8').split('\n');
  const i = ls.findIndex((l) => l.startsWith('（五）'));
  assert.ok(i > 0 && ls[i + 1] === '');
  ls.splice(i, 2);
  return ls.join('\n');
}

describe('workplan CLI (dist/cli.js)', function () {
  this.timeout(30000);
  let tmp: string;

  before(function () {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
    assert.equal(SEEDS.length, 5);
    tmp = mkdtempSync(join(tmpdir(), 'workplan-cli-'));
  });

  after(function () {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe('check, text format', function () {
    for (const seed of SEEDS) {
      it(`${seed}: exit 0 (warnings only), every line file:line:col severity code message`, function () {
        const run = cli(['check', seed]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, '');
        for (const line of lines(run.stdout)) {
          assert.match(line, TEXT_LINE);
          assert.ok(line.startsWith(`${seed}:`), line);
          assert.ok(!/ error /.test(line.slice(seed.length)), `no error-severity problem in a real plan: ${line}`);
        }
      });
    }

    it('prints one line per diagnostic, positions 1-based, for several files in order', function () {
      const run = cli(['check', ...SEEDS]);
      const { results } = json(SEEDS);
      assert.equal(run.status, 0);
      const expected = results.flatMap((r) => r.diagnostics.map((d) => `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} `));
      const got = lines(run.stdout);
      assert.equal(got.length, expected.length);
      got.forEach((line, i) => assert.ok(line.startsWith(expected[i]), `${line} should start with ${expected[i]}`));
      assert.ok(got.length > 0, 'the seeds do have warnings');
    });

    it('the Xiamen seed reports numbering.width and text.broken-line', function () {
      const out = cli(['check', XIAMEN]).stdout;
      assert.match(out, / warning numbering\.width /);
      assert.match(out, / warning text\.broken-line /);
    });
  });

  describe('check --format json', function () {
    it('parses into [{file, diagnostics: [{range, severity, code, source, message, data}]}] with file as given', function () {
      const absolute = join(ROOT, SEEDS[0]);
      const dotted = `./${SEEDS[1]}`;
      const args = [absolute, dotted, ...SEEDS.slice(2)];
      const { run, results } = json(args);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.ok(Array.isArray(results));
      assert.deepEqual(results.map((r) => r.file), args, 'file exactly as given on the command line');
      for (const r of results) {
        assert.deepEqual(Object.keys(r).sort(), ['diagnostics', 'file']);
        assert.ok(Array.isArray(r.diagnostics));
        for (const d of r.diagnostics) {
          assert.deepEqual(Object.keys(d).sort(), ['code', 'data', 'message', 'range', 'severity', 'source']);
          assert.equal(d.source, 'workplan');
          assert.ok([1, 2, 3, 4].includes(d.severity));
          assert.match(d.code, /^[a-z-]+\.[a-z-]+$/);
          assert.ok(typeof d.message === 'string' && d.message.length > 0);
          for (const p of [d.range.start, d.range.end]) assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0);
          assert.equal(typeof d.data, 'object');
        }
      }
      const xiamen = results.find((r) => r.file.endsWith('xiamen-city-2020.txt'));
      assert.ok(xiamen && xiamen.diagnostics.some((d) => d.code === 'numbering.width'));
    });

    it('--format=json (inline value) works too', function () {
      const run = cli(['check', '--format=json', XIAMEN]);
      assert.equal(run.status, 0);
      assert.equal((JSON.parse(run.stdout) as JsonResult[])[0].file, XIAMEN);
    });
  });

  describe('exit status', function () {
    it('a plan with a numbering gap: exit 1 and an error line', function () {
      const file = join(tmp, 'xiamen-gap.txt');
      writeFileSync(file, xiamenWithGap());
      const run = cli(['check', file]);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const errors = lines(run.stdout).filter((l) => / error /.test(l));
      assert.equal(errors.length, 1, run.stdout);
      assert.match(errors[0], TEXT_LINE);
      assert.ok(errors[0].startsWith(`${file}:`));
      assert.match(errors[0], / error numbering\.gap .*（五）/);
    });

    it('a missing file and a good file: exit 2, stderr names the missing file, the good file is still reported', function () {
      const missing = join(tmp, 'no-such-plan.txt');
      const run = cli(['check', missing, XIAMEN]);
      assert.equal(run.status, 2);
      assert.ok(run.stderr.includes(missing), run.stderr);
      assert.match(run.stderr, /no such file/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.ok(lines(run.stdout).length > 0 && lines(run.stdout).every((l) => l.startsWith(`${XIAMEN}:`)), run.stdout);

      const { run: jrun, results } = json([XIAMEN, missing]);
      assert.equal(jrun.status, 2);
      assert.deepEqual(results.map((r) => r.file), [XIAMEN]);
      assert.ok(jrun.stderr.includes(missing));
    });

    it('a directory without plan files: exit 2 with a clear message', function () {
      const empty = join(tmp, 'no-plans');
      mkdirSync(join(empty, 'sub'), { recursive: true });
      writeFileSync(join(empty, 'notes.md'), '# not a plan');
      const run = cli(['check', empty]);
      assert.equal(run.status, 2);
      assert.ok(run.stderr.includes(empty) && /directory holds no plan files/.test(run.stderr), run.stderr);
    });

    it('no arguments: exit 2, usage on stderr', function () {
      const run = cli([]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, USAGE, `usage belongs on stderr when it reports a usage error; stdout was:\n${run.stdout}`);
    });

    it('check without files: exit 2, usage on stderr', function () {
      const run = cli(['check']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, USAGE);
      assert.equal(run.stdout, '');
    });

    it('an unknown option: exit 2, usage on stderr naming the option', function () {
      const run = cli(['check', '--frobnicate', XIAMEN]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--frobnicate/);
      assert.match(run.stderr, USAGE);
      assert.equal(run.stdout, '');
    });

    it('an unknown command: exit 2, usage on stderr', function () {
      const run = cli(['lint', XIAMEN]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, USAGE);
    });

    for (const args of [['--format', 'xml'], ['--format=yaml'], ['--format']]) {
      it(`a bad format (${args.join(' ')}): exit 2, usage on stderr`, function () {
        const run = cli(['check', ...args, ...(args.length === 2 || args[0].includes('=') ? [XIAMEN] : [])]);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--format/);
        assert.match(run.stderr, USAGE);
        assert.equal(run.stdout, '');
      });
    }

    it('--help: usage on stdout, exit 0', function () {
      const run = cli(['--help']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, USAGE);
    });
  });

  describe('locale', function () {
    it('--locale en gives English messages for the same problems', function () {
      const zh = json([XIAMEN], {}).results[0].diagnostics;
      const en = json(['--locale', 'en', XIAMEN]).results[0].diagnostics;
      assert.deepEqual(en.map((d) => [d.code, d.range]), zh.map((d) => [d.code, d.range]));
      for (const d of zh) assert.match(d.message, /^[\u4e00-\u9fff]/, d.message);
      for (const d of en) {
        assert.match(d.message, /^[A-Z][a-z]/, d.message);
        assert.doesNotMatch(d.message, /序号|断行|应为|应合并/, d.message);
      }
      const text = cli(['check', '--locale=en', XIAMEN]).stdout;
      assert.match(text, / warning numbering\.width Mixed marker width: /);
      assert.match(text, / warning text\.broken-line Hard line break inside a sentence: /);
    });

    it('without --locale, LANG=en_US.UTF-8 gives English and LANG=zh_CN.UTF-8 Chinese', function () {
      const en = json([XIAMEN], { LANG: 'en_US.UTF-8' }).results[0].diagnostics;
      const zh = json([XIAMEN], { LANG: 'zh_CN.UTF-8' }).results[0].diagnostics;
      assert.ok(en.length > 0 && en.every((d) => /^[A-Z]/.test(d.message)));
      assert.ok(zh.every((d) => /^[\u4e00-\u9fff]/.test(d.message)));
    });
  });

  describe('encodings', function () {
    function withoutFile(results: JsonResult[]): JsonDiagnostic[][] {
      return results.map((r) => r.diagnostics);
    }

    it('a GB18030-encoded copy of each seed gives the same diagnostics as the UTF-8 original', function () {
      const copies: string[] = [];
      for (const seed of SEEDS) {
        const copy = join(tmp, `gb18030-${seed.split('/').pop()}`);
        const py = spawnSync('python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))', join(ROOT, seed), copy], { encoding: 'utf8' });
        assert.equal(py.status, 0, py.stderr);
        const bytes = readFileSync(copy);
        assert.notDeepEqual(bytes, readFileSync(join(ROOT, seed)), 'the copy really is re-encoded');
        assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'and is not valid UTF-8');
        copies.push(copy);
      }
      const utf8 = json(SEEDS);
      const gb = json(copies);
      assert.equal(gb.run.status, utf8.run.status);
      assert.equal(gb.run.stderr, '');
      assert.deepEqual(withoutFile(gb.results), withoutFile(utf8.results));
      // And in text format, line for line after the file name.
      const strip = (out: string) => lines(out).map((l) => l.replace(/^.+?\.txt:/, ''));
      assert.deepEqual(strip(cli(['check', ...copies]).stdout), strip(cli(['check', ...SEEDS]).stdout));
    });

    it('UTF-16 files with a byte order mark (little- and big-endian) give the same diagnostics as UTF-8', function () {
      const copies = SEEDS.flatMap((seed) => {
        const text = readFileSync(join(ROOT, seed), 'utf8');
        const le = join(tmp, `utf16le-${seed.split('/').pop()}`);
        const be = join(tmp, `utf16be-${seed.split('/').pop()}`);
        writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
        writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
        return [le, be];
      });
      const utf8 = json(SEEDS);
      const utf16 = json(copies);
      assert.equal(utf16.run.status, utf8.run.status);
      const expected = withoutFile(utf8.results).flatMap((d) => [d, d]);
      assert.deepEqual(withoutFile(utf16.results), expected);
    });

    it('a UTF-8 file with a byte order mark reports the same positions as without it', function () {
      const copies = SEEDS.map((seed) => {
        const copy = join(tmp, `bom-${seed.split('/').pop()}`);
        writeFileSync(copy, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(ROOT, seed))]));
        return copy;
      });
      const plain = json(SEEDS);
      const bom = json(copies);
      assert.equal(bom.run.status, plain.run.status);
      assert.deepEqual(withoutFile(bom.results), withoutFile(plain.results));
    });

    it('a plan whose first line is a heading keeps column 1 with a BOM', function () {
      const text = '一、总体要求\n\n（一）加强组织领导。\n\n（三）强化督查考核。\n';
      const plain = join(tmp, 'first-line.txt');
      const bom = join(tmp, 'first-line-bom.txt');
      writeFileSync(plain, text);
      writeFileSync(bom, `\ufeff${text}`);
      const a = json([plain]);
      const b = json([bom]);
      assert.equal(a.run.status, 1, 'the gap is an error');
      assert.deepEqual(b.results[0].diagnostics, a.results[0].diagnostics);
      const gap = a.results[0].diagnostics.find((d) => d.code === 'numbering.gap');
      assert.deepEqual(gap?.range.start, { line: 4, character: 0 });
    });
  });

  describe('national coverage in check', function () {
    const GUANDU = 'test/fixtures/seeds/guandu-district-2020.txt';

    it('says once what it could not know: a level read from nothing (stderr), a parent plan of another year (one coverage.other-year)', function () {
      const file = join(tmp, 'no-level.txt');
      writeFileSync(file, '2021年打击侵权假冒工作要点\n\n一、总体要求\n\n（一）加强网络市场监管。严厉打击侵权假冒。\n\n（二）加强重点市场监管。严厉查处侵权假冒。\n');
      const run = cli(['check', file]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, `workplan: ${file}：未能从标题、发文机关或责任单位识别层级，已按市级检查（可用 --level 或配置文件中的 level 指定）\n`);
      assert.deepEqual(lines(run.stdout).map((l) => l.split(' ')[2]), ['coverage.other-year']);
      assert.equal(cli(['check', '--level', 'city', file]).stderr, '', 'a level set is known');
      assert.equal(cli(['check', XIAMEN]).stderr, '', 'a level read off the title is known');
    });

    it('check reports coverage.missing (info) as the editor does: Guandu has 4, Xiamen none; exit stays 0', function () {
      const run = cli(['check', GUANDU]);
      assert.equal(run.status, 0, run.stderr);
      const missing = lines(run.stdout).filter((l) => / info coverage\.missing /.test(l));
      assert.deepEqual(missing.map((l) => l.replace(/ 全国任务(（.+?）).*$/, ' $1')), [
        `${GUANDU}:12:1 info coverage.missing （六）`,
        `${GUANDU}:42:1 info coverage.missing （三十）`,
        `${GUANDU}:42:1 info coverage.missing （三十一）`,
        `${GUANDU}:42:1 info coverage.missing （三十二）`,
      ]);
      assert.ok(!/coverage\.missing/.test(cli(['check', XIAMEN]).stdout));
      assert.deepEqual(cli(['check', '--national', 'national-2020', GUANDU]).stdout, run.stdout, '--national national-2020 is the default for a 2020 plan');
    });

    it('check --national PATH aligns with that plan: a plan without task （六） no longer reports it', function () {
      const national = readFileSync(join(ROOT, 'data/national/2020.txt'), 'utf8');
      const without6 = national.split('\n').filter((l) => !l.startsWith('（六）严格寄递环节监管')).join('\n');
      assert.notEqual(without6, national);
      const file = join(tmp, 'parent-without-6.txt');
      writeFileSync(file, without6);
      const run = cli(['check', '--national', file, GUANDU]);
      assert.equal(run.status, 0, run.stderr);
      const missing = lines(run.stdout).filter((l) => / coverage\.missing /.test(l));
      assert.equal(missing.length, 3, run.stdout);
      assert.ok(!missing.some((l) => l.includes('严格寄递环节监管')));
    });

    it('check --national with an unknown id or an unreadable path: exit 2, the editor’s message, checked with the built-in plan', function () {
      const builtin = cli(['check', GUANDU]).stdout;
      const unknown = cli(['check', '--national', 'national-2019', GUANDU]);
      assert.equal(unknown.status, 2);
      assert.equal(unknown.stderr, 'workplan: 选项 --national 指定的上级工作要点“national-2019”既不是内置工作要点（national-2020），也不是文件。改用内置全国工作要点。\n');
      assert.equal(unknown.stdout, builtin);
      const missing = cli(['check', '--locale', 'en', '--national', join(tmp, 'no-such-plan.txt'), GUANDU]);
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, `workplan: Cannot read the parent plan set in --national: ${join(tmp, 'no-such-plan.txt')}: no such file. Using the built-in national plans.\n`);
      const directory = cli(['check', '--national', tmp, GUANDU]);
      assert.equal(directory.status, 2);
      assert.match(directory.stderr, /无法读取选项 --national 指定的上级工作要点：.*: is a directory/);
    });

    it('--region naming no preset: exit 2, the editor’s message in the locale naming the known ids, checked with the detected region', function () {
      const detected = cli(['check', XIAMEN]).stdout;
      const known = /可用：([^）]+)）/;
      const zh = cli(['check', '--region', 'atlantis', XIAMEN]);
      assert.equal(zh.status, 2);
      assert.match(zh.stderr, /^workplan: 选项 --region 中的地区“atlantis”不存在（可用：.*xiamen.*），已改为自动识别。\n$/);
      assert.equal(zh.stdout, detected);
      const en = cli(['check', '--region', 'atlantis', XIAMEN], { LANG: 'en_US.UTF-8' });
      assert.equal(en.stderr, `workplan: Region “atlantis” in --region is not defined (known: ${known.exec(zh.stderr)![1]}); detecting the region instead.\n`);
    });
  });

  describe('align', function () {
    const GUANDU = 'test/fixtures/seeds/guandu-district-2020.txt';
    const NANTONG = 'test/fixtures/seeds/nantong-city-2017.txt';
    const NATIONAL = 'test/fixtures/seeds/national-2020.txt';

    interface AlignJson {
      file: string;
      national: string;
      matches: Array<{ local: { number: string; line: number; title: string }; national: { number: string; title: string }; score: number }>;
      missing: Array<{ number: string; title: string }>;
      additions: Array<{ number: string; line: number; title: string }>;
    }

    function alignJson(args: string[]): { run: Run; result: AlignJson } {
      const run = cli(['align', '--format', 'json', ...args]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      return { run, result: JSON.parse(run.stdout) as AlignJson };
    }

    it('--format json on Xiamen: { file, national, matches, missing, additions }, item k ↔ national k, lines 0-based, full-width numbers', function () {
      const { result } = alignJson([XIAMEN]);
      assert.deepEqual(Object.keys(result), ['file', 'national', 'matches', 'missing', 'additions']);
      assert.equal(result.file, XIAMEN);
      assert.equal(result.national, 'national-2020');
      assert.equal(result.matches.length, 35);
      for (const m of result.matches) {
        assert.deepEqual(Object.keys(m), ['local', 'national', 'score']);
        assert.deepEqual(Object.keys(m.local), ['number', 'line', 'title']);
        assert.deepEqual(Object.keys(m.national), ['number', 'title']);
        assert.equal(m.local.number, m.national.number);
        assert.match(m.local.number, /^（[一二三四五六七八九十]+）$/);
        assert.ok(m.score > 0 && m.score <= 1);
      }
      const fifth = result.matches[4];
      assert.deepEqual({ ...fifth, score: 0 }, { local: { number: '（五）', line: 35, title: '加强重点市场监管' }, national: { number: '（五）', title: '加强重点市场监管' }, score: 0 });
      const xiamenLines = readFileSync(join(ROOT, XIAMEN), 'utf8').split('\n');
      assert.ok(xiamenLines[35].startsWith('（五）加强重点市场监管'));
      // Xiamen writes (一) half-width; the report says （一）.
      assert.ok(xiamenLines[result.matches[0].local.line].startsWith('(一)'));
      assert.equal(result.matches[0].local.number, '（一）');
      assert.deepEqual(result.missing, []);
      assert.deepEqual(result.additions, []);
    });

    it('--format json on Guandu: the reordered and renamed items, the four missing tasks', function () {
      const { result } = alignJson([GUANDU]);
      const pair = (local: string) => result.matches.filter((m) => m.local.number === local).map((m) => m.national.number);
      assert.deepEqual(pair('（四）'), ['（五）']);
      assert.deepEqual(pair('（十二）'), ['（四）']);
      assert.deepEqual(pair('（三十一）'), ['（三十五）']);
      assert.deepEqual(result.missing, [
        { number: '（六）', title: '严格寄递环节监管' },
        { number: '（三十）', title: '深入开展多双边交流合作' },
        { number: '（三十一）', title: '大力加强跨境执法协作' },
        { number: '（三十二）', title: '支持企业开展海外维权' },
      ]);
    });

    it('text: a header with the coverage, a table local → national with 1-based lines and scores, then missing and additions', function () {
      const run = cli(['align', GUANDU]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const out = lines(run.stdout);
      assert.equal(out[0], `${GUANDU} ↔ national-2020《2020 年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》`);
      assert.equal(out[1], '全国任务覆盖 31/35；缺失 4 项；本地新增 0 项');
      assert.match(out[2], /^ +行 +本文档事项 +全国任务 +匹配度$/);
      const row = out.find((l) => l.includes('（四）加强重点市场监管'));
      assert.match(row ?? '', /^ +12 {2}（四）加强重点市场监管 +→ {2}（五）加强重点市场监管 +0\.\d{3}$/);
      const missingAt = out.indexOf('缺失的全国任务（本文档没有对应事项）：');
      assert.deepEqual(out.slice(missingAt + 1, missingAt + 5), ['  （六）严格寄递环节监管', '  （三十）深入开展多双边交流合作', '  （三十一）大力加强跨境执法协作', '  （三十二）支持企业开展海外维权']);
      assert.deepEqual(out.slice(-2), ['本地新增事项（没有对应的全国任务）：', '  无']);
    });

    it('text in English; a merged item names its second national task on a row of its own; additions with their lines', function () {
      const run = cli(['align', '--locale', 'en', NANTONG]);
      assert.equal(run.status, 0, run.stderr);
      const out = lines(run.stdout);
      assert.equal(out[1], 'National tasks covered 13/35; 22 missing; 6 local additions');
      const merged = out.findIndex((l) => l.includes('（十二）加大刑事打击与司法保护力度'));
      assert.match(out[merged], /→ {2}（十六）加大刑事打击力度 +0\.\d{3}$/);
      assert.match(out[merged + 1], /^ +→ {2}（十八）深入推进司法保护 +0\.\d{3}$/);
      const added = out.indexOf('Local additions (no national task):');
      assert.match(out[added + 1], /^ +\d+ {2}（四）加强生产领域质量监管执法$/);
      assert.equal(out.length - added - 1, 6);
    });

    it('the national plan itself: nothing to align, exit 2 with a message', function () {
      for (const format of ['text', 'json']) {
        const run = cli(['align', '--format', format, NATIONAL]);
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.equal(run.stderr, `workplan: ${NATIONAL} is itself a national plan: no alignment applies (align a local plan with it, or give --level for this file)\n`);
      }
    });

    it('--national: a built-in id, a path (also GB18030), a plan named like a built-in one replacing it', function () {
      assert.equal(alignJson(['--national', 'national-2020', GUANDU]).result.national, 'national-2020');
      const byPath = alignJson(['--national', 'data/national/2020.txt', GUANDU]).result;
      assert.equal(byPath.national, '2020', 'a plan given by path is named after its file');
      const builtin = alignJson([GUANDU]).result;
      assert.deepEqual(byPath.matches, builtin.matches);
      const gb = join(tmp, 'parent-gb18030.txt');
      const py = spawnSync('python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))', join(ROOT, 'data/national/2020.txt'), gb], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      assert.deepEqual(alignJson(['--national', gb, GUANDU]).result.matches, builtin.matches, 'decoded like a draft');
      // A later plan saved as national-2020.txt elsewhere stands in for the built-in one of that name.
      const dir = mkdtempSync(join(tmp, 'plans-'));
      const later = join(dir, 'national-2020.txt');
      writeFileSync(later, readFileSync(join(ROOT, 'data/national/2020.txt'), 'utf8').replace(/（五）加强重点市场监管。/, '（五）加强农贸市场监管。'));
      const replaced = alignJson(['--national', later, GUANDU]).result;
      assert.equal(replaced.national, 'national-2020');
      assert.deepEqual(replaced.matches.find((m) => m.local.number === '（四）')?.national, { number: '（五）', title: '加强农贸市场监管' });
    });

    it('--national errors: unknown id, missing file, a text with no tasks: exit 2, one message each, aligned with the built-in plan', function () {
      const builtin = cli(['align', GUANDU]).stdout;
      const unknown = cli(['align', '--national', 'national-2019', GUANDU]);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /^workplan: 选项 --national 指定的上级工作要点“national-2019”既不是内置工作要点（national-2020）/);
      assert.equal(unknown.stdout, builtin);
      const missing = cli(['align', '--national', 'plans/2021.txt', GUANDU]);
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, `workplan: 无法读取选项 --national 指定的上级工作要点：${join(ROOT, 'plans/2021.txt')}: no such file。改用内置全国工作要点。\n`);
      const notes = join(tmp, 'notes.txt');
      writeFileSync(notes, '会议纪要\n\n今天讨论了打击侵权假冒工作。\n');
      const empty = cli(['align', '--national', notes, GUANDU]);
      assert.equal(empty.status, 2);
      assert.equal(empty.stderr, `workplan: 选项 --national 指定的文件 ${notes} 不是工作要点：其中没有可对照的编号事项（如“（一）”）。改用内置全国工作要点。\n`);
      assert.equal(empty.stdout, builtin);
    });

    it('usage errors: no file, two files, an unreadable file', function () {
      const none = cli(['align']);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /no files given/);
      assert.match(none.stderr, /workplan align \[--format text\|json\]/);
      const two = cli(['align', XIAMEN, GUANDU]);
      assert.equal(two.status, 2);
      assert.match(two.stderr, /align takes one file or folder, not 2/);
      const missing = cli(['align', join(tmp, 'no-such-plan.txt')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot read .*no-such-plan\.txt: no such file/);
      assert.equal(missing.stdout, '');
    });

    it('--help documents align, --national and the exit status of aligning a national plan', function () {
      const help = cli(['--help']).stdout;
      assert.match(help, /workplan align \[--format text\|json\].*\[--national ID\|PATH\] FILE/);
      assert.match(help, /A FILE that is itself a national plan has nothing to align with: exit 2/);
      assert.match(help, /--national +the parent plan: a built-in id \(national-2020\) or the path of a plan text/);
    });
  });

  describe('registry init', function () {
    it('writes a region preset from a confirmed plan into .workplan/registry.json, replacing its own preset on a second run', function () {
      const dir = mkdtempSync(join(tmp, 'init-'));
      const plan = join(dir, 'fujian-2016.txt');
      copyFileSync(join(ROOT, 'test/fixtures/real/fujian-province-2016.txt'), plan);
      const run = cli(['registry', 'init', plan], {}, dir);
      assert.equal(run.status, 0, run.stderr);
      const file = join(dir, '.workplan', 'registry.json');
      assert.equal(run.stdout, `已将地区预设“福建省”（福建省，省级，4 个本地单位）写入 ${file}\n`);
      const layer = JSON.parse(readFileSync(file, 'utf8')) as { regions: Array<{ id: string; level: string; detect: string[]; units: Array<{ name: string; scope?: string }> }> };
      assert.deepEqual(layer.regions.map((r) => [r.id, r.level, r.detect]), [['福建省', 'province', ['福建', '福建省']]]);
      assert.deepEqual(layer.regions[0].units.map((u) => `${u.name} ${u.scope}`), ['福州海关 vertical', '厦门海关 vertical', '福建检验检疫局 vertical', '厦门检验检疫局 vertical']);
      // The preset is a registry layer like any other: the plan is now checked as 福建省's, with its units.
      const again = cli(['registry', 'init', '--id', '福建省', plan], {}, dir);
      assert.equal(again.status, 0, again.stderr);
      assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { regions: unknown[] }).regions.length, 1, 'replaced, not added');
      const checked = JSON.parse(cli(['check', '--format', 'json', plan], {}, dir).stdout) as JsonResult[];
      assert.deepEqual(checked[0].diagnostics.filter((d) => d.code.startsWith('agency.')), []);
    });

    it('asks for --id when the plan names no place, and writes nothing', function () {
      const dir = mkdtempSync(join(tmp, 'init-'));
      const run = cli(['registry', 'init', join(ROOT, 'test/fixtures/real/linxia-prefecture-2022.txt')], {}, dir);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /未能从标题或发文机关识别地名，请用 --id 指定地区预设的标识/);
      assert.ok(!existsSync(join(dir, '.workplan')));
    });
  });

  describe('export', function () {
    const GUANDU = 'test/fixtures/seeds/guandu-district-2020.txt';
    const HEADER = '序号,所属部分,工作任务,牵头单位,配合/责任单位,对应全国任务';

    it('--format csv --output FILE: UTF-8 with a BOM (EF BB BF), CRLF, a header and one line per task; nothing on stdout', function () {
      const file = join(tmp, 'guandu.csv');
      const run = cli(['export', '--format', 'csv', '--output', file, GUANDU]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, '');
      const bytes = readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      assert.ok(text.endsWith('\r\n'));
      const records = text.split('\r\n').slice(0, -1);
      assert.equal(records.length, 1 + 31, 'Guandu has 31 tasks');
      assert.equal(records[0], HEADER);
      assert.equal(records[4], '一、/（四）,深化重点领域和产品监管治理,加强重点市场监管,区市场监管局,区委宣传部、市公安官渡分局、区农业农村局、区商投局、区文化和旅游局,（五）加强重点市场监管');
      // CSV is the default format, and stdout gets the same bytes as the file.
      const stdout = spawnSync(process.execPath, [CLI, 'export', GUANDU], { cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
      assert.equal(stdout.status, 0);
      assert.deepEqual(stdout.stdout, bytes);
    });

    it('--format markdown to stdout: a GitHub table, one row per task; --locale en gives English headers', function () {
      const run = cli(['export', '--format', 'markdown', XIAMEN]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const rows = lines(run.stdout);
      assert.ok(rows.every((l) => l.startsWith('| ') && l.endsWith(' |')), run.stdout);
      assert.equal(rows.length, 2 + 35);
      assert.equal(rows[0], '| 序号 | 所属部分 | 工作任务 | 牵头单位 | 配合/责任单位 | 对应全国任务 |');
      assert.ok(rows.includes('| 一、/（五） | 深化重点领域治理和产品监管 | 加强重点市场监管 | 市市场监管局 | 市委宣传部、市公安局、市农业农村局、市商务局、市文旅局 | （五）加强重点市场监管 |'));
      const en = cli(['export', '--format=markdown', '--locale', 'en', XIAMEN]);
      assert.equal(en.status, 0, en.stderr);
      assert.equal(lines(en.stdout)[0], '| No. | Section | Task | Lead units | Partner / responsible units | National task |');
    });

    it('usage errors: no file, two files, a format of another command, --output outside export: exit 2, usage on stderr', function () {
      const none = cli(['export']);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /no files given/);
      assert.match(none.stderr, /workplan export \[--format csv\|markdown\|xlsx\|table-docx\|docx\] \[--locale zh-cn\|en\] \[--output FILE\|DIR\]/);
      const two = cli(['export', XIAMEN, GUANDU]);
      assert.equal(two.status, 2);
      assert.match(two.stderr, /export takes one file or folder, not 2/);
      const json = cli(['export', '--format', 'json', XIAMEN]);
      assert.equal(json.status, 2);
      assert.match(json.stderr, /--format must be csv, markdown, xlsx, table-docx or docx, not json/);
      assert.equal(json.stdout, '');
      const csvCheck = cli(['check', '--format', 'csv', XIAMEN]);
      assert.equal(csvCheck.status, 2);
      assert.match(csvCheck.stderr, /--format must be text or json, not csv/);
      const output = cli(['check', '--output', join(tmp, 'x.txt'), XIAMEN]);
      assert.equal(output.status, 2);
      assert.match(output.stderr, /unknown option: --output/);
      assert.match(output.stderr, USAGE);
      const noValue = cli(['export', XIAMEN, '--output']);
      assert.equal(noValue.status, 2);
      assert.match(noValue.stderr, /--output needs a value/);
    });

    it('an unreadable plan or an unwritable --output: exit 2 with a message, no stack trace', function () {
      const missing = cli(['export', join(tmp, 'no-such-plan.txt')]);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot read .*no-such-plan\.txt: no such file/);
      assert.equal(missing.stdout, '');
      const target = join(tmp, 'no-such-dir', 'out.csv');
      const unwritable = cli(['export', '--output', target, XIAMEN]);
      assert.equal(unwritable.status, 2);
      assert.equal(unwritable.stderr, `workplan: cannot write ${target}: no such file\n`);
      assert.equal(unwritable.stdout, '');
      assert.ok(!existsSync(target));
    });

    it('a GB18030 copy exports the same table as the UTF-8 original', function () {
      const copy = join(tmp, 'gb18030-guandu-export.txt');
      const py = spawnSync('python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))', join(ROOT, GUANDU), copy], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      const original = cli(['export', '--format', 'markdown', GUANDU]);
      const gb = cli(['export', '--format', 'markdown', copy]);
      assert.equal(gb.status, 0, gb.stderr);
      assert.equal(gb.stdout, original.stdout);
    });

    it('--help documents export', function () {
      const help = cli(['--help']).stdout;
      assert.match(help, /workplan export \[--format csv\|markdown\|xlsx\|table-docx\|docx\].*\[--national ID\|PATH\] FILE\|DIR/);
      assert.match(help, /--format csv +\(default\) UTF-8 with a byte order mark/);
      assert.match(help, /--output FILE +write to FILE instead of stdout/);
    });
  });

  describe('the workspace configuration file (.workplan/config.json)', function () {
    /** An office folder: its configuration, a drafts/ folder to run in, and Xiamen's plan copied into it. */
    const office = (config: string) => {
      const dir = mkdtempSync(join(tmp, 'office-'));
      mkdirSync(join(dir, '.workplan'));
      writeFileSync(join(dir, '.workplan', 'config.json'), config);
      mkdirSync(join(dir, 'drafts'));
      copyFileSync(join(ROOT, XIAMEN), join(dir, 'drafts', 'xiamen.txt'));
      return dir;
    };
    const codesOf = (run: Run) => (JSON.parse(run.stdout) as Array<{ diagnostics: JsonDiagnostic[] }>)[0].diagnostics.map((d) => `${d.code}:${d.severity}`);

    it('is found above the current directory; its rules, level and region apply; an option wins over it', function () {
      const dir = office('{\n  "rules": { "text.*": "off", "numbering.width": "error" },\n  "level": "district", "region": "guandu"\n}\n');
      const run = cli(['check', '--format', 'json', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.equal(run.status, 1, 'numbering.width is an error now');
      const codes = codesOf(run);
      assert.ok(!codes.some((c) => c.startsWith('text.')), codes.join(' '));
      assert.ok(codes.includes('numbering.width:1') && codes.some((c) => c.startsWith('agency.level')), codes.join(' '));
      const city = cli(['check', '--format', 'json', '--level', 'city', '--region', 'xiamen', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.ok(!codesOf(city).some((c) => c.startsWith('agency.')), codesOf(city).join(' '));
    });

    it('its nationalPlan and registry are read relative to the folder holding .workplan/; --config names another file', function () {
      const dir = office('{ "nationalPlan": "plans/parent.txt", "registry": "units.json" }');
      mkdirSync(join(dir, 'plans'));
      copyFileSync(join(ROOT, 'data/national/2020.txt'), join(dir, 'plans', 'parent.txt'));
      writeFileSync(join(dir, 'units.json'), '{ "units": [{ "name": "市知识产权服务中心", "region": "xiamen" }] }');
      const draft = join(dir, 'drafts', 'xiamen.txt');
      writeFileSync(draft, readFileSync(draft, 'utf8').replace('（市公安局负责）', '（市知识产权服务中心负责）'));
      const aligned = cli(['align', '--format', 'json', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.equal(aligned.status, 0, aligned.stderr);
      assert.equal((JSON.parse(aligned.stdout) as { national: string }).national, 'parent');
      const checked = cli(['check', '--format', 'json', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.ok(!codesOf(checked).some((c) => c.startsWith('agency.unknown')), codesOf(checked).join(' '));
      // Elsewhere, the same file named with --config.
      const named = cli(['check', '--format', 'json', '--config', join(dir, '.workplan', 'config.json'), draft], {}, tmp);
      assert.ok(!codesOf(named).some((c) => c.startsWith('agency.unknown')), codesOf(named).join(' '));
    });

    it('an unknown region in the file: the message names the file', function () {
      const dir = office('{ "region": "atlantis" }');
      const run = cli(['check', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.equal(run.status, 2);
      assert.ok(run.stderr.startsWith(`workplan: 工作区配置文件 ${join(dir, '.workplan', 'config.json')} 中的地区“atlantis”不存在`), run.stderr);
    });

    it('a broken file: one message with its line and column on stderr, exit 2, the plans still checked', function () {
      const dir = office('{\n  "rules": { "numbering.gapp": "off" }\n}\n');
      const run = cli(['check', 'xiamen.txt'], {}, join(dir, 'drafts'));
      assert.equal(run.status, 2);
      assert.match(run.stderr, /config\.json 第 2 行第 3 列有误，已忽略该文件：rules\.numbering\.gapp is not a diagnostic code/);
      assert.match(run.stdout, /text\.broken-line/);
    });
  });

  describe('the built-in data next to the bundle', function () {
    it('a region preset dropped into data/registry/regions/ is known, named in --help and in the messages, with no code changed', function () {
      // A copy of the installed CLI: dist/cli.js and data/ beside it, as the .vsix and the npm package lay them out.
      const install = mkdtempSync(join(tmp, 'install-'));
      mkdirSync(join(install, 'dist'));
      copyFileSync(CLI, join(install, 'dist', 'cli.js'));
      cpSync(join(ROOT, 'data'), join(install, 'data'), { recursive: true });
      const preset = { regions: [{ id: 'wuhou', name: '武侯区', level: 'district', detect: ['武侯区'], units: [{ name: '区市场监管局', fullName: '成都市武侯区市场监督管理局' }] }] };
      writeFileSync(join(install, 'data', 'registry', 'regions', 'wuhou.json'), JSON.stringify(preset));
      const copied = join(install, 'dist', 'cli.js');
      const run = (args: string[]) => spawnSync(process.execPath, [copied, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' } });
      assert.match(run(['--help']).stdout, /--region +region preset id \([^)]*\bwuhou\b/);
      const plan = join(tmp, 'wuhou.txt');
      writeFileSync(plan, '武侯区2024年打击侵犯知识产权和制售假冒伪劣商品工作要点\n\n一、总体要求\n\n（一）加强市场监管。（区市场监管局负责）\n');
      const checked = run(['check', '--format', 'json', '--region', 'wuhou', plan]);
      assert.equal(checked.stderr, '');
      const codes = (JSON.parse(checked.stdout) as JsonResult[])[0].diagnostics.map((d) => d.code);
      assert.ok(!codes.includes('agency.unknown'), codes.join(' '));
      assert.match(run(['check', '--region', 'atlantis', plan]).stderr, /可用：[^）]*\bwuhou\b/);
      assert.doesNotMatch(cli(['--help']).stdout, /wuhou/, 'the repository’s own data is unchanged');
    });
  });
});
