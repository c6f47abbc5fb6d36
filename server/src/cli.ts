import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import { BUILTIN_REGISTRY } from './builtinData';
import type { SourcePosition } from './office/document';
import { sourceLabel } from './office/extract';
import { expandPlanFiles, readPlanFile } from './planFiles';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportPlan, isBinaryFormat, type ExportFormat } from './planExports';
import { readError } from './textFiles';
import { cliFolder, DEFAULT_REGISTRY_FILE, readWorkspace, regionIds, type SettingNames } from './workspace';
import {
  addRegionToRegistryText,
  createLanguageService,
  LEVEL_IDS,
  DiagnosticSeverity,
  message,
  resolveLocale,
  type AlignmentReport,
  type Diagnostic,
  type LevelId,
  type Locale,
  type PlanTextDocument,
  type WorkplanLanguageService,
} from './service';

/**
 * `workplan check [options] FILE...` runs the same checks as the editor,
 * national coverage included. Exit status: 0 no error-severity diagnostic,
 * 1 at least one, 2 usage error or an unreadable file (the other files are
 * still checked).
 *
 * `workplan align [options] FILE` prints which national task each item of
 * the plan implements, the national tasks it has no item for, and its own
 * additions. Exit status: 0 done, 2 usage error, unreadable file, unknown
 * national plan, or a FILE that is itself a national plan (nothing to align).
 *
 * A configuration file, registry file, region or parent plan that cannot be
 * used is reported on stderr and left out, as the editor does; the files are
 * still checked, and the exit status is 2.
 *
 * `workplan export [options] FILE` prints the plan's 任务分解表 (one row per
 * task: number, section, title, lead units, other units, national task) as
 * CSV for Excel or as a Markdown table, to stdout or to `--output`; or
 * writes it as an Excel workbook or a Word table, or the plan itself as a
 * 公文-format Word document. Exit status: 0 written, 2 usage error,
 * unreadable file, unknown national plan, or an output file that cannot be
 * written.
 *
 * A FILE may be a plain-text plan, a Word (.docx, .doc) or PDF file, whose
 * reports also say where each is in the original (page and paragraph), or a
 * folder of such files.
 */

/** The region presets named are those data/registry/regions/ defines. */
const USAGE = `Usage: workplan check [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE|DIR...
       workplan align [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE|DIR
       workplan export [--format csv|markdown|xlsx|table-docx|docx] [--locale zh-cn|en] [--output FILE|DIR] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE|DIR
       workplan registry init [--id ID] [--output FILE] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--level LEVEL] FILE

FILE: a plan as plain text (UTF-8, GB18030 or UTF-16), a Word document (.docx, .doc) or a PDF with a text layer.
Word's automatic numbering is read as the markers it shows; a PDF's page numbers are dropped and its hard-wrapped
lines joined. Reports on a Word or PDF file also give the place in the original (原文第2页第9段). DIR: every plan
file in the folder and its subfolders (Word's ~$ lock files left out).

check: checks work plans (工作要点) and prints their problems, including
coverage.missing for every national task a local plan has no item for.
  --format text   file:line:col severity code message (default); for Word or PDF, then — 原文第P页第N段
  --format json   [{ "file": ..., "diagnostics": [LSP Diagnostic, ...] }, ...]; for Word or PDF, "format" and
                  each diagnostic's "original": { "paragraph", "page" (PDF) } (line/character are of the text read)

align: aligns the items of a local plan with the tasks of the national plan.
  --format text   a table: local item → national task, score; then the missing national tasks and the local additions
                  (line numbers 1-based)
  --format json   { "file": ..., "national": <plan id>, "matches": [{ "local": { "number", "line" (0-based), "title" },
                  "national": { "number", "title" }, "score" (0..1) }], "missing": [{ "number", "title" }],
                  "additions": [{ "number", "line", "title" }] }
  A FILE that is itself a national plan has nothing to align with: exit 2 with a message.
  Of a DIR, each plan in turn (json: an array of the objects above); Word and PDF items carry "original".

export: the plan's task breakdown table (任务分解表), one row per task: number (its outline path, e.g. 一、/（三）/2．),
section, task, lead units, partner/responsible units, the national task it implements (empty when none).
  --format csv       (default) UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting: opens in Excel as is;
                     units within a cell are separated by 、; cells starting with = + - @ get a leading '
  --format markdown  a GitHub table
  --format xlsx      an Excel workbook (header row frozen, cells wrapped)
  --format table-docx  a Word table (A4 landscape, header row repeated on every page)
  --format docx      not the table: the plan itself as a Word document laid out as GB/T 9704-2012 lays out an official
                     document (A4, 22 lines x 28 characters, 小标宋 title, 黑体/楷体 headings, 仿宋 body, "— 2 —" page numbers)
  --output FILE      write to FILE instead of stdout (the same bytes); xlsx and docx need it unless stdout is a pipe;
                     for a DIR, --output is a folder receiving one file per plan

registry init: writes a region preset made from FILE, a plan a reviewer has confirmed, into the workspace registry
(.workplan/registry.json, or --output): its place, level, unit prefix, the words that identify it, and every unit it
names beyond the generic ones (units named by their place, upper and vertical units, units the registry does not know).
A preset of the same id is replaced; the rest of the file stays. --id names the preset (default: the place's name).

Options:
  --locale        language of the messages and column headers (default: from LANG, else zh-cn)
  --config        workspace configuration file (default: the nearest .workplan/config.json in the current
                  directory or above); its level, region, registry, nationalPlan and rules apply where
                  no option is given
  --registry      workspace registry file adding units (default: .workplan/registry.json if present)
  --region        region preset id (${[...regionIds(BUILTIN_REGISTRY), 'or one in the registry file'].join(', ')}); default: detected
  --level         national, province, city, district, county or zone; default: detected
  --national      the parent plan: a built-in id (national-2020) or the path of a plan text;
                  default: the built-in plan of the year in the plan's title, else the latest
Exit status: 0 no errors (check), aligned (align) or written (export), 1 errors found (check),
2 usage error, unreadable file, unknown national plan, nothing to align (align), or an unwritable --output (export).
A configuration or registry file, region or national plan that cannot be used is reported and left out: the files are
still checked, and the exit status is 2.`;

