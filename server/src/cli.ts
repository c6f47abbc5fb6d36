import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { BUILTIN_REGISTRY } from './builtinRegistry';
import { readNationalPlans } from './nationalPlans';
import {
  createLanguageService,
  LEVEL_IDS,
  parsePlan,
  taskHeadings,
  DiagnosticSeverity,
  parseRegistryFile,
  parseWorkspaceConfig,
  registryErrorMessage,
  message,
  WORKSPACE_CONFIG_FILE,
  type WorkspaceConfig,
  resolveLocale,
  type AlignmentReport,
  type Diagnostic,
  type LevelId,
  type NationalPlanSource,
  type PlanTextDocument,
  type RegistryLayer,
  type TaskBreakdownFormat,
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
 * `workplan export [options] FILE` prints the plan's 任务分解表 (one row per
 * task: number, section, title, lead units, other units, national task) as
 * CSV for Excel or as a Markdown table, to stdout or to `--output`. Exit
 * status: 0 written, 2 usage error, unreadable file, unknown national plan,
 * or an output file that cannot be written.
 */

const USAGE = `Usage: workplan check [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE...
       workplan align [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE
       workplan export [--format csv|markdown] [--locale zh-cn|en] [--output FILE] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE

check: checks work plans (工作要点) and prints their problems, including
coverage.missing for every national task a local plan has no item for.
  --format text   file:line:col severity code message (default)
  --format json   [{ "file": ..., "diagnostics": [LSP Diagnostic, ...] }, ...]

align: aligns the items of a local plan with the tasks of the national plan.
  --format text   a table: local item → national task, score; then the missing national tasks and the local additions
                  (line numbers 1-based)
  --format json   { "file": ..., "national": <plan id>, "matches": [{ "local": { "number", "line" (0-based), "title" },
                  "national": { "number", "title" }, "score" (0..1) }], "missing": [{ "number", "title" }],
                  "additions": [{ "number", "line", "title" }] }
  A FILE that is itself a national plan has nothing to align with: exit 2 with a message.

export: the plan's task breakdown table (任务分解表), one row per task: number (its outline path, e.g. 一、/（三）/2．),
section, task, lead units, partner/responsible units, the national task it implements (empty when none).
  --format csv       (default) UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting: opens in Excel as is;
                     units within a cell are separated by 、; cells starting with = + - @ get a leading '
  --format markdown  a GitHub table
  --output FILE      write to FILE instead of stdout (the same bytes)

Options:
  --locale        language of the messages and column headers (default: from LANG, else zh-cn)
  --config        workspace configuration file (default: the nearest .workplan/config.json in the current
                  directory or above); its level, region, registry, nationalPlan and rules apply where
                  no option is given
  --registry      workspace registry file adding units (default: .workplan/registry.json if present)
  --region        region preset id (xiamen, guandu, jiyuan, nantong, or one in the registry file); default: detected
  --level         national, province, city, district, county or zone; default: detected
  --national      the parent plan: a built-in id (national-2020) or the path of a plan text;
                  default: the built-in plan of the year in the plan's title, else the latest
Exit status: 0 no errors (check), aligned (align) or written (export), 1 errors found (check),
2 usage error, unreadable file, unknown national plan, nothing to align (align), or an unwritable --output (export).`;

const SEVERITY_NAMES: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

type Command = 'check' | 'align' | 'export';

const COMMANDS: readonly Command[] = ['check', 'align', 'export'];
/** The formats of each command, the default first. */
const FORMATS: Record<Command, readonly string[]> = { check: ['text', 'json'], align: ['text', 'json'], export: ['csv', 'markdown'] };

