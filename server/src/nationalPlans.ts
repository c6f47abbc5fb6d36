import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NationalPlanSource } from './service';

/**
 * Reading the parent plans from disk, for the two entry points (server and
 * CLI): the IO layer, like them. The service receives the texts.
 */

/** The built-in national plans, shipped as plain text: next to the bundle (dist/../data) or, compiled, the repository's data/. */
const BUILTIN_NATIONAL_DIR = [join(__dirname, '..', 'data', 'national'), join(__dirname, '..', '..', '..', 'data', 'national')].find((d) => existsSync(d)) ?? '';

/** Whether a plan source is one of the plans shipped with the extension. */
export function isBuiltinPlan(source: { uri: string }): boolean {
  return BUILTIN_NATIONAL_DIR !== '' && source.uri.startsWith(pathToFileURL(BUILTIN_NATIONAL_DIR).href + '/');
}

/**
 * Reads the parent plans: the built-in ones and the user's own. `userPlan`,
 * a built-in id (national-2020) or the path of a plan text, is the one the
 * drafts are then aligned with; a relative path is read from `baseDir`.
 */
export function readNationalPlans(userPlan: string | undefined, baseDir?: string): { sources: NationalPlanSource[]; chosen?: string; error?: string } {
  const sources: NationalPlanSource[] = [];
  if (BUILTIN_NATIONAL_DIR) {
    for (const file of readdirSync(BUILTIN_NATIONAL_DIR).filter((f) => f.endsWith('.txt')).sort()) {
      const path = join(BUILTIN_NATIONAL_DIR, file);
      sources.push({ id: `national-${basename(file, '.txt')}`, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') });
    }
  }
  if (!userPlan) return { sources };
  if (sources.some((s) => s.id === userPlan)) return { sources, chosen: userPlan };
  if (baseDir && !isAbsolute(userPlan)) userPlan = join(baseDir, userPlan);
  try {
    const text = readFileSync(userPlan, 'utf8');
    const id = basename(userPlan).replace(/\.[^.]*$/, '');
    sources.push({ id, uri: pathToFileURL(userPlan).href, text });
    return { sources, chosen: id };
  } catch (error) {
    return { sources, error: `${userPlan}: ${(error as Error).message}` };
  }
}

