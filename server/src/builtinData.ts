import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRegistryFile, type NationalPlanSource, type RegistryLayer } from './service';

/**
 * The data shipped with the extension, read from data/ next to the bundle
 * (dist/../data, in the .vsix) or, compiled, the repository's data/: the
 * registry layers and the national plans. Whatever file is there counts, so
 * a new region preset is one more file in data/registry/regions/ and no code.
 */

const DATA_DIR = [join(__dirname, '..', 'data'), join(__dirname, '..', '..', '..', 'data')].find((d) => existsSync(d)) ?? '';
const REGISTRY_DIR = DATA_DIR && join(DATA_DIR, 'registry');
const NATIONAL_DIR = DATA_DIR && join(DATA_DIR, 'national');

function filesOf(dir: string, extension: string): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith(extension) && !f.name.endsWith('.schema.json'))
    .map((f) => join(dir, f.name))
    .sort();
}

/** A built-in registry file that does not read as a layer: left out, and reported by the workspace setup. */
export interface BuiltinRegistryError {
  file: string;
  error: string;
  line: number;
  column: number;
}

function readLayers(): { layers: RegistryLayer[]; errors: BuiltinRegistryError[] } {
  const layers: RegistryLayer[] = [];
  const errors: BuiltinRegistryError[] = [];
  // The layers share no key but the region presets, whose order decides which is detected first: by file name.
  for (const file of [...filesOf(REGISTRY_DIR, '.json'), ...filesOf(REGISTRY_DIR && join(REGISTRY_DIR, 'regions'), '.json')]) {
    const result = parseRegistryFile(readFileSync(file, 'utf8'));
    if ('layer' in result) layers.push(result.layer);
    else errors.push({ file, ...result });
  }
  return { layers, errors };
}

const REGISTRY = readLayers();

/** The built-in registry layers: the files of data/registry/, then those of data/registry/regions/, each by name. */
export const BUILTIN_REGISTRY: RegistryLayer[] = REGISTRY.layers;
export const BUILTIN_REGISTRY_ERRORS: readonly BuiltinRegistryError[] = REGISTRY.errors;

/** The built-in national plans, data/national/<year>.txt as national-<year>. */
export const BUILTIN_NATIONAL_PLANS: NationalPlanSource[] = filesOf(NATIONAL_DIR, '.txt').map((path) => ({
  id: `national-${basename(path, '.txt')}`,
  uri: pathToFileURL(path).href,
  text: readFileSync(path, 'utf8'),
}));

/** Whether a plan source is one of the plans shipped with the extension. */
export function isBuiltinPlan(source: { uri: string }): boolean {
  return NATIONAL_DIR !== '' && source.uri.startsWith(pathToFileURL(NATIONAL_DIR).href + '/');
}
