import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_NATIONAL_PLANS, BUILTIN_REGISTRY, BUILTIN_REGISTRY_ERRORS } from './builtinData';
import { decode, readError } from './textFiles';
import {
  isTask,
  message,
  parsePlan,
  parseRegistryFile,
  parseWorkspaceConfig,
  registryErrorMessage,
  WORKSPACE_CONFIG_FILE,
  type LevelId,
  type Locale,
  type NationalPlanSource,
  type RegistryLayer,
  type WorkspaceConfig,
} from './service';

/**
 * One workspace setup for the two entries: from the folder holding
 * `.workplan/` and what the user set explicitly (editor settings, CLI
 * options), it reads the configuration file, the registry file and the
 * parent plan, and returns what the service is configured with and what
 * could not be used. The server shows each problem once; the CLI prints them
 * and exits 2. A value set explicitly wins; the configuration file fills in
 * the rest.
 */

export const DEFAULT_REGISTRY_FILE = '.workplan/registry.json';

/** What the user set in the editor's settings or on the command line. */
export interface ExplicitSettings {
  level?: LevelId;
  region?: string;
  /** The registry file, relative to `WorkspaceInput.base`; it must exist. */
  registry?: string;
  /** A built-in plan id or the path of a plan text, relative to `WorkspaceInput.base`. */
  nationalPlan?: string;
}

/** How an entry names its explicit settings in messages: `setting` workplan.region, `option` --region. */
export interface SettingNames {
  kind: 'setting' | 'option';
  region: string;
  nationalPlan: string;
}

export interface WorkspaceInput {
  /** The folder holding `.workplan/`: its default files are read from it, and the configuration file's paths are relative to it. */
  folder?: string;
  /** The configuration file when it is not `folder/.workplan/config.json` (the CLI's --config); it must exist. */
  configFile?: string;
  settings: ExplicitSettings;
  /** The folder explicit relative paths are read from: the workspace folder (server), the current directory (CLI). */
  base?: string;
  names: SettingNames;
  locale: Locale;
  /** Until the user trusts the workspace, nothing of it is read: built-in data only. */
  trusted: boolean;
}

/** Something the user set that cannot be used: it is left out, and the rest works without it. */
export interface WorkspaceProblem {
  kind: 'config' | 'registry' | 'region' | 'nationalPlan';
  /** Localized, naming the file or the setting. */
  message: string;
}

export interface Workspace {
  /** Everything `configure()` takes. */
  configuration: {
    /** Built-in layers, then the workspace registry file's. */
    registry: RegistryLayer[];
    level?: LevelId;
    region?: string;
    /** The built-in plans and the user's own (which replaces a built-in one of its name). */
    nationalPlans: NationalPlanSource[];
    /** Id of the plan every draft is aligned with; otherwise chosen by year. */
    national?: string;
  };
  /** The configuration file's rule severities; explicit ones are spread over them. */
  configRules: Record<string, string>;
  /** The workspace registry file, present or not: where units are added. Undefined when untrusted or without a folder. */
  registryFile?: string;
  /** The parent plan setting in effect, as written. */
  nationalPlan?: string;
  problems: WorkspaceProblem[];
}

/** The region ids the layers define, in order. */
export function regionIds(layers: readonly RegistryLayer[]): string[] {
  return layers.flatMap((l) => l.regions ?? []).map((r) => r.id);
}

/**
 * The folder the CLI works in: that of `--config` (the folder holding its
 * `.workplan/`, or the file's own folder), else the nearest one at or above
 * `cwd` holding `.workplan/config.json`, else `cwd`.
 */
export function cliFolder(cwd: string, configFile?: string): string {
  if (configFile) {
    const folder = dirname(resolve(cwd, configFile));
    return basename(folder) === '.workplan' ? dirname(folder) : folder;
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, WORKSPACE_CONFIG_FILE))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

function pathFrom(dir: string | undefined, path: string): string | undefined {
  return isAbsolute(path) ? path : dir && join(dir, path);
}

function readText(file: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { error: readError(error) };
  }
}

