import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { arrayOf, isString, object, oneOf, optional, readJsonFile, stringMap } from '../text/jsonChecks';
import { message, type Locale } from '../l10n';
import { LEVEL_IDS, type RegionPreset, type RegistryLayer } from './format';

/**
 * Reads a registry file's text (JSON, comments allowed) into a layer, or
 * explains in one message, with line and column, why it cannot be used.
 */

export type RegistryFileResult = { layer: RegistryLayer } | { error: string; line: number; column: number };

const level = oneOf(LEVEL_IDS);

const names = { name: isString, fullName: optional(isString), aliases: optional(arrayOf(isString)) };
const year = optional((v, p) => (Number.isInteger(v) && (v as number) > 1949 && (v as number) < 2200 ? undefined : `${p} must be a year such as 2018`));
const scope = optional((v, p) => (v === 'local' || v === 'upper' || v === 'vertical' ? undefined : `${p} must be local, upper or vertical`));
const unit = object({ ...names, national: optional(arrayOf(isString)), scope, region: optional(isString), level: optional(level) });
const pattern = (v: unknown, p: string) => (typeof v === 'string' && /\{place\}/.test(v) ? undefined : `${p} must be a name with {place} in it, such as {place}海关`);
const LAYER = object(
  {
    national: optional(arrayOf(object({ ...names, until: year, successor: optional(isString) }))),
    levels: optional(arrayOf(object({ id: level, name: isString, prefixes: arrayOf(isString) }))),
    cores: optional(arrayOf(object({ core: isString, fullCore: optional(isString), aliases: optional(arrayOf(isString)), national: optional(isString), levels: optional(arrayOf(level)), until: year, successor: optional(isString) }))),
    placeholders: optional(arrayOf(isString)),
    patterns: optional(arrayOf(object({ pattern, national: optional(arrayOf(isString)), scope, levels: optional(arrayOf(level)), until: year }))),
    regions: optional(arrayOf(object({ id: isString, name: isString, level, prefixes: optional(arrayOf(isString)), detect: arrayOf(isString), units: arrayOf(unit), replacedCores: optional(stringMap) }))),
    units: optional(arrayOf(unit)),
  },
  'the registry file',
);

export function parseRegistryFile(text: string): RegistryFileResult {
  const result = readJsonFile<RegistryLayer>(text, LAYER);
  return 'value' in result ? { layer: result.value } : result;
}

/**
 * The registry file's text with one more workspace unit, written on a line
 * of its own after the last unit; nothing else in the file changes (its
 * formatting and comments stay). A new file when there is none yet.
 */
export function addUnitToRegistryText(text: string | undefined, unit: { name: string; level?: string; region?: string }): string {
  const entry: Record<string, string> = { name: unit.name };
  if (unit.region) entry.region = unit.region;
  else if (unit.level) entry.level = unit.level;
  const json = JSON.stringify(entry).replace(/":/g, '": ').replace(/,"/g, ', "');
  if (!text || text.trim() === '') return `{\n  "units": [\n    ${json}\n  ]\n}\n`;
  const tree = parseTree(text);
  const units = tree ? findNodeAtLocation(tree, ['units']) : undefined;
  if (units?.type === 'array' && units.children && units.children.length > 0) {
    const last = units.children[units.children.length - 1];
    const lastEnd = last.offset + last.length;
    const lineEnd = text.slice(lastEnd).search(/\r?\n/);
    const at = lineEnd < 0 ? text.length : lastEnd + lineEnd;
    const indent = /[ \t]*$/.exec(text.slice(0, last.offset))![0];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return `${text.slice(0, lastEnd)},${text.slice(lastEnd, at)}${eol}${indent}${json}${text.slice(at)}`;
  }
  const edits = modify(text, ['units'], [entry], { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  return applyEdits(text, edits);
}

/**
 * The registry file's text with a region preset in it: replacing the preset
 * of the same id, or after the others; the rest of the file stays as it is.
 * A new file when there is none yet.
 */
export function addRegionToRegistryText(text: string | undefined, preset: RegionPreset): string {
  if (!text || text.trim() === '') return `${JSON.stringify({ regions: [preset] }, null, 2)}\n`;
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const tree = parseTree(text);
  const regions = tree ? findNodeAtLocation(tree, ['regions']) : undefined;
  if (regions?.type !== 'array') return applyEdits(text, modify(text, ['regions'], [preset], { formattingOptions }));
  const existing = (regions.children ?? []).findIndex((r) => findNodeAtLocation(r, ['id'])?.value === preset.id);
  const at = existing >= 0 ? existing : (regions.children ?? []).length;
  return applyEdits(text, modify(text, ['regions', at], preset, { formattingOptions, isArrayInsertion: existing < 0 }));
}

/** The message shown when a workspace registry file cannot be used. */
export function registryErrorMessage(locale: Locale, file: string, error: { error: string; line: number; column: number }): string {
  return message('registry.error', locale, { file, line: error.line, column: error.column, error: error.error });
}