const SEVERITY_NAMES: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

type Command = 'check' | 'align' | 'export' | 'registry init';

const COMMANDS: readonly Command[] = ['check', 'align', 'export', 'registry init'];
/** The formats of each command, the default first. */
const FORMATS: Record<Command, readonly string[]> = { check: ['text', 'json'], align: ['text', 'json'], export: EXPORT_FORMATS, 'registry init': ['json'] };

interface CliOptions {
  command: Command;
  format: 'text' | 'json' | ExportFormat;
  locale: string;
  /** export: the file written instead of stdout; registry init: the registry file written. */
  output?: string;
  /** registry init: the id of the region preset written. */
  id?: string;
  registry?: string;
  region?: string;
  level?: LevelId;
  national?: string;
  /** Severity per rule code or group, from the workspace configuration. */
  severities?: Record<string, string>;
  /** The workspace configuration file; default: the nearest .workplan/config.json above the current directory. */
  config?: string;
  files: string[];
}

/** How the options are named in the messages about them. */
const OPTION_NAMES: SettingNames = { kind: 'option', region: '--region', nationalPlan: '--national' };

class UsageError extends Error {}

function parseArgs(argv: string[]): CliOptions {
  // `registry init` is one command of two words.
  const [name, ...rest] = argv[0] === 'registry' && argv[1] === 'init' ? ['registry init', ...argv.slice(2)] : argv;
  const command = COMMANDS.find((c) => c === name);
  if (!command) throw new UsageError(name ? `unknown command: ${name}` : 'missing command');
  const formats = FORMATS[command];
  const options: CliOptions = { command, format: formats[0] as CliOptions['format'], locale: defaultLocale(), files: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (!formats.includes(v)) throw new UsageError(`--format must be ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}, not ${v}`);
      options.format = v as CliOptions['format'];
    } else if (flag === '--output' && (command === 'export' || command === 'registry init')) {
      options.output = value();
    } else if (flag === '--id' && command === 'registry init') {
      options.id = value();
    } else if (flag === '--locale') {
      options.locale = value();
    } else if (flag === '--registry') {
      options.registry = value();
    } else if (flag === '--config') {
      options.config = value();
    } else if (flag === '--region') {
      options.region = value();
    } else if (flag === '--national') {
      options.national = value();
    } else if (flag === '--level') {
      const v = value();
      if (!(LEVEL_IDS as readonly string[]).includes(v)) throw new UsageError(`--level must be one of ${LEVEL_IDS.join(', ')}, not ${v}`);
      options.level = v as LevelId;
    } else if (flag === '--') {
      options.files.push(...rest.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      options.files.push(arg);
    }
  }
  if (options.files.length === 0) throw new UsageError('no files given');
  // A folder stands for its plans, so align and export take one path: one file, or one folder.
  if (command !== 'check' && options.files.length > 1) throw new UsageError(`${command} takes one file or folder, not ${options.files.length}`);
  return options;
}

