import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseWorkspaceConfig } from '../../server/src/service';
import { RULES_BY_CODE } from '../../server/src/service/rules';
import { freshDoc, loadSeed, nationalService, REPO_ROOT } from './util';

/** `.workplan/config.json`: what it accepts, what it refuses (with line and column), and its JSON schema. */

describe('the workspace configuration file', () => {
  it('accepts every field, with comments and trailing commas; level auto is the same as none', () => {
    const text = `{
      // the office's rules
      "level": "district", "region": "guandu",
      "registry": "units/registry.json", "nationalPlan": "national-2020",
      "rules": { "text.*": "off", "numbering.width": "error", },
    }`;
    assert.deepStrictEqual(parseWorkspaceConfig(text), {
      config: { level: 'district', region: 'guandu', registry: 'units/registry.json', nationalPlan: 'national-2020', rules: { 'text.*': 'off', 'numbering.width': 'error' } },
    });
    assert.deepStrictEqual(parseWorkspaceConfig('{ "level": "auto" }'), { config: {} });
    assert.deepStrictEqual(parseWorkspaceConfig('{}'), { config: {} });
  });

  it('refuses what it cannot use, naming the field, line and column', () => {
    const cases: Array<[string, RegExp, number]> = [
      ['{\n  "rules": { "numbering.gapp": "off" }\n}', /rules\.numbering\.gapp is not a diagnostic code/, 2],
      ['{\n  "rules": { "numbering.gap": "loud" }\n}', /rules\.numbering\.gap must be one of error, warning, information, hint, off/, 2],
      ['{\n\n  "level": "village"\n}', /level must be one of auto, national/, 3],
      ['{ "region": "" }', /region must be a non-empty string/, 1],
      ['[1, 2]', /the configuration file must be an object/, 1],
      ['{\n  "level": "city"\n  "region": "xiamen"\n}', /JSON syntax error/, 3],
    ];
    for (const [text, error, line] of cases) {
      const result = parseWorkspaceConfig(text);
      assert.ok('error' in result, text);
      assert.match(result.error, error);
      assert.strictEqual(result.line, line, text);
    }
  });

  it('a group entry (text.*) sets the severity of every rule of the group; a code’s own entry wins', () => {
    const svc = nationalService();
    const doc = freshDoc(loadSeed('xiamen-city-2020'));
    const codes = (severities: Record<string, string>) => svc.computeDiagnostics(doc, { severities }).map((d) => `${d.code}:${d.severity}`);
    assert.ok(codes({}).some((c) => c.startsWith('text.')));
    assert.ok(!codes({ 'text.*': 'off' }).some((c) => c.startsWith('text.')));
    const mixed = codes({ 'text.*': 'off', 'text.broken-line': 'hint' });
    assert.ok(mixed.includes('text.broken-line:4') && !mixed.some((c) => c.startsWith('text.page-marker')));
  });

  it('its JSON schema (data/config.schema.json, used by VS Code) lists exactly the rule codes and groups', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data', 'config.schema.json'), 'utf8')) as {
      properties: { rules: { propertyNames: { enum: string[] } }; level: { enum: string[] } };
    };
    const codes = [...RULES_BY_CODE.keys()];
    const groups = [...new Set(codes.map((c) => `${c.split('.')[0]}.*`))];
    assert.deepStrictEqual(new Set(schema.properties.rules.propertyNames.enum), new Set([...codes, ...groups]));
    assert.deepStrictEqual(schema.properties.level.enum, ['auto', 'national', 'province', 'city', 'district', 'county', 'zone']);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    assert.ok(manifest.contributes.jsonValidation.some((v) => v.fileMatch === '.workplan/config.json' && v.url === './data/config.schema.json'));
  });
});
