import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY } from '../../server/src/builtinData';
import { cliFolder, readWorkspace, regionIds, type ExplicitSettings, type WorkspaceInput } from '../../server/src/workspace';
import { loadSeed, REPO_ROOT } from './util';

/**
 * The one workspace setup of the server and the CLI (server/src/workspace.ts),
 * on folders written for each case: what wins over what, where paths are
 * read from, the parent plan's encodings, and the problems it reports.
 */

const SERVER_NAMES = { kind: 'setting', region: 'workplan.region', nationalPlan: 'workplan.nationalPlan' } as const;
const CLI_NAMES = { kind: 'option', region: '--region', nationalPlan: '--national' } as const;
const NATIONAL = loadSeed('national-2020');

/** The national plan as Chinese Windows tools save it; Node encodes no GB18030, Python does. */
function gb18030(text: string): Buffer {
  const run = spawnSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'], { input: Buffer.from(text) });
  assert.strictEqual(run.status, 0, String(run.stderr));
  return run.stdout;
}

describe('the workspace setup (server/src/workspace.ts)', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'workplan-workspace-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A folder with the given files (path → text or bytes). */
  const folder = (files: Record<string, string | Buffer> = {}) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'ws-'));
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };
  const read = (dir: string, settings: ExplicitSettings = {}, more: Partial<WorkspaceInput> = {}) =>
    readWorkspace({ folder: dir, base: dir, settings, names: SERVER_NAMES, locale: 'zh-cn', trusted: true, ...more });

  it('without a folder: the built-in data only, no problem', () => {
    const ws = readWorkspace({ settings: {}, names: SERVER_NAMES, locale: 'zh-cn', trusted: true });
    assert.deepStrictEqual(ws.configuration.registry, BUILTIN_REGISTRY);
    assert.deepStrictEqual(ws.configuration.nationalPlans, BUILTIN_NATIONAL_PLANS);
    assert.deepStrictEqual([ws.problems, ws.registryFile, ws.configuration.national], [[], undefined, undefined]);
  });

  it('the configuration file fills in what is not set explicitly; its paths are read from the folder holding .workplan/', () => {
    const dir = folder({
      '.workplan/config.json': '{ "level": "district", "region": "guandu", "registry": "units.json", "nationalPlan": "plans/parent.txt", "rules": { "text.*": "off" } }',
      'units.json': '{ "units": [{ "name": "区知识产权服务中心", "region": "guandu" }] }',
      'plans/parent.txt': NATIONAL,
    });
    const ws = read(dir);
    assert.deepStrictEqual(ws.problems, []);
    assert.deepStrictEqual([ws.configuration.level, ws.configuration.region, ws.configuration.national], ['district', 'guandu', 'parent']);
    assert.deepStrictEqual(ws.configRules, { 'text.*': 'off' });
    assert.strictEqual(ws.registryFile, path.join(dir, 'units.json'));
    assert.deepStrictEqual(ws.configuration.registry.at(-1), { units: [{ name: '区知识产权服务中心', region: 'guandu' }] });
    assert.strictEqual(ws.nationalPlan, 'plans/parent.txt');

    const explicit = read(dir, { level: 'city', region: 'xiamen', nationalPlan: 'national-2020' });
    assert.deepStrictEqual([explicit.configuration.level, explicit.configuration.region, explicit.configuration.national], ['city', 'xiamen', 'national-2020']);
    assert.deepStrictEqual(explicit.configuration.nationalPlans, BUILTIN_NATIONAL_PLANS);
  });

  it('explicit relative paths are read from the base (the CLI’s current directory), the configuration file’s from the folder', () => {
    const dir = folder({ '.workplan/config.json': '{ "nationalPlan": "parent.txt" }', 'parent.txt': NATIONAL, 'drafts/mine.txt': NATIONAL });
    const cwd = path.join(dir, 'drafts');
    assert.strictEqual(read(dir, {}, { base: cwd }).configuration.national, 'parent');
    assert.strictEqual(read(dir, { nationalPlan: 'mine.txt' }, { base: cwd }).configuration.national, 'mine');
  });

  it('a parent plan in GB18030 or UTF-16 is decoded as drafts are; one named like a built-in plan replaces it', () => {
    const dir = folder({ 'gb.txt': gb18030(NATIONAL), 'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NATIONAL, 'utf16le')]), 'national-2020.txt': NATIONAL.replace('加强重点市场监管', '加强农贸市场监管') });
    for (const file of ['gb.txt', 'utf16.txt']) {
      const ws = read(dir, { nationalPlan: file });
      assert.deepStrictEqual(ws.problems, [], file);
      const own = ws.configuration.nationalPlans.find((p) => p.id === ws.configuration.national);
      assert.strictEqual(own?.text, NATIONAL, file);
      assert.strictEqual(own?.uri, pathToFileURL(path.join(dir, file)).href);
    }
    const replaced = read(dir, { nationalPlan: 'national-2020.txt' }).configuration.nationalPlans;
    assert.deepStrictEqual(replaced.map((p) => p.id), BUILTIN_NATIONAL_PLANS.map((p) => p.id));
    assert.ok(replaced.find((p) => p.id === 'national-2020')?.text.includes('加强农贸市场监管'));
  });

  it('an untrusted workspace: no configuration file, registry file or parent plan is read', () => {
    const dir = folder({ '.workplan/config.json': '{ "region": "guandu", "rules": { "text.*": "off" } }', '.workplan/registry.json': '{ "units": [] }', 'parent.txt': NATIONAL });
    const ws = read(dir, { nationalPlan: 'parent.txt' }, { trusted: false });
    assert.deepStrictEqual([ws.problems, ws.configRules, ws.registryFile, ws.configuration.region, ws.configuration.national], [[], {}, undefined, undefined, undefined]);
    assert.deepStrictEqual(ws.configuration.registry, BUILTIN_REGISTRY);
  });

  it('an unknown region: one localized problem naming where it was set and the known ids; the region is detected instead', () => {
    const dir = folder({ '.workplan/config.json': '{ "region": "atlantis" }' });
    const known = regionIds(BUILTIN_REGISTRY).join(', ');
    const fromConfig = read(dir);
    assert.strictEqual(fromConfig.configuration.region, undefined);
    assert.deepStrictEqual(fromConfig.problems, [
      { kind: 'region', message: `工作区配置文件 ${path.join(dir, '.workplan', 'config.json')} 中的地区“atlantis”不存在（可用：${known}），已改为自动识别。` },
    ]);
    assert.deepStrictEqual(read(dir, { region: 'utopia' }).problems.map((p) => p.message), [`设置 workplan.region 中的地区“utopia”不存在（可用：${known}），已改为自动识别。`]);
    const cli = read(dir, { region: 'utopia' }, { names: CLI_NAMES, locale: 'en' });
    assert.deepStrictEqual(cli.problems.map((p) => p.message), [`Region “utopia” in --region is not defined (known: ${known}); detecting the region instead.`]);
  });

  it('a region of the workspace registry file is known', () => {
    const dir = folder({ '.workplan/registry.json': JSON.stringify({ regions: [{ id: 'wuhou', name: '武侯区', level: 'district', detect: ['武侯区'], units: [] }] }) });
    const ws = read(dir, { region: 'wuhou' });
    assert.deepStrictEqual([ws.problems, ws.configuration.region], [[], 'wuhou']);
  });

  it('files named explicitly must exist; the default ones and those the configuration file names may be absent', () => {
    const dir = folder({ '.workplan/config.json': '{ "registry": "later.json" }' });
    const quiet = read(dir);
    assert.deepStrictEqual([quiet.problems, quiet.registryFile], [[], path.join(dir, 'later.json')]);
    const registry = read(dir, { registry: 'units.json' });
    assert.deepStrictEqual(registry.problems.map((p) => p.kind), ['registry']);
    assert.match(registry.problems[0].message, /units\.json 第 1 行第 1 列有误：no such file/);
    const config = readWorkspace({ folder: dir, configFile: path.join(dir, 'other.json'), settings: {}, names: CLI_NAMES, locale: 'en', trusted: true });
    assert.deepStrictEqual(config.problems.map((p) => p.kind), ['config']);
    assert.match(config.problems[0].message, /other\.json cannot be used \(line 1, column 1\); it is ignored: no such file/);
  });

  it('a parent plan that cannot be used: unknown id, missing file, directory, no tasks; each one problem, the built-in plans kept', () => {
    const dir = folder({ 'notes.txt': '会议纪要\n\n今天讨论了打击侵权假冒工作。\n', 'plans/.keep': '' });
    const cases: Array<[string, RegExp]> = [
      ['national-2019', /^选项 --national 指定的上级工作要点“national-2019”既不是内置工作要点（national-2020），也不是文件。/],
      ['plans/2021.txt', /^无法读取选项 --national 指定的上级工作要点：.*2021\.txt: no such file。改用内置全国工作要点。$/],
      ['plans', /: is a directory。/],
      ['notes.txt', /notes\.txt 不是工作要点/],
    ];
    for (const [value, expected] of cases) {
      const ws = read(dir, { nationalPlan: value }, { names: CLI_NAMES });
      assert.deepStrictEqual(ws.problems.map((p) => p.kind), ['nationalPlan'], value);
      assert.match(ws.problems[0].message, expected);
      assert.deepStrictEqual([ws.configuration.nationalPlans, ws.configuration.national], [BUILTIN_NATIONAL_PLANS, undefined], value);
    }
  });

  it('the CLI’s folder: the nearest one above holding .workplan/config.json, that of --config, else the current directory', () => {
    const dir = folder({ '.workplan/config.json': '{}', 'a/b/plan.txt': '', 'elsewhere/cfg.json': '{}' });
    assert.strictEqual(cliFolder(path.join(dir, 'a', 'b')), dir);
    assert.strictEqual(cliFolder(tmp, path.join(dir, '.workplan', 'config.json')), dir);
    assert.strictEqual(cliFolder(dir, 'elsewhere/cfg.json'), path.join(dir, 'elsewhere'));
    assert.strictEqual(cliFolder(tmp), tmp);
  });

  it('the built-in region presets are the files of data/registry/regions/', () => {
    const dir = path.join(REPO_ROOT, 'data', 'registry', 'regions');
    const ids = fs.readdirSync(dir).sort().flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { regions: Array<{ id: string }> }).regions.map((r) => r.id));
    assert.ok(ids.length > 0);
    assert.deepStrictEqual(regionIds(BUILTIN_REGISTRY), ids);
  });
});
