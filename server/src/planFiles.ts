/**
 * Reading the plans a user names: a plain-text plan in whatever encoding it
 * was saved, or a Word or PDF file through its reader; and the plan files of
 * a folder. The CLI's files, and the documents the editor opens from Word or
 * PDF, are read here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from './service';
import type { ExtractedPlan } from './office/document';
import { checkSize, extractPlan, officeErrorMessage, officeFormatOf } from './office/extract';
import { decode, readError } from './textFiles';

export interface PlanFile {
  text: string;
  /** For a Word or PDF file: what it was read from, with each line's place in the original. */
  office?: ExtractedPlan;
}

/** Names of files that hold plans, when a folder is given. */
const PLAN_FILE = /\.(txt|workplan|docx|doc|pdf)$/i;

/** The plan in `file`, or why it could not be read, in the user's language. */
export async function readPlanFile(file: string, locale: Locale): Promise<PlanFile | { error: string }> {
  try {
    checkSize(statSync(file).size, file);
    const bytes = readFileSync(file);
    if (!officeFormatOf(file)) return { text: decode(bytes) };
    const office = await extractPlan(bytes, file);
    return { text: office.text, office };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) return { error: `cannot read ${file}: ${readError(error)}` };
    return { error: officeErrorMessage(error, locale, file) };
  }
}

/**
 * The files named, a folder standing for the plan files in it and its
 * subfolders, in name order; Word's lock files (~$计划.docx) and hidden
 * entries left out. A folder with no plan file is an error, said once.
 */
export function expandPlanFiles(paths: string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    let directory = false;
    try {
      directory = statSync(path).isDirectory();
    } catch {
      // Not there: reading it says so, in its turn.
    }
    if (!directory) {
      files.push(path);
      continue;
    }
    const found = planFilesIn(path);
    if (found.length === 0) errors.push(`${path}: the directory holds no plan files (.txt, .workplan, .docx, .doc, .pdf)`);
    files.push(...found);
  }
  return { files, errors };
}

function planFilesIn(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('~$'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? planFilesIn(join(dir, e.name)) : e.isFile() && PLAN_FILE.test(e.name) ? [join(dir, e.name)] : []));
}
