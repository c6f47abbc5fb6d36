import { isString, mapOf, object, oneOf, optional, readJsonFile } from './text/jsonChecks';
import { LEVEL_IDS } from './registry/format';
import { RULES_BY_CODE } from './rules';

/**
 * The workspace configuration file, `.workplan/config.json`: what a review
 * office decides for all its documents (their level and region, its
 * registry, the parent plan, which rules it reports and how loudly), kept
 * with the documents and read by the editor and the CLI alike.
 */
export interface WorkspaceConfig {
  level?: string;
  region?: string;
  /** The registry file, relative to the folder holding `.workplan/`. */
  registry?: string;
  /** The parent plan: a built-in id (national-2020) or a path relative to the folder holding `.workplan/`. */
  nationalPlan?: string;
  /** Severity per diagnostic code, or per group with `group.*` (e.g. `text.*`). */
  rules?: Record<string, string>;
}

export const WORKSPACE_CONFIG_FILE = '.workplan/config.json';

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const GROUPS = new Set([...RULES_BY_CODE.keys()].map((code) => code.split('.')[0]));

/** A rule key is a known code or a known group followed by `.*`. */
function ruleKey(key: string, path: string): string | undefined {
  if (RULES_BY_CODE.has(key)) return undefined;
  if (key.endsWith('.*') && GROUPS.has(key.slice(0, -2))) return undefined;
  return `${path}.${key} is not a diagnostic code (known: ${[...RULES_BY_CODE.keys()].join(', ')}, or a group such as text.*)`;
}

const CONFIG = object(
  {
    level: optional(oneOf(['auto', ...LEVEL_IDS])),
    region: optional(isString),
    registry: optional(isString),
    nationalPlan: optional(isString),
    rules: optional(mapOf(oneOf(SEVERITIES), ruleKey)),
  },
  'the configuration file',
);

export type WorkspaceConfigResult = { config: WorkspaceConfig } | { error: string; line: number; column: number };

export function parseWorkspaceConfig(text: string): WorkspaceConfigResult {
  const result = readJsonFile<WorkspaceConfig>(text, CONFIG);
  if (!('value' in result)) return result;
  // `auto` is the same as leaving the level out.
  const { level, ...rest } = result.value;
  return { config: level && level !== 'auto' ? { level, ...rest } : rest };
}
