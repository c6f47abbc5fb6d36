import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { BUILTIN_REGISTRY } from './builtinRegistry';
import { createLanguageService, DiagnosticSeverity, parseRegistryFile, registryErrorMessage, resolveLocale, type Diagnostic, type LevelId, type RegistryLayer } from './service';

/**
 * `workplan check [--format text|json] [--locale zh-cn|en] FILE...`
 * Runs the same checks as the editor. Exit status: 0 no error-severity
 * diagnostic, 1 at least one, 2 usage error or an unreadable file (the other
 * files are still checked).
 */

const USAGE = `Usage: workplan check [--format text|json] [--locale zh-cn|en] [--registry FILE] [--region ID] [--level LEVEL] FILE...

Checks work plans (工作要点) and prints their problems.
  --format text   file:line:col severity code message (default)
  --format json   [{ "file": ..., "diagnostics": [LSP Diagnostic, ...] }, ...]
  --locale        language of the messages (default: from LANG, else zh-cn)
  --registry      workspace registry file adding units (default: .workplan/registry.json if present)
  --region        region preset id (xiamen, guandu, jiyuan, nantong, or one in the registry file); default: detected
  --level         national, province, city, district, county or zone; default: detected
Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

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

interface CheckOptions {
  format: 'text' | 'json';
  locale: string;
  registry?: string;
  region?: string;
  level?: LevelId;
  files: string[];
}

const LEVEL_IDS = ['national', 'province', 'city', 'district', 'county', 'zone'];
const DEFAULT_REGISTRY_FILE = '.workplan/registry.json';

class UsageError extends Error {}

function parseArgs(argv: string[]): CheckOptions {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  const options: CheckOptions = { format: 'text', locale: defaultLocale(), files: [] };
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
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not ${v}`);
      options.format = v;
    } else if (flag === '--locale') {
      options.locale = value();
    } else if (flag === '--registry') {
      options.registry = value();
    } else if (flag === '--region') {
      options.region = value();
    } else if (flag === '--level') {
      const v = value();
      if (!LEVEL_IDS.includes(v)) throw new UsageError(`--level must be one of ${LEVEL_IDS.join(', ')}, not ${v}`);
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

function main(argv: string[]): number {
  if (argv.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: CheckOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`workplan: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  let unreadable = false;
  const layers: RegistryLayer[] = [...BUILTIN_REGISTRY];
  const registryFile = options.registry ?? (existsSync(DEFAULT_REGISTRY_FILE) ? DEFAULT_REGISTRY_FILE : undefined);
  if (registryFile) {
    let result;
    try {
      result = parseRegistryFile(readFileSync(registryFile, 'utf8'));
    } catch (error) {
      result = { error: READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message, line: 1, column: 1 };
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
  const service = createLanguageService({ locale: options.locale, registry: layers });
  service.configure({ level: options.level, region: options.region });
  const results: Array<{ file: string; diagnostics: Diagnostic[] }> = [];
  let errors = false;
  for (const file of options.files) {
    let text: string;
    try {
      text = decode(readFileSync(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const reason = READ_ERRORS[code] ?? (error as Error).message;
      process.stderr.write(`workplan: cannot read ${file}: ${reason}\n`);
      unreadable = true;
      continue;
    }
    const uri = pathToFileURL(resolve(file)).href;
    const diagnostics = service.computeDiagnostics({ uri, version: 1, getText: () => text });
    service.forget(uri);
    errors ||= diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
    results.push({ file, diagnostics });
    if (options.format === 'text') {
      const lines = formatText(file, diagnostics);
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    }
  }
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return unreadable ? 2 : errors ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
