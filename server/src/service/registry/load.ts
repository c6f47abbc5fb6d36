import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { message, type Locale } from '../l10n';
import { LineIndex } from '../text/lineIndex';
import type { RegistryLayer } from './format';

/**
 * Reads a registry file's text (JSON, comments allowed) into a layer, or
 * explains in one message, with line and column, why it cannot be used.
 */

export type RegistryFileResult = { layer: RegistryLayer } | { error: string; line: number; column: number };

const LEVELS = new Set(['national', 'province', 'city', 'district', 'county', 'zone']);

type Check = (value: unknown, path: string) => string | undefined;

const isString: Check = (v, path) => (typeof v === 'string' && v.trim() !== '' ? undefined : `${path} must be a non-empty string`);
const optional = (check: Check): Check => (v, path) => (v === undefined ? undefined : check(v, path));
const arrayOf = (check: Check): Check => (v, path) => {
  if (!Array.isArray(v)) return `${path} must be an array`;
  for (let i = 0; i < v.length; i++) {
    const problem = check(v[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};
const level: Check = (v, path) => (typeof v === 'string' && LEVELS.has(v) ? undefined : `${path} must be one of ${[...LEVELS].join(', ')}`);
const object = (fields: Record<string, Check>): Check => (v, path) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${path || 'the registry file'} must be an object`;
  for (const [key, check] of Object.entries(fields)) {
    const problem = check((v as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return undefined;
};
const stringMap: Check = (v, path) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${path} must be an object`;
  for (const [key, value] of Object.entries(v)) if (typeof value !== 'string') return `${path}.${key} must be a string`;
  return undefined;
};

const names = { name: isString, fullName: optional(isString), aliases: optional(arrayOf(isString)) };
const unit = object({ ...names, national: optional(arrayOf(isString)), scope: optional((v, p) => (v === 'local' || v === 'upper' || v === 'vertical' ? undefined : `${p} must be local, upper or vertical`)), region: optional(isString), level: optional(level) });
const LAYER = object({
  national: optional(arrayOf(object(names))),
  levels: optional(arrayOf(object({ id: level, name: isString, prefixes: arrayOf(isString) }))),
  cores: optional(arrayOf(object({ core: isString, fullCore: optional(isString), aliases: optional(arrayOf(isString)), national: optional(isString), levels: optional(arrayOf(level)) }))),
  placeholders: optional(arrayOf(isString)),
  regions: optional(arrayOf(object({ id: isString, name: isString, level, prefixes: optional(arrayOf(isString)), detect: arrayOf(isString), units: arrayOf(unit), replacedCores: optional(stringMap) }))),
  units: optional(arrayOf(unit)),
});

export function parseRegistryFile(text: string): RegistryFileResult {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  if (errors.length > 0) {
    const { line, character } = lines.positionAt(errors[0].offset);
    return { error: `JSON syntax error: ${printParseErrorCode(errors[0].error)}`, line: line + 1, column: character + 1 };
  }
  const problem = LAYER(value, '');
  if (problem) {
    // Point at the top-level key the problem is under; the path names the rest.
    const key = /^(\w+)/.exec(problem)?.[1];
    const at = key ? text.indexOf(`"${key}"`) : -1;
    const { line, character } = lines.positionAt(Math.max(0, at));
    return { error: problem, line: line + 1, column: character + 1 };
  }
  return { layer: value as RegistryLayer };
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

/** The message shown when a workspace registry file cannot be used. */
export function registryErrorMessage(locale: Locale, file: string, error: { error: string; line: number; column: number }): string {
  return message('registry.error', locale, { file, line: error.line, column: error.column, error: error.error });
}
