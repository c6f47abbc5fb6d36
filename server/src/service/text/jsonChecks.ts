import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from './lineIndex';

/**
 * Small validators for the JSON files users write (the registry, the
 * workspace configuration): each returns the first problem as a sentence
 * naming the path, or undefined when the value is fine.
 */

export type Check = (value: unknown, path: string) => string | undefined;

export const isString: Check = (v, path) => (typeof v === 'string' && v.trim() !== '' ? undefined : `${path} must be a non-empty string`);

export const optional = (check: Check): Check => (v, path) => (v === undefined ? undefined : check(v, path));

export const oneOf = (values: Iterable<string>): Check => {
  const allowed = new Set(values);
  return (v, path) => (typeof v === 'string' && allowed.has(v) ? undefined : `${path} must be one of ${[...allowed].join(', ')}`);
};

export const arrayOf = (check: Check): Check => (v, path) => {
  if (!Array.isArray(v)) return `${path} must be an array`;
  for (let i = 0; i < v.length; i++) {
    const problem = check(v[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};

/** An object with these fields (others are allowed and ignored, so a newer file still loads). */
export const object = (fields: Record<string, Check>, what = 'the file'): Check => (v, path) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${path || what} must be an object`;
  for (const [key, check] of Object.entries(fields)) {
    const problem = check((v as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return undefined;
};

/** An object whose every value passes `check`; `keyCheck` vets the keys. */
export const mapOf = (check: Check, keyCheck?: (key: string, path: string) => string | undefined): Check => (v, path) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return `${path} must be an object`;
  for (const [key, value] of Object.entries(v)) {
    const problem = keyCheck?.(key, path) ?? check(value, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};

export const stringMap: Check = mapOf((v, path) => (typeof v === 'string' ? undefined : `${path} must be a string`));

export type JsonFileResult<T> = { value: T } | { error: string; line: number; column: number };

/**
 * Parses JSON with comments and validates it; a problem is placed at the
 * top-level key it is under (the message names the rest of the path).
 */
export function readJsonFile<T>(text: string, check: Check): JsonFileResult<T> {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  if (errors.length > 0) {
    const { line, character } = lines.positionAt(errors[0].offset);
    return { error: `JSON syntax error: ${printParseErrorCode(errors[0].error)}`, line: line + 1, column: character + 1 };
  }
  const problem = check(value, '');
  if (problem) {
    const key = /^(\w+)/.exec(problem)?.[1];
    const at = key ? text.indexOf(`"${key}"`) : -1;
    const { line, character } = lines.positionAt(Math.max(0, at));
    return { error: problem, line: line + 1, column: character + 1 };
  }
  return { value: value as T };
}
