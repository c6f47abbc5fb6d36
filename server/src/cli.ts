import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import { BUILTIN_REGISTRY } from './builtinData';
import { decode, readError } from './textFiles';
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
 * A configuration file, registry file, region or parent plan that cannot be
 * used is reported on stderr and left out, as the editor does; the files are
 * still checked, and the exit status is 2.
 *
 * `workplan export [options] FILE` prints the plan's 任务分解表 (one row per
 * task: number, section, title, lead units, other units, national task) as
 * CSV for Excel or as a Markdown table, to stdout or to `--output`. Exit
 * status: 0 written, 2 usage error, unreadable file, unknown national plan,
 * or an output file that cannot be written.
 */

/** The region presets named are those data/registry/regions/ defines. */
const USAGE = `Usage: workplan check [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE...
       workplan align [--format text|json] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE
       workplan export [--format csv|markdown] [--locale zh-cn|en] [--output FILE] [--config FILE] [--registry FILE] [--region ID] [--level LEVEL] [--national ID|PATH] FILE
       workplan registry init [--id ID] [--output FILE] [--locale zh-cn|en] [--config FILE] [--registry FILE] [--level LEVEL] FILE

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
const FORMATS: Record<Command, readonly string[]> = { check: ['text', 'json'], align: ['text', 'json'], export: ['csv', 'markdown'], 'registry init': ['json'] };

interface CliOptions {
  command: Command;
  format: 'text' | 'json' | TaskBreakdownFormat;
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
      if (!formats.includes(v)) throw new UsageError(`--format must be ${formats.join(' or ')}, not ${v}`);
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
  if (command !== 'check' && options.files.length > 1) throw new UsageError(`${command} takes one file, not ${options.files.length}`);
  return options;
}

function defaultLocale(): string {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(lang) ? 'en' : 'zh-cn';
}

function formatText(file: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const { line, character } = d.range.start;
    return `${file}:${line + 1}:${character + 1} ${SEVERITY_NAMES[d.severity]} ${d.code} ${d.message}`;
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
function formatAlignment(file: string, report: AlignmentReport, locale: Locale): string[] {
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
    const local = same ? cell('', LOCAL) : cell(`${m.local.number}${m.local.title}`, LOCAL);
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

/** What the checks of a file could not know, said once on stderr: the parent plan's year is a diagnostic of its own (coverage.other-year). */
function sayLimits(service: WorkplanLanguageService, file: string, document: PlanTextDocument): void {
  if (service.getContext(document).source === 'default') process.stderr.write(`workplan: ${message('context.levelDefault', service.locale, { file })}\n`);
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
    const document = { uri, version: 1, getText: () => read.text };
    const diagnostics = service.computeDiagnostics(document, { severities: options.severities });
    sayLimits(service, file, document);
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
  sayLimits(service, file, document);
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
    process.stdout.write(`${formatAlignment(file, report, service.locale).join('\n')}\n`);
  }
  return true;
}

/** Writes the task breakdown of one file to stdout or --output; false when the file cannot be read or the output written. */
function exportFile(service: WorkplanLanguageService, options: CliOptions): boolean {
  const file = options.files[0];
  const document = openPlanFile(file);
  if (!document) return false;
  sayLimits(service, file, document);
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

/**
 * Writes a region preset made from one plan a reviewer has confirmed into
 * the workspace registry file (or --output), replacing a preset of the same
 * id; false when the plan cannot be read or the file written.
 */
function initRegistry(service: WorkplanLanguageService, options: CliOptions, registryFile: string): boolean {
  const file = options.files[0];
  const document = openPlanFile(file);
  if (!document) return false;
  sayLimits(service, file, document);
  const preset = service.getRegionPreset(document, options.id);
  if (!preset.id) {
    process.stderr.write(`workplan: ${message('registryInit.noPlace', service.locale, { file })}\n`);
    return false;
  }
  const target = options.output ?? registryFile;
  try {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, addRegionToRegistryText(current, preset));
  } catch (error) {
    process.stderr.write(`workplan: cannot write ${target}: ${readError(error)}\n`);
    return false;
  }
  const words = { id: preset.id, name: preset.name, level: message(`levelId.${preset.level}`, service.locale), units: preset.units.length, file: target };
  process.stdout.write(`${message('registryInit.written', service.locale, words)}\n`);
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
  if (options.command === 'align') return alignFile(service, options) && !unreadable ? 0 : 2;
  if (options.command === 'export') return exportFile(service, options) && !unreadable ? 0 : 2;
  if (options.command === 'registry init') return initRegistry(service, options, workspace.registryFile ?? DEFAULT_REGISTRY_FILE) && !unreadable ? 0 : 2;
  const result = check(service, options);
  return unreadable || result.unreadable ? 2 : result.errors ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
