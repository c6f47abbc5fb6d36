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
  'breakdown.pickFormat': 'Export the task breakdown table as',
  'breakdown.csv': 'CSV (for Excel)',
  'breakdown.csvDetail': 'Saved as a file that Excel and WPS open directly',
  'breakdown.markdown': 'Markdown table',
  'breakdown.markdownDetail': 'Opened beside the plan, to copy or preview',
  'breakdown.none': 'The Work Plan language server has not read this document yet. Try again in a moment.',
  'breakdown.failed': 'Could not produce the task breakdown table: {error}',
  'breakdown.saveTitle': 'Save the Task Breakdown Table',
  'breakdown.csvFilter': 'CSV table (Excel)',
  'breakdown.writeFailed': 'Could not save {file}: {error}',
  'breakdown.saved': 'Task breakdown table saved: {file}',
  'breakdown.open': 'Open',
  'breakdown.openFailed': 'Could not open {file}: {error}',
  'breakdown.markdownOpened': 'The task breakdown table is open beside the plan as Markdown.',
  'breakdown.preview': 'Open Preview',
  'renumber.failed': 'Renumbering the document failed: {error}',
  'plans.placeholder': 'Select the parent plan work plans are aligned with (setting workplan.nationalPlan)',
  'plans.auto': 'Automatic (by the year in the title)',
  'plans.autoDetail': 'The built-in national plan of the year in the draft’s title, else the latest built-in one',
  'plans.builtin': 'built-in',
  'plans.current': 'current',
  'plans.chooseFile': 'Choose a file…',
  'plans.chooseFileDetail': 'A plan text (.txt): a later national plan, or a provincial plan used as the parent',
  'plans.fileFilter': 'Plan text',
  'plans.openLabel': 'Align with This Plan',
  'plans.notOnDisk': 'The parent plan must be a file on disk: {file}',
  'plans.failed': 'Could not list the parent plans: {error}',
  'plans.none': 'The Work Plan language server did not list the parent plans.',
  'plans.updateFailed': 'Could not change the setting workplan.nationalPlan: {error}',
  'plans.chosen': 'Work plans are now aligned with {plan}.',
  'plans.chosenAuto': 'Work plans are now aligned with the built-in national plan of the year in their title.',
  'plans.untrusted': 'This workspace is not trusted: the choice takes effect once you trust it.',
  'status.selectPlan': 'Select the parent plan…',
  'status.limits': 'Limits',
  'status.limitLevel': 'the level was not recognised from the title, issuer or units: checked as a city plan (set workplan.level)',
  'status.limitParent': 'no parent plan of {year} is available: compared with another year’s plan, without a report per task (set workplan.nationalPlan)',
  'status.limitYear': 'the plan names no year: compared with the latest parent plan, without a report per task (set workplan.nationalPlan)',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof MESSAGES;

/** Values for a message's named placeholders. */
export type MessageArgs = Record<string, string | number>;
