import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import {
  addUnitToRegistryText, createLanguageService, parseRegistryFile, registryErrorMessage, type DiagnosticData, type RegistryLayer,
} from '../../server/src/service';
import { Registry } from '../../server/src/service/registry/registry';
import { freshDoc, joinLines, loadSeed, REPO_ROOT, withCursor } from './util';

/**
 * The registry: built-in layers, region presets and the workspace file,
 * merged in that order; the workspace file's reading and writing.
 */

function serviceWith(...extra: RegistryLayer[]) {
  return createLanguageService({ locale: 'zh-cn', registry: [...BUILTIN_REGISTRY, ...extra] });
}

function agencyProblems(text: string, s = serviceWith()) {
  return s.computeDiagnostics(freshDoc(text)).filter((d) => /^(agency|clause)\./.test(d.code));
}

const plan = (title: string, ...clauses: string[]) =>
  joinLines(title, '', '一、总体要求', '', ...clauses.flatMap((c, i) => [`（${'一二三四五六七八九十'[i]}）加强监管，严厉打击侵权假冒违法行为。${c}`, '']));
const XIAMEN_TITLE = '2020年厦门市打击侵犯知识产权和制售假冒伪劣商品工作要点';
const GUANDU_TITLE = '官渡区2020年打击侵犯知识产权和制售假冒伪劣商品工作要点';