export function readWorkspace(input: WorkspaceInput): Workspace {
  const { settings, locale, trusted, names } = input;
  const problems: WorkspaceProblem[] = BUILTIN_REGISTRY_ERRORS.map((e) => ({ kind: 'registry', message: message('registry.builtinError', locale, { ...e }) }));
  const configFile = input.configFile ?? (input.folder && join(input.folder, WORKSPACE_CONFIG_FILE));
  const config = trusted && configFile ? readConfig(configFile, input.configFile !== undefined, locale, problems) : {};
  const explicitOrigin = (name: string) => message(names.kind === 'setting' ? 'origin.setting' : 'origin.option', locale, { name });
  const configOrigin = message('origin.config', locale, { file: configFile ?? WORKSPACE_CONFIG_FILE });

  const registry = [...BUILTIN_REGISTRY];
  const registryFile = !trusted
    ? undefined
    : settings.registry !== undefined
      ? pathFrom(input.base, settings.registry)
      : pathFrom(input.folder, config.registry ?? DEFAULT_REGISTRY_FILE);
  if (registryFile && (settings.registry !== undefined || existsSync(registryFile))) {
    const read = readText(registryFile);
    const result = 'text' in read ? parseRegistryFile(read.text) : { error: read.error, line: 1, column: 1 };
    if ('layer' in result) registry.push(result.layer);
    else problems.push({ kind: 'registry', message: registryErrorMessage(locale, registryFile, result) });
  }

  let region = settings.region ?? config.region;
  const known = regionIds(registry);
  if (region && !known.includes(region)) {
    const origin = settings.region !== undefined ? explicitOrigin(names.region) : configOrigin;
    problems.push({ kind: 'region', message: message('settings.unknownRegion', locale, { origin, region, known: known.join(', ') }) });
    region = undefined;
  }

  const nationalPlan = settings.nationalPlan ?? config.nationalPlan;
  const parent = trusted && nationalPlan !== undefined
    ? readParentPlan(nationalPlan, settings.nationalPlan !== undefined ? { dir: input.base, origin: explicitOrigin(names.nationalPlan) } : { dir: input.folder, origin: configOrigin }, locale)
    : undefined;
  if (parent && 'message' in parent) problems.push({ kind: 'nationalPlan', message: parent.message });
  const own = parent && 'source' in parent ? parent.source : undefined;
  const nationalPlans = own ? [...BUILTIN_NATIONAL_PLANS.filter((s) => s.id !== own.id), own] : [...BUILTIN_NATIONAL_PLANS];

  return {
    configuration: {
      registry,
      level: settings.level ?? (config.level as LevelId | undefined),
      region,
      nationalPlans,
      national: parent && 'chosen' in parent ? parent.chosen : own?.id,
    },
    configRules: config.rules ?? {},
    registryFile,
    nationalPlan,
    problems,
  };
}

/** The configuration file; one that cannot be used is reported and read as empty. */
function readConfig(file: string, named: boolean, locale: Locale, problems: WorkspaceProblem[]): WorkspaceConfig {
  if (!named && !existsSync(file)) return {};
  const read = readText(file);
  const result = 'text' in read ? parseWorkspaceConfig(read.text) : { error: read.error, line: 1, column: 1 };
  if ('config' in result) return result.config;
  problems.push({ kind: 'config', message: message('config.error', locale, { file, line: result.line, column: result.column, error: result.error }) });
  return {};
}

/**
 * The parent plan a setting names: a built-in id, or a plan text (decoded as
 * drafts are) named after its file. A bare name that is no file is taken for
 * an id the user thought was built in.
 */
function readParentPlan(
  value: string,
  from: { dir: string | undefined; origin: string },
  locale: Locale,
): { chosen: string } | { source: NationalPlanSource } | { message: string } {
  const ids = BUILTIN_NATIONAL_PLANS.map((s) => s.id);
  if (ids.includes(value)) return { chosen: value };
  const file = resolve(pathFrom(from.dir, value) ?? value);
  const { origin } = from;
  if (!existsSync(file) && /^[\w.-]+$/.test(value) && !/\.(txt|workplan|md)$/i.test(value)) {
    return { message: message('national.unknown', locale, { origin, plan: value, known: ids.join(', ') }) };
  }
  let text: string;
  try {
    text = decode(readFileSync(file));
  } catch (error) {
    return { message: message('national.unreadable', locale, { origin, error: `${file}: ${readError(error)}` }) };
  }
  // A file that reads but holds no task to align with (an image, an empty or a JSON file) is no parent plan either.
  if (!parsePlan(text).headings.some(isTask)) return { message: message('national.notAPlan', locale, { origin, file }) };
  return { source: { id: basename(file).replace(/\.[^.]*$/, ''), uri: pathToFileURL(file).href, text } };
}
