// Every user-facing string exists in Chinese and English, on both sides:
// - the client (client/src/messageTable.ts, English source strings, and the
//   VS Code l10n bundles in l10n/),
// - the package.json contributions (package.nls.json, package.nls.zh-cn.json),
// - the server (MESSAGES in service/l10n.ts and the rule table in service/rules.ts).
// A missing, empty, stale or untranslated entry, or placeholders that differ
// between the languages, fails here rather than showing up as an English (or
// `{name}`) string in a Chinese editor.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES as CLIENT_MESSAGES } from '../../client/src/messageTable';
import { MESSAGES as SERVER_MESSAGES } from '../../server/src/service/l10n';
import { RULES } from '../../server/src/service/rules';

const root = join(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** A flat JSON object of strings; fails on a duplicate key, which JSON.parse would silently drop. */
function readStringTable(path: string): Record<string, string> {
  const text = read(path);
  const table: unknown = JSON.parse(text);
  assert.ok(table && typeof table === 'object' && !Array.isArray(table), `${path} is not a JSON object`);
  const keys = [...text.matchAll(/^\s*("(?:[^"\\]|\\.)*")\s*:/gm)].map((m) => JSON.parse(m[1]!) as string);
  const seen = new Set<string>();
  const duplicates = keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  assert.deepEqual(duplicates, [], `${path} has duplicate keys`);
  for (const [key, value] of Object.entries(table)) {
    assert.equal(typeof value, 'string', `${path}: "${key}" is not a string`);
  }
  return table as Record<string, string>;
}

/** The `{name}` / `{0}` placeholders of a message, sorted and without repeats. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!))].sort();
}

const HAN = /\p{Script=Han}/u;

/**
 * Chinese strings that legitimately contain no Han character (a code or a
 * name only), as `table: key`. Empty today; add an entry only with a reason.
 */
const NO_HAN_ALLOWED = new Set<string>([]);

/** Non-empty, with Han characters (unless allowed), different from the English. */
function checkChinese(table: string, key: string, zh: string | undefined, en: string | undefined): void {
  assert.ok(zh !== undefined && zh.trim() !== '', `${table}: "${key}" has no Chinese text`);
  assert.ok(en !== undefined && en.trim() !== '', `${table}: "${key}" has no English text`);
  if (!NO_HAN_ALLOWED.has(`${table}: ${key}`)) {
    assert.match(zh, HAN, `${table}: the Chinese text of "${key}" has no Chinese characters: ${JSON.stringify(zh)}`);
  }
  assert.notEqual(zh, en, `${table}: "${key}" has the same text in Chinese and English`);
  assert.deepEqual(placeholders(zh), placeholders(en), `${table}: "${key}" has different placeholders in Chinese and English`);
}

function difference(a: Iterable<string>, b: Iterable<string>): string[] {
  const bs = new Set(b);
  return [...a].filter((x) => !bs.has(x)).sort();
}

describe('localisation: every string in Chinese and English', () => {
  describe('client (messageTable.ts and l10n/ bundles)', () => {
    const english = Object.entries(CLIENT_MESSAGES) as [string, string][];
    const zhBundle = readStringTable('l10n/bundle.l10n.zh-cn.json');

    it('has distinct, non-empty English source strings (the English string is the bundle key)', () => {
      assert.ok(english.length > 0);
      const byText = new Map<string, string>();
      for (const [key, en] of english) {
        assert.ok(en.trim() !== '', `${key} is empty`);
        const other = byText.get(en);
        assert.equal(other, undefined, `${key} and ${other} share the English string ${JSON.stringify(en)}`);
        byText.set(en, key);
      }
    });

    it('has only named or numbered placeholders, which vscode.l10n.t fills', () => {
      for (const [key, en] of english) {
        const stray = en.replace(/\{\w+\}/g, '').match(/[{}]/);
        assert.equal(stray, null, `${key}: a brace that is not a placeholder: ${JSON.stringify(en)}`);
      }
    });

    it('has a Chinese translation of every English string in l10n/bundle.l10n.zh-cn.json', () => {
      const missing = difference(english.map(([, en]) => en), Object.keys(zhBundle));
      assert.deepEqual(missing, [], 'English strings without a Chinese translation');
      for (const [key, en] of english) checkChinese('l10n/bundle.l10n.zh-cn.json', key, zhBundle[en], en);
    });

    it('has no stale entries in the bundles', () => {
      const sources = english.map(([, en]) => en);
      for (const file of readdirSync(join(root, 'l10n')).filter((f) => /^bundle\.l10n\..*json$/.test(f))) {
        const stale = difference(Object.keys(readStringTable(`l10n/${file}`)), sources);
        assert.deepEqual(stale, [], `l10n/${file}: entries that are no English string of messageTable.ts`);
      }
    });

    it('has an English default bundle equal to the table (l10n/bundle.l10n.json)', () => {
      const defaults = readStringTable('l10n/bundle.l10n.json');
      assert.deepEqual(defaults, Object.fromEntries(english.map(([, en]) => [en, en])));
    });

    it('uses every key, and passes exactly its placeholders at each t(key, args) call', () => {
      const dir = join(root, 'client/src');
      const sources = readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && f !== 'messageTable.ts')
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n');
      const unused = english.map(([key]) => key).filter((key) => !sources.includes(`'${key}'`));
      assert.deepEqual(unused, [], 'keys no client source names');
      const table = CLIENT_MESSAGES as Record<string, string>;
      let calls = 0;
      for (const m of sources.matchAll(/\bt\('([\w.]+)'(?:,\s*\{([^}]*)\})?\)/g)) {
        const [call, key, args] = m;
        assert.ok(key! in table, `${call}: no such key`);
        const names = args === undefined ? [] : [...args.matchAll(/(?:^|,)\s*(\w+)\s*(?::|,|$)/g)].map((a) => a[1]!);
        assert.deepEqual([...new Set(names)].sort(), placeholders(table[key!]!), `${call}: arguments differ from the placeholders`);
        calls++;
      }
      assert.ok(calls > 0, 'no t(key) calls found in client/src');
    });

    it('is declared in package.json ("l10n": "./l10n") and packaged (.vscodeignore)', () => {
      const pkg = JSON.parse(read('package.json')) as { l10n?: string };
      assert.equal(pkg.l10n?.replace(/\/$/, ''), './l10n', 'package.json needs "l10n": "./l10n", or VS Code loads no bundle');
      const ignore = read('.vscodeignore').split(/\r?\n/).map((l) => l.trim());
      assert.ok(
        ignore.some((l) => /^!\.?\/?l10n(\/|$)/.test(l)),
        '.vscodeignore excludes everything but an allow-list: it needs !l10n/** so the bundles are packaged',
      );
    });
  });

  describe('package.json contributions (package.nls*.json)', () => {
    const pkg: unknown = JSON.parse(read('package.json'));
    const used = new Set<string>();
    (function walk(value: unknown): void {
      if (typeof value === 'string') {
        const m = /^%(.+)%$/.exec(value);
        if (m) used.add(m[1]!);
      } else if (value && typeof value === 'object') {
        for (const v of Object.values(value)) walk(v);
      }
    })(pkg);
    const en = readStringTable('package.nls.json');
    const zh = readStringTable('package.nls.zh-cn.json');

    it('has every %key% of package.json in both languages', () => {
      assert.ok(used.size > 0);
      assert.deepEqual(difference(used, Object.keys(en)), [], 'missing in package.nls.json');
      assert.deepEqual(difference(used, Object.keys(zh)), [], 'missing in package.nls.zh-cn.json');
    });

    it('has the same keys in both files and none that package.json does not use', () => {
      assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'package.nls.json and package.nls.zh-cn.json differ in keys');
      assert.deepEqual(difference(Object.keys(en), used), [], 'unused keys in package.nls.json');
    });

    it('has non-empty Chinese and English text for every key', () => {
      for (const key of Object.keys(en)) checkChinese('package.nls', key, zh[key], en[key]);
    });
  });

  describe('server (MESSAGES of service/l10n.ts, RULES of service/rules.ts)', () => {
    it('has every message in zh-cn and en with the same placeholders', () => {
      const entries = Object.entries(SERVER_MESSAGES);
      assert.ok(entries.length > 0);
      for (const [key, text] of entries) {
        assert.deepEqual(Object.keys(text).sort(), ['en', 'zh-cn'], `${key}: languages`);
        checkChinese('server MESSAGES', key, text['zh-cn'], text.en);
      }
    });

    it('has every rule message in zh-cn and en with the same placeholders', () => {
      assert.ok(RULES.length > 0);
      const codes = RULES.map((r) => r.code);
      assert.equal(new Set(codes).size, codes.length, 'duplicate rule codes');
      for (const rule of RULES) {
        assert.deepEqual(Object.keys(rule.message).sort(), ['en', 'zh-cn'], `${rule.code}: languages`);
        checkChinese('server RULES', rule.code, rule.message['zh-cn'], rule.message.en);
      }
    });
  });
});