describe('registry', () => {
  describe('built-in data', () => {
    it('every file in data/registry reads as a registry layer, and the built-in layers are those files', () => {
      const dir = path.join(REPO_ROOT, 'data', 'registry');
      const files = [...fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')), ...fs.readdirSync(path.join(dir, 'regions')).map((f) => `regions/${f}`)];
      assert.ok(files.length >= 6);
      for (const f of files) {
        const result = parseRegistryFile(fs.readFileSync(path.join(dir, f), 'utf8'));
        assert.ok('layer' in result, `${f}: ${JSON.stringify(result)}`);
      }
      assert.strictEqual(BUILTIN_REGISTRY.length, files.length);
    });

    it('holds the national agencies of the 2020 plan with full names, and the region presets of data/registry/regions', () => {
      const registry = new Registry(BUILTIN_REGISTRY);
      for (const name of ['中央宣传部', '公安部', '市场监管总局', '高法院', '高检院', '网信办', '林草局', '全国打击侵权假冒工作领导小组办公室']) {
        assert.ok(registry.nationalAgency(name), name);
      }
      assert.strictEqual(registry.nationalAgency('市场监管总局')!.fullName, '国家市场监督管理总局');
      assert.strictEqual(registry.nationalAgency('高法院')!.fullName, '最高人民法院');
      const presets = fs.readdirSync(path.join(REPO_ROOT, 'data', 'registry', 'regions')).map((f) => parseRegistryFile(fs.readFileSync(path.join(REPO_ROOT, 'data', 'registry', 'regions', f), 'utf8')));
      const ids = presets.flatMap((r) => ('layer' in r ? (r.layer.regions ?? []).map((p) => p.id) : []));
      assert.ok(ids.length >= 4);
      assert.deepStrictEqual(registry.regions.map((r) => r.id).sort(), ids.sort());
    });
  });

  describe('layers', () => {
    it('a workspace unit for a region is a unit of that region only', () => {
      const layer: RegistryLayer = { units: [{ name: '市知识产权服务中心', region: 'xiamen' }] };
      const xiamen = plan(XIAMEN_TITLE, '（市知识产权服务中心负责）', '（市公安局负责）');
      assert.deepStrictEqual(agencyProblems(xiamen).map((d) => d.code), ['agency.unknown']);
      assert.deepStrictEqual(agencyProblems(xiamen, serviceWith(layer)), []);
      const nantong = plan('南通市2017年知识产权保护工作要点', '（市知识产权服务中心负责）', '（市公安局负责）');
      assert.deepStrictEqual(agencyProblems(nantong, serviceWith(layer)).map((d) => d.message), ['单位“市知识产权服务中心”属于其他地区'], 'not in Nantong');
    });

    it('a workspace unit for a level is a unit of every plan of that level; one with neither, of every plan', () => {
      const layer: RegistryLayer = { units: [{ name: '区融媒体中心', level: 'district' }, { name: '新闻传媒中心' }] };
      const s = serviceWith(layer);
      assert.deepStrictEqual(agencyProblems(plan(GUANDU_TITLE, '（区融媒体中心、新闻传媒中心负责）', '（区商投局负责）'), s), []);
      const city = agencyProblems(plan(XIAMEN_TITLE, '（区融媒体中心、新闻传媒中心负责）', '（市公安局负责）'), s);
      assert.deepStrictEqual(city.map((d) => d.message.match(/“(.+?)”/)![1]), ['区融媒体中心'], 'a district unit is no unit of a city plan');
    });

    it('a later layer overrides the fields of a unit of the same name', () => {
      const layer: RegistryLayer = { national: [{ name: '公安部', fullName: '中华人民共和国公安部（测试）' }] };
      const text = loadSeed('xiamen-city-2020');
      const { position } = withCursor(text.replace('（市公安局负责）', '（市公|安局负责）'));
      const hover = serviceWith(layer).getHover(freshDoc(text), position);
      assert.ok(hover?.contents.value.includes('公安部（中华人民共和国公安部（测试））'), hover?.contents.value);
    });

    it("a region preset's replacedCores: Guandu names 市公安官渡分局 and 区商投局, so 区公安局 and 区商务局 are unknown there with those as first suggestion", () => {
      const text = plan(GUANDU_TITLE, '（区公安局负责）', '（区商务局负责）', '（公安部负责）');
      const ds = agencyProblems(text);
      assert.deepStrictEqual(ds.map((d) => `${d.code} ${(d.data as DiagnosticData).suggestions?.[0] ?? (d.data as DiagnosticData).fixes?.[0]?.edit.newText}`), [
        'agency.unknown 市公安官渡分局',
        'agency.unknown 区商投局',
        'agency.national-in-local 市公安官渡分局',
      ]);
      // In a city plan of no region the same cores are plain units.
      assert.deepStrictEqual(agencyProblems(plan('2020年某市工作要点', '（市公安局负责）', '（市商务局负责）')), []);
    });

    it('a region preset added by the workspace: detected by its words, with its own units and replaced cores', () => {
      const layer: RegistryLayer = {
        regions: [{
          id: 'ceshi', name: '测试县', level: 'county', detect: ['测试县'],
          units: [{ name: '市公安测试分局', national: ['公安部'], scope: 'upper' }, { name: '测试海关', national: ['海关总署'], scope: 'vertical' }],
          replacedCores: { 公安局: '市公安测试分局' },
        }],
      };
      const s = serviceWith(layer);
      const text = plan('2021年测试县打击侵权假冒工作要点', '（市公安测试分局、测试海关、县市场监管局按职责分工负责）', '（县公安局负责）', '（公安部负责）');
      const context = s.getContext(freshDoc(text));
      assert.deepStrictEqual([context.level, context.region, context.source], ['county', 'ceshi', 'title']);
      const ds = agencyProblems(text, s);
      assert.deepStrictEqual(ds.map((d) => d.code), ['agency.unknown', 'agency.national-in-local']);
      assert.strictEqual((ds[0].data as DiagnosticData).suggestions![0], '市公安测试分局');
      assert.strictEqual((ds[1].data as DiagnosticData).fixes![0].edit.newText, '市公安测试分局');
      // Without the layer the county plan knows the customs by its form ({place}海关), not the city bureau's branch.
      assert.deepStrictEqual(agencyProblems(text).map((d) => `${d.code} ${d.message}`), [
        'agency.unknown 未登记的单位“市公安测试分局”：如确为本地单位，可加入工作区注册表',
        'agency.national-in-local 地方工作要点中出现国家部门“公安部”：应为本地对应单位“县公安局”',
      ]);
    });

    it('configure() replaces the layers: a unit added later is known from then on', () => {
      const s = serviceWith();
      const text = plan(XIAMEN_TITLE, '（市知识产权服务中心负责）', '（市公安局负责）');
      const doc = freshDoc(text);
      assert.strictEqual(agencyProblems(text, s).length, 1);
      s.configure({ registry: [...BUILTIN_REGISTRY, { units: [{ name: '市知识产权服务中心', region: 'xiamen' }] }] });
      assert.deepStrictEqual(s.computeDiagnostics(doc).filter((d) => d.code.startsWith('agency.')), []);
    });
  });

  describe('the workspace file', () => {
    it('a JSON syntax error is reported with its line and column', () => {
      const text = '{\n  "units": [\n    {"name": "市甲局"}\n    {"name": "市乙局"}\n  ]\n}\n';
      const result = parseRegistryFile(text);
      assert.ok('error' in result);
      assert.deepStrictEqual([result.line, result.column], [4, 5], 'at the second entry, where the comma is missing');
      assert.match(result.error, /syntax/i);
      const shown = registryErrorMessage('zh-cn', '/w/.workplan/registry.json', result);
      assert.ok(shown.includes('/w/.workplan/registry.json') && shown.includes('第 4 行第 5 列') && shown.includes('内置注册表'), shown);
      assert.ok(registryErrorMessage('en', 'r.json', result).includes('line 4, column 5'));
      assert.ok('error' in parseRegistryFile(''), 'an empty file');
      assert.ok('error' in parseRegistryFile('{"units": [}'));
    });

    it('a wrong shape is reported with the path of the bad value and where it is', () => {
      const bad = parseRegistryFile('{\n  // our units\n  "units": [{"name": 3}]\n}');
      assert.ok('error' in bad);
      assert.match(bad.error, /units\[0\]\.name/);
      assert.deepStrictEqual([bad.line, bad.column], [3, 3]);
      const level = parseRegistryFile('{\n  "regions": [{"id": "x", "name": "X", "level": "town", "detect": [], "units": []}]\n}');
      assert.ok('error' in level);
      assert.match(level.error, /regions\[0\]\.level/);
      const scope = parseRegistryFile('{"units": [{"name": "市甲局", "scope": "global"}]}');
      assert.ok('error' in scope && /units\[0\]\.scope/.test(scope.error));
    });

    it('a file that is not an object says so in words, not with an empty path', () => {
      const result = parseRegistryFile('[]');
      assert.ok('error' in result);
      assert.match(result.error, /^\S/, `the message starts with what is wrong: ${JSON.stringify(result.error)}`);
    });

    it('comments and trailing commas are allowed', () => {
      const result = parseRegistryFile('{\n  // 本地单位\n  "units": [\n    {"name": "市甲局", "region": "xiamen"}, /* 新设 */\n  ],\n}\n');
      assert.ok('layer' in result, JSON.stringify(result));
      assert.deepStrictEqual(result.layer.units, [{ name: '市甲局', region: 'xiamen' }]);
    });

    it('adding a unit when there is no file creates one that reads back', () => {
      for (const unit of [{ name: '市乙局', level: 'city', region: 'xiamen' }, { name: '市乙局', level: 'city' }]) {
        const text = addUnitToRegistryText(undefined, unit);
        const result = parseRegistryFile(text);
        assert.ok('layer' in result, text);
        assert.deepStrictEqual(result.layer, { units: [unit.region ? { name: '市乙局', region: 'xiamen' } : { name: '市乙局', level: 'city' }] });
        assert.ok(text.endsWith('\n'));
      }
      assert.deepStrictEqual((parseRegistryFile(addUnitToRegistryText('  \n', { name: '市乙局' })) as { layer: RegistryLayer }).layer, { units: [{ name: '市乙局' }] });
    });

    it('adding a unit keeps what the file holds: other keys, units and comments', () => {
      const before = joinLines(
        '{',
        '  // 本地单位，由办公室维护',
        '  "placeholders": ["有关方面"],',
        '  "units": [',
        '    // 新设机构',
        '    {"name": "市知识产权服务中心", "region": "xiamen"}',
        '  ]',
        '}',
        '',
      );
      const after = addUnitToRegistryText(before, { name: '市乙局', level: 'city', region: 'xiamen' });
      const result = parseRegistryFile(after);
      assert.ok('layer' in result, after);
      assert.deepStrictEqual(result.layer, { placeholders: ['有关方面'], units: [{ name: '市知识产权服务中心', region: 'xiamen' }, { name: '市乙局', region: 'xiamen' }] });
      for (const line of ['  // 本地单位，由办公室维护', '  "placeholders": ["有关方面"],', '    // 新设机构']) assert.ok(after.includes(line), `keeps ${line}:\n${after}`);
      // A file with other keys and no units gets a units list.
      const noUnits = addUnitToRegistryText('{\n  "placeholders": []\n}\n', { name: '市乙局', level: 'city' });
      assert.deepStrictEqual((parseRegistryFile(noUnits) as { layer: RegistryLayer }).layer, { placeholders: [], units: [{ name: '市乙局', level: 'city' }] });
    });

    it('adding a unit leaves the existing entries as written, each with its own trailing comment', () => {
      const before = joinLines('{', '  "units": [', '    {"name": "市甲局", "region": "xiamen"} // 甲局：2021年新设', '  ]', '}', '');
      const after = addUnitToRegistryText(before, { name: '市乙局', level: 'city', region: 'xiamen' });
      const line = after.split('\n').find((l) => l.includes('// 甲局'));
      assert.ok(line && line.includes('{"name": "市甲局", "region": "xiamen"}'), `the comment on 市甲局 stays on 市甲局's line as written:\n${after}`);
    });
  });
});