interface CliOptions {
  command: Command;
  format: 'text' | 'json' | TaskBreakdownFormat;
  locale: string;
  /** export: the file written instead of stdout. */
  output?: string;
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

const DEFAULT_REGISTRY_FILE = '.workplan/registry.json';

/** The nearest `.workplan/config.json` in the current directory or above it, as the editor finds it in the workspace folder. */
function findConfigFile(): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const file = join(dir, WORKSPACE_CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The workspace configuration and the folder its paths are relative to (the
 * one holding `.workplan/`). A file that cannot be used is reported and
 * ignored, like a broken registry file.
 */
function readConfig(options: CliOptions): { config: WorkspaceConfig; base: string; broken: boolean } {
  const file = options.config ?? findConfigFile();
  if (!file) return { config: {}, base: process.cwd(), broken: false };
  // Paths in the file are relative to the folder holding .workplan/ (or, for a file elsewhere, to its own folder).
  const folder = dirname(resolve(file));
  const base = basename(folder) === '.workplan' ? dirname(folder) : folder;
  let result;
  try {
    result = parseWorkspaceConfig(readFileSync(file, 'utf8'));
  } catch (error) {
    result = { error: readError(error), line: 1, column: 1 };
  }
  if ('config' in result) return { config: result.config, base, broken: false };
  process.stderr.write(`workplan: ${message('config.error', resolveLocale(options.locale), { file, line: result.line, column: result.column, error: result.error })}\n`);
  return { config: {}, base, broken: true };
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliOptions {
  const [name, ...rest] = argv;
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
      if (!formats.includes(v)) throw new UsageError(`--format must be ${formats.join(' or ')}, not ${v}`);
      options.format = v as CliOptions['format'];
    } else if (flag === '--output' && command === 'export') {
      options.output = value();
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
  if (command !== 'check' && options.files.length > 1) throw new UsageError(`${command} takes one file, not ${options.files.length}`);
  return options;
}

function defaultLocale(): string {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(lang) ? 'en' : 'zh-cn';
}

/**
 * Plans are often saved as GB18030 (GBK) by Chinese Windows tools, or as
 * UTF-16 by Notepad: a UTF-16 byte order mark decides; otherwise try UTF-8
 * strictly, then GB18030, and only then UTF-8 with replacement characters.
 * A byte order mark is dropped, as editors do, so positions agree.
 */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function formatText(file: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const { line, character } = d.range.start;
    return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[d.severity]} ${d.code} ${d.message}`;
  });
}

/** Why a file could not be read, in words. */
function readError(error: unknown): string {
  return READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
}

/** A work plan's tasks: numbered items below the sections with no items under them (as the service counts them). */
function countTasks(text: string): number {
  return taskHeadings(parsePlan(text)).length;
}

/**
 * The parent plans handed to the service, as the editor reads them
 * (readNationalPlans): the built-in ones, plus the plan `--national` names
 * when it is a path. `chosen` is the id every file is then aligned with.
 */
function nationalPlans(option: string | undefined): { sources: NationalPlanSource[]; chosen?: string } | { error: string } {
  const builtin = readNationalPlans(undefined).sources;
  const ids = builtin.map((s) => s.id);
  if (option === undefined) return { sources: builtin };
  if (ids.includes(option)) return { sources: builtin, chosen: option };
  if (!existsSync(option)) {
    // A bare name is an id the user thought was built in; anything else a path.
    return /^[\w.-]+$/.test(option) && !/\.(txt|workplan|md)$/i.test(option)
      ? { error: `unknown national plan ${option}; built-in plans: ${ids.join(', ') || 'none'}; or give the path of a plan text` }
      : { error: `cannot read national plan ${option}: no such file` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(option);
  } catch (error) {
    return { error: `cannot read national plan ${option}: ${readError(error)}` };
  }
  const read = readNationalPlans(option);
  if (read.error || !read.chosen) return { error: `cannot read national plan ${read.error ?? option}` };
  const chosen = read.chosen;
  const user = read.sources[read.sources.length - 1];
  // Decoded as drafts are (GB18030, UTF-16); a file named like a built-in plan replaces it.
  const text = decode(bytes);
  if (countTasks(text) === 0) return { error: `national plan ${option} has no numbered tasks (（一）, 1. …): is it a work plan?` };
  return { sources: [...builtin.filter((s) => s.id !== chosen), { ...user, text }], chosen };
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

const ALIGN_WORDS = {
  'zh-cn': {
    covered: (c: number, n: number, missing: number, added: number) => `全国任务覆盖 ${c}/${n}；缺失 ${missing} 项；本地新增 ${added} 项`,
    line: '行',
    local: '本文档事项',
    national: '全国任务',
    score: '匹配度',
    missing: '缺失的全国任务（本文档没有对应事项）：',
    additions: '本地新增事项（没有对应的全国任务）：',
    none: '  无',
  },
  en: {
    covered: (c: number, n: number, missing: number, added: number) => `National tasks covered ${c}/${n}; ${missing} missing; ${added} local additions`,
    line: 'line',
    local: 'Item in this plan',
    national: 'National task',
    score: 'score',
    missing: 'National tasks with no item in this plan:',
    additions: 'Local additions (no national task):',
    none: '  none',
  },
};

/** The alignment as a table a reviewer reads in a terminal: line, local item → national task, score; then missing and additions. */
function formatAlignment(file: string, report: AlignmentReport, locale: string): string[] {
  const words = ALIGN_WORDS[resolveLocale(locale) === 'en' ? 'en' : 'zh-cn'];
  const covered = new Set(report.matches.map((m) => m.national.number)).size;
  const out = [
    `${file} ↔ ${report.national.id}《${report.national.title}》`,
    words.covered(covered, covered + report.missing.length, report.missing.length, report.additions.length),
    '',
  ];
  const LOCAL = 40;
  const NATIONAL = 40;
  out.push(`${' '.repeat(Math.max(0, 5 - displayWidth(words.line)))}${words.line}  ${cell(words.local, LOCAL)}    ${cell(words.national, NATIONAL)}  ${words.score}`);
  out.push(`${'-'.repeat(5)}  ${'-'.repeat(LOCAL)}    ${'-'.repeat(NATIONAL)}  ------`);
  let previous: { line: number; number: string } | undefined;
  for (const m of report.matches) {
    // A local item that merges several national tasks is named once, its further tasks below it.
    const same = previous && previous.line === m.local.line && previous.number === m.local.number;
    const local = same ? cell('', LOCAL) : cell(`${m.local.number}${m.local.title}`, LOCAL);
    const line = same ? '' : String(m.local.line + 1);
    out.push(`${line.padStart(5)}  ${local} →  ${cell(`${m.national.number}${m.national.title}`, NATIONAL)}  ${m.score.toFixed(3)}`.trimEnd());
    previous = m.local;
  }
  out.push('', words.missing);
  if (report.missing.length === 0) out.push(words.none);
  for (const n of report.missing) out.push(`  ${n.number}${n.title}`);
  out.push('', words.additions);
  if (report.additions.length === 0) out.push(words.none);
  for (const a of report.additions) out.push(`${String(a.line + 1).padStart(5)}  ${cell(`${a.number}${a.title}`, LOCAL + NATIONAL)}`.trimEnd());
  return out;
}

/** The single FILE of align and export as a document; undefined (reported) when it cannot be read. */
function openPlanFile(file: string): PlanTextDocument | undefined {
  const read = readPlanFile(file);
  if ('error' in read) {
    process.stderr.write(`workplan: ${read.error}\n`);
    return undefined;
  }
  return { uri: pathToFileURL(resolve(file)).href, version: 1, getText: () => read.text };
}

function readPlanFile(file: string): { text: string } | { error: string } {
  try {
    return { text: decode(readFileSync(file)) };
  } catch (error) {
    return { error: `cannot read ${file}: ${readError(error)}` };
  }
}

function check(service: WorkplanLanguageService, options: CliOptions): { errors: boolean; unreadable: boolean } {
  const results: Array<{ file: string; diagnostics: Diagnostic[] }> = [];
  let errors = false;
  let unreadable = false;
  for (const file of options.files) {
    const read = readPlanFile(file);
    if ('error' in read) {
      process.stderr.write(`workplan: ${read.error}\n`);
      unreadable = true;
      continue;
    }
    const uri = pathToFileURL(resolve(file)).href;
    const diagnostics = service.computeDiagnostics({ uri, version: 1, getText: () => read.text }, { severities: options.severities });
    service.forget(uri);
    errors ||= diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
    results.push({ file, diagnostics });
    if (options.format === 'text') {
      const lines = formatText(file, diagnostics);
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return { errors, unreadable };
}

/** Prints the alignment of one file; false when there is none to print (unreadable, or a national plan itself). */
function alignFile(service: WorkplanLanguageService, options: CliOptions): boolean {
  const file = options.files[0];
  const document = openPlanFile(file);
  if (!document) return false;
  const report = service.getAlignment(document);
  if (!report) {
    const context = service.getContext(document);
    process.stderr.write(
      context.level === 'national'
        ? `workplan: ${file} is itself a national plan: no alignment applies (align a local plan with it, or give --level for this file)\n`
        : `workplan: no national plan to align ${file} with\n`,
    );
    return false;
  }
  if (options.format === 'json') {
    const { matches, missing, additions } = report;
    process.stdout.write(`${JSON.stringify({ file, national: report.national.id, matches, missing, additions }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatAlignment(file, report, options.locale).join('\n')}\n`);
  }
  return true;
}

/** Writes the task breakdown of one file to stdout or --output; false when the file cannot be read or the output written. */
function exportFile(service: WorkplanLanguageService, options: CliOptions): boolean {
  const file = options.files[0];
  const document = openPlanFile(file);
  if (!document) return false;
  // CSV starts with the byte order mark Excel needs to read UTF-8; a file and stdout get the same bytes.
  const table = Buffer.from(service.exportTaskBreakdown(document, options.format as TaskBreakdownFormat), 'utf8');
  if (options.output === undefined) {
    process.stdout.write(table);
    return true;
  }
  try {
    writeFileSync(options.output, table);
  } catch (error) {
    process.stderr.write(`workplan: cannot write ${options.output}: ${readError(error)}\n`);
    return false;
  }
  return true;
}

function main(argv: string[]): number {
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
  // Options win; the workspace configuration fills in what they leave out.
  const { config, base, broken } = readConfig(options);
  let unreadable = broken;
  const fromBase = (path: string) => (isAbsolute(path) ? path : join(base, path));
  options.level ??= config.level as LevelId | undefined;
  options.region ??= config.region;
  const builtinIds = readNationalPlans(undefined).sources.map((s) => s.id);
  options.national ??= config.nationalPlan && (builtinIds.includes(config.nationalPlan) ? config.nationalPlan : fromBase(config.nationalPlan));
  options.severities = config.rules;
  const layers: RegistryLayer[] = [...BUILTIN_REGISTRY];
  const defaultRegistry = fromBase(config.registry ?? DEFAULT_REGISTRY_FILE);
  const registryFile = options.registry ?? (existsSync(defaultRegistry) ? defaultRegistry : undefined);
  if (registryFile) {
    let result;
    try {
      result = parseRegistryFile(readFileSync(registryFile, 'utf8'));
    } catch (error) {
      result = { error: readError(error), line: 1, column: 1 };
    }
    if ('layer' in result) layers.push(result.layer);
    else {
      process.stderr.write(`workplan: ${registryErrorMessage(resolveLocale(options.locale), registryFile, result)}\n`);
      unreadable = true;
    }
  }
  const regionIds = layers.flatMap((l) => l.regions ?? []).map((r) => r.id);
  if (options.region && !regionIds.includes(options.region)) {
    process.stderr.write(`workplan: unknown region ${options.region}; known regions: ${regionIds.join(', ')}\n`);
    return 2;
  }
  const national = nationalPlans(options.national);
  if ('error' in national) {
    process.stderr.write(`workplan: ${national.error}\n`);
    return 2;
  }
  const service = createLanguageService({ locale: options.locale, registry: layers, nationalPlans: national.sources });
  service.configure({ level: options.level, region: options.region, national: national.chosen });
  if (options.command === 'align') return alignFile(service, options) && !unreadable ? 0 : 2;
  if (options.command === 'export') return exportFile(service, options) && !unreadable ? 0 : 2;
  const result = check(service, options);
  return unreadable || result.unreadable ? 2 : result.errors ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
