// The client's user-facing strings, localised by VS Code (vscode.l10n): the
// English source strings are in ./messageTable, their translations in the
// bundles of l10n/ (declared by `"l10n": "./l10n"` in package.json). VS Code
// picks the bundle of its display language; English needs none.
import * as vscode from 'vscode';
import { MESSAGES, type MessageArgs, type MessageKey } from './messageTable';

export type { MessageArgs, MessageKey } from './messageTable';

/** The message in the display language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, args: MessageArgs = {}): string {
  return vscode.l10n.t(MESSAGES[key], args);
}

/** The message of an error of any kind. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