function defaultLocale(): string {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(lang) ? 'en' : 'zh-cn';
}

function formatText(plan: Plan, diagnostics: Diagnostic[], locale: Locale): string[] {
  return diagnostics.map((d) => {
    const { line, character } = d.range.start;
    const source = plan.sources?.[line];
    const original = source ? ` — ${sourceLabel(source, locale)}` : '';
    return `${plan.file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[d.severity]} ${d.code} ${d.message}${original}`;
  });
}

/** Columns a string takes in a terminal: East Asian wide and full-width characters count two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** Cut to `width` columns (with …) and pad to it. */
function cell(s: string, width: number): string {
  let out = s;
  if (displayWidth(out) > width) {
    while (displayWidth(out) > width - 1) out = out.slice(0, -1);
    out += '…';
  }
  return out + ' '.repeat(Math.max(0, width - displayWidth(out)));
}

/** The alignment as a table a reviewer reads in a terminal: line, local item → national task, score; then missing and additions. */
function formatAlignment(plan: Plan, report: AlignmentReport, locale: Locale): string[] {
  const file = plan.file;
  // For Word or PDF, where the item is in the original follows its title.
  const at = (line: number) => (plan.sources?.[line] ? ` [${sourceLabel(plan.sources[line], locale)}]` : '');
  const covered = new Set(report.matches.map((m) => m.national.number)).size;
  const out = [
    `${file} ↔ ${report.national.id}《${report.national.title}》`,
    message('align.covered', locale, { covered, total: covered + report.missing.length, missing: report.missing.length, added: report.additions.length }),
    '',
  ];
  const LOCAL = 40;
  const NATIONAL = 40;
  const line = message('align.line', locale);
  out.push(`${' '.repeat(Math.max(0, 5 - displayWidth(line)))}${line}  ${cell(message('align.local', locale), LOCAL)}    ${cell(message('align.national', locale), NATIONAL)}  ${message('align.score', locale)}`);
  out.push(`${'-'.repeat(5)}  ${'-'.repeat(LOCAL)}    ${'-'.repeat(NATIONAL)}  ------`);
  let previous: { line: number; number: string } | undefined;
  for (const m of report.matches) {
    // A local item that merges several national tasks is named once, its further tasks below it.
    const same = previous && previous.line === m.local.line && previous.number === m.local.number;
    const local = same ? cell('', LOCAL) : cell(`${m.local.number}${m.local.title}${at(m.local.line)}`, LOCAL);
    const line = same ? '' : String(m.local.line + 1);
    out.push(`${line.padStart(5)}  ${local} →  ${cell(`${m.national.number}${m.national.title}`, NATIONAL)}  ${m.score.toFixed(3)}`.trimEnd());
    previous = m.local;
  }
  const none = `  ${message('align.none', locale)}`;
  out.push('', message('align.missing', locale));
  if (report.missing.length === 0) out.push(none);
  for (const n of report.missing) out.push(`  ${n.number}${n.title}`);
  out.push('', message('align.additions', locale));
  if (report.additions.length === 0) out.push(none);
  for (const a of report.additions) out.push(`${String(a.line + 1).padStart(5)}  ${cell(`${a.number}${a.title}${at(a.line)}`, LOCAL + NATIONAL)}`.trimEnd());
  return out;
}

/** A plan file read for a command: the document the service checks and, for Word or PDF, each line's place in the original. */
interface Plan {
  file: string;
  document: PlanTextDocument;
  format?: string;
  sources?: SourcePosition[];
}

/** The plan in `file`; undefined (reported on stderr) when it cannot be read. What reading a Word or PDF file changed is said on stderr. */
async function openPlan(file: string, locale: Locale): Promise<Plan | undefined> {
  const read = await readPlanFile(file, locale);
  if ('error' in read) {
    process.stderr.write(`workplan: ${read.error}\n`);
    return undefined;
  }
  const text = read.text;
  const document = { uri: pathToFileURL(resolve(file)).href, version: 1, getText: () => text };
  for (const note of read.office?.notes ?? []) process.stderr.write(`workplan: ${message(note.key, locale, note.args)}\n`);
  return { file, document, format: read.office?.format, sources: read.office?.sources };
}

