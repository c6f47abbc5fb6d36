// Every string the client shows, by key, in English: the source strings of
// VS Code's localisation (vscode.l10n). The translations are the bundles in
// l10n/ (bundle.l10n.zh-cn.json maps each English string to its Chinese
// text), and `t` in ./messages looks them up. This module imports nothing
// from `vscode`, so the tests can check the table against the bundles.
//
// Placeholders are named (`{error}`) and filled by vscode.l10n.t's
// Record overload. The English string is the bundle key: two keys may not
// share one English string, and changing an English string means changing
// its key in every bundle (test/unit/l10n.test.ts checks both).

export const MESSAGES = {
  'start.failed': 'Work Plan language server failed to start: {error}',
  'editor.none': 'No active editor.',
  'editor.notPlan': 'Open a work plan first (a document in the Work Plan language).',
  'report.none':
    'No parent plan applies to this document, so there is no coverage report (for example, the document is itself a national plan).',
  'report.name': 'National Task Coverage',
  'report.failed': 'Could not produce the coverage report: {error}',
  'show.failed': 'Could not open the national task: {error}',
  'insertAll.failed': 'Inserting the missing national tasks failed: {error}',
  'level.national': 'National',
  'level.province': 'Province',
  'level.city': 'City',
  'level.district': 'District',
  'level.county': 'County',
  'level.zone': 'Zone',
  'source.setting': 'settings (workplan.level / workplan.region)',
  'source.title': 'the title, notice title, issuer or document number',
  'source.clauses': 'the units named in the responsibility clauses',
  'source.default': 'not recognised; checked as a city plan',
  'status.noParent': 'no parent plan',
  'status.tooltipTitle': 'Work Plan · this document',
  'status.level': 'Level',
  'status.region': 'Region',
  'status.regionNone': 'no region preset',
  'status.detected': 'Detected from',
  'status.parent': 'Aligned with',
  'status.parentNone': 'none (a national plan is not aligned with a parent)',
  'status.parentNoneLocal': 'none (no parent plan is available)',
  'status.chosenBySetting': 'set by workplan.nationalPlan',
  'status.chosenByYear': 'the year in this document’s title',
  'status.chosenLatest': 'the latest built-in national plan',
  'status.click': 'Click for the national task coverage report',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof MESSAGES;

/** Values for a message's named placeholders. */
export type MessageArgs = Record<string, string | number>;
