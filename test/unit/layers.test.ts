import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The layer rule of ARCHITECTURE.md, enforced: each layer of the language
// service imports only the layers above it in this list (and itself), and
// the service as a whole imports no LSP library and no Node.js IO module.

const SERVICE = resolve(__dirname, '..', '..', '..', 'server', 'src', 'service');
/** The one module outside the service it may import: the protocol's names, shared with the client. */
const PROTOCOL = resolve(SERVICE, '..', 'protocol.ts');

/** The layers from the top; a file's layer is its folder, or for a top-level file its own name. */
const LAYERS: ReadonlyArray<{ name: string; holds: (path: string) => boolean }> = [
  { name: 'shared definitions', holds: (p) => ['types.ts', 'l10n.ts', 'rules.ts', 'memo.ts'].includes(p) },
  { name: 'text', holds: (p) => p.startsWith('text/') },
  { name: 'syntax', holds: (p) => p.startsWith('syntax/') },
  { name: 'registry', holds: (p) => p.startsWith('registry/') },
  { name: 'national', holds: (p) => p.startsWith('national/') },
  { name: 'checks', holds: (p) => p.startsWith('checks/') },
  { name: 'analysis', holds: (p) => p === 'analysis.ts' },
  { name: 'features', holds: (p) => p.startsWith('features/') },
  { name: 'facade', holds: (p) => p === 'index.ts' || p === 'workspaceConfig.ts' },
];

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.holds(path));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports from, as written. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms), ...text.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]);
}

const files = sources(SERVICE).map((path) => ({ path: relative(SERVICE, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

describe('the layers of the language service', () => {
  it('finds the service and places every file of it in a layer', () => {
    assert.ok(files.length > 30, `${files.length} files under ${SERVICE}`);
    const unplaced = files.filter((f) => layerOf(f.path) < 0).map((f) => f.path);
    assert.deepEqual(unplaced, [], 'add the new folder or file to LAYERS (and to ARCHITECTURE.md)');
  });

  it('imports only from its own layer or the layers above it', () => {
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file.text)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(SERVICE, resolve(SERVICE, dirname(file.path), spec)).split('\\').join('/') + '.ts';
        const from = layerOf(file.path);
        const to = layerOf(target);
        if (to > from) violations.push(`${file.path} (${LAYERS[from].name}) imports ${target} (${LAYERS[to]?.name ?? 'outside the service'})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('imports no LSP library, no Node.js module and nothing outside the service', () => {
    const allowed = new Set(['fast-levenshtein', 'jsonc-parser']);
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file.text)) {
        const target = resolve(SERVICE, dirname(file.path), spec);
        const outside = spec.startsWith('.') && relative(SERVICE, target).startsWith('..') && `${target}.ts` !== PROTOCOL;
        if ((!spec.startsWith('.') && !allowed.has(spec)) || outside) violations.push(`${file.path} imports ${spec}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('shares with the client only a protocol module that imports nothing', () => {
    assert.deepEqual(importsOf(readFileSync(PROTOCOL, 'utf8')), []);
  });

  it('would catch a lower layer imported from a higher one', () => {
    const sample = "import type { Problem } from '../checks/problem';\nimport { x } from './plan';";
    assert.deepEqual(importsOf(sample), ['../checks/problem', './plan']);
    assert.ok(layerOf('checks/problem.ts') > layerOf('national/plan.ts'));
  });
});