/**
 * The files of the command's paths (a folder standing for its plans), each
 * folder without plans reported; `folder` when the path given was a folder,
 * whose plans align and export handle in turn.
 */
function planFiles(options: CliOptions): { files: string[]; unreadable: boolean; folder: boolean } {
  const { files, errors } = expandPlanFiles(options.files);
  for (const error of errors) process.stderr.write(`workplan: ${error}\n`);
  return { files, unreadable: errors.length > 0, folder: files.length !== 1 || files[0] !== options.files[0] };
}

/** The place in the original of a 0-based line, for JSON: only Word and PDF lines have one. */
function originalOf(plan: Plan, line: number): { original?: SourcePosition } {
  const source = plan.sources?.[line];
  return source ? { original: source } : {};
}

/** What the checks of a file could not know, said once on stderr: the parent plan's year is a diagnostic of its own (coverage.other-year). */
function sayLimits(service: WorkplanLanguageService, file: string, document: PlanTextDocument): void {
  if (service.getContext(document).source === 'default') process.stderr.write(`workplan: ${message('context.levelDefault', service.locale, { file })}\n`);
}

async function check(service: WorkplanLanguageService, options: CliOptions): Promise<{ errors: boolean; unreadable: boolean }> {
  const results: Array<{ file: string; format?: string; diagnostics: Array<Diagnostic & { original?: SourcePosition }> }> = [];
  let errors = false;
  let { files, unreadable } = planFiles(options);
  for (const file of files) {
    const plan = await openPlan(file, service.locale);
    if (!plan) {
      unreadable = true;
      continue;
    }
    const diagnostics = service.computeDiagnostics(plan.document, { severities: options.severities });
    sayLimits(service, file, plan.document);
    service.forget(plan.document.uri);
    errors ||= diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
    results.push({
      file,
      ...(plan.format && { format: plan.format }),
      diagnostics: plan.sources ? diagnostics.map((d) => ({ ...d, ...originalOf(plan, d.range.start.line) })) : diagnostics,
    });
    if (options.format === 'text') {
      const lines = formatText(plan, diagnostics, service.locale);
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return { errors, unreadable };
}

/** The alignment of one plan as the JSON object `align --format json` prints. */
function alignmentJson(plan: Plan, report: AlignmentReport): object {
  const { matches, missing, additions } = report;
  const located = <T extends { line: number }>(item: T) => ({ ...item, ...originalOf(plan, item.line) });
  return {
    file: plan.file,
    national: report.national.id,
    matches: plan.sources ? matches.map((m) => ({ ...m, local: located(m.local) })) : matches,
    missing,
    additions: plan.sources ? additions.map(located) : additions,
  };
}

/** Prints the alignment of the plan or of every plan of the folder; false when one could not be printed (unreadable, or a national plan itself). */
async function align(service: WorkplanLanguageService, options: CliOptions): Promise<boolean> {
  const { files, unreadable, folder } = planFiles(options);
  let ok = !unreadable;
  const objects: object[] = [];
  const tables: string[] = [];
  for (const file of files) {
    const plan = await openPlan(file, service.locale);
    if (!plan) {
      ok = false;
      continue;
    }
    sayLimits(service, file, plan.document);
    const report = service.getAlignment(plan.document);
    const context = service.getContext(plan.document);
    // The analyses of a folder's plans are not kept: each is printed once.
    service.forget(plan.document.uri);
    if (!report) {
      process.stderr.write(
        context.level === 'national'
          ? `workplan: ${file} is itself a national plan: no alignment applies (align a local plan with it, or give --level for this file)\n`
          : `workplan: no national plan to align ${file} with\n`,
      );
      ok = false;
      continue;
    }
    if (options.format === 'json') objects.push(alignmentJson(plan, report));
    else tables.push(formatAlignment(plan, report, service.locale).join('\n'));
  }
  if (options.format === 'json' && (objects.length > 0 || folder)) process.stdout.write(`${JSON.stringify(folder ? objects : objects[0], null, 2)}\n`);
  if (tables.length > 0) process.stdout.write(`${tables.join('\n\n')}\n`);
  return ok;
}

/** Writes `bytes` to `target`, making its folder first when asked; false (reported) when it cannot be written. */
function writeOutput(target: string, bytes: Uint8Array, makeFolder = false): boolean {
  try {
    if (makeFolder) mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    return true;
  } catch (error) {
    process.stderr.write(`workplan: cannot write ${target}: ${readError(error)}\n`);
    return false;
  }
}

/**
 * Writes the export of the plan to stdout or --output, or of every plan of
 * the folder into the --output folder; false when a file cannot be read or
 * an output written. Never writes over a plan it read.
 */
async function exportPlans(service: WorkplanLanguageService, options: CliOptions): Promise<boolean> {
  const format = options.format as ExportFormat;
  const { files, unreadable, folder } = planFiles(options);
  if (folder && options.output === undefined) {
    process.stderr.write(`workplan: exporting the plans of a folder needs --output FOLDER\n`);
    return false;
  }
  if (!folder && options.output === undefined && isBinaryFormat(format) && process.stdout.isTTY) {
    process.stderr.write(`workplan: --format ${format} writes a binary file: give --output FILE\n`);
    return false;
  }
  // Neither a plan read nor another plan's export is written over (two 要点.docx in two subfolders).
  const taken = new Set(files.map((f) => resolve(f)));
  let ok = !unreadable;
  for (const file of files) {
    const target = folder ? join(options.output!, basename(file).replace(/(\.wp)?\.[^.]*$/, '') + EXPORT_EXTENSIONS[format]) : options.output;
    if (target !== undefined && taken.has(resolve(target))) {
      process.stderr.write(`workplan: will not write over ${target}\n`);
      ok = false;
      continue;
    }
    if (target !== undefined) taken.add(resolve(target));
    const plan = await openPlan(file, service.locale);
    if (!plan) {
      ok = false;
      continue;
    }
    sayLimits(service, file, plan.document);
    // CSV starts with the byte order mark Excel needs to read UTF-8; a file and stdout get the same bytes.
    const bytes = await exportPlan(service, plan.document, format);
    service.forget(plan.document.uri);
    if (target === undefined) process.stdout.write(bytes);
    else ok = writeOutput(target, bytes, folder) && ok;
  }
  return ok;
}

/**
 * Writes a region preset made from one plan a reviewer has confirmed into
 * the workspace registry file (or --output), replacing a preset of the same
 * id; false when the plan cannot be read or the file written.
 */
async function initRegistry(service: WorkplanLanguageService, options: CliOptions, registryFile: string): Promise<boolean> {
  const file = options.files[0];
  const plan = await openPlan(file, service.locale);
  if (!plan) return false;
  const { document } = plan;
  sayLimits(service, file, document);
  const preset = service.getRegionPreset(document, options.id);
  if (!preset.id) {
    process.stderr.write(`workplan: ${message('registryInit.noPlace', service.locale, { file })}\n`);
    return false;
  }
  const target = options.output ?? registryFile;
  let current: string | undefined;
  try {
    current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  } catch (error) {
    process.stderr.write(`workplan: cannot read ${target}: ${readError(error)}\n`);
    return false;
  }
  if (!writeOutput(target, Buffer.from(addRegionToRegistryText(current, preset), 'utf8'), true)) return false;
  const words = { id: preset.id, name: preset.name, level: message(`levelId.${preset.level}`, service.locale), units: preset.units.length, file: target };
  process.stdout.write(`${message('registryInit.written', service.locale, words)}\n`);
  return true;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`workplan: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const cwd = process.cwd();
  const workspace = readWorkspace({
    folder: cliFolder(cwd, options.config),
    configFile: options.config,
    base: cwd,
    settings: { level: options.level, region: options.region, registry: options.registry, nationalPlan: options.national },
    names: OPTION_NAMES,
    locale: resolveLocale(options.locale),
    trusted: true,
  });
  for (const problem of workspace.problems) process.stderr.write(`workplan: ${problem.message}\n`);
  const unreadable = workspace.problems.length > 0;
  options.severities = workspace.configRules;
  const service = createLanguageService({ locale: options.locale });
  service.configure(workspace.configuration);
  if (options.command === 'align') return (await align(service, options)) && !unreadable ? 0 : 2;
  if (options.command === 'export') return (await exportPlans(service, options)) && !unreadable ? 0 : 2;
  if (options.command === 'registry init') return (await initRegistry(service, options, workspace.registryFile ?? DEFAULT_REGISTRY_FILE)) && !unreadable ? 0 : 2;
  const result = await check(service, options);
  return unreadable || result.unreadable ? 2 : result.errors ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`workplan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
