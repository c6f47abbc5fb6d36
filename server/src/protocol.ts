/**
 * The extension's own protocol between the VS Code client and the language
 * server: every custom request, notification and command id, with the shapes
 * they carry. The client, the server and the service's code lenses and
 * actions name them from here. No imports, so the client bundle takes in
 * nothing of the server.
 */

/** Params of the requests about one open document. */
export interface DocumentParams {
  uri: string;
}

/** The coverage report of an open document: Markdown, or null when the server does not have the document or no parent plan applies. */
export const COVERAGE_REPORT_REQUEST = 'workplan/coverageReport';

/** The level, region and parent plan of an open document, for the status bar; null when the server does not have it. */
export const CONTEXT_REQUEST = 'workplan/context';

export interface PlanContext {
  level: string;
  region?: string;
  regionName?: string;
  /** The place the plan names itself by, when no region preset knows it: 临夏回族自治州. */
  place?: string;
  /** The year the plan is for, when it says. */
  year?: number;
  /** How the level and region were decided: setting, title, clauses, default. */
  source: string;
  national?: { id: string; title: string; source: 'setting' | 'year' | 'latest' };
}

/** The 任务分解表 of an open document as CSV or Markdown text; null when the server does not have the document. */
export const TASK_BREAKDOWN_REQUEST = 'workplan/taskBreakdown';

export interface TaskBreakdownParams extends DocumentParams {
  format?: 'csv' | 'markdown';
}

/** A Word (.docx, .doc) or PDF file, named by its file: uri, read as plan text for the editor to open as a work plan. */
export const READ_OFFICE_DOCUMENT_REQUEST = 'workplan/readOfficeDocument';

/** The plan text read, with what reading changed (page numbers dropped, wraps joined …) in words; or why the file cannot be read. */
export type OfficeDocumentResult = { text: string; format: 'docx' | 'doc' | 'pdf'; notes: string[] } | { error: string };

/** An open document exported as a file that is not text, base64-encoded; null when the server does not have the document. */
export const EXPORT_DOCUMENT_REQUEST = 'workplan/exportDocument';

export interface ExportDocumentParams extends DocumentParams {
  /** xlsx, table-docx: the 任务分解表 as an Excel workbook or a Word table; docx: the plan as a 公文-format Word document. */
  format: 'xlsx' | 'table-docx' | 'docx';
}

export interface ExportDocumentResult {
  data: string;
}

/** The parent plans a draft can be aligned with, and the setting in effect (params: `{}`). */
export const NATIONAL_PLANS_REQUEST = 'workplan/nationalPlans';

export interface NationalPlanInfo {
  id: string;
  title: string;
  year?: number;
  builtin: boolean;
  /** The plan text's file path, for a plan that is not built in. */
  path?: string;
}

export interface NationalPlans {
  plans: NationalPlanInfo[];
  /** The setting in effect (workplan.nationalPlan, else .workplan/config.json); absent when automatic. */
  setting?: string;
}

/** The server process's memory, as rust-analyzer/memoryUsage: for benchmarks and leak hunts. */
export const MEMORY_USAGE_REQUEST = 'workplan/memoryUsage';

/** process.memoryUsage() in bytes. */
export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Whether a full GC ran first (the server runs with --expose-gc): only then is heapUsed the live heap, which tells a leak from V8 growing its heap lazily. */
  collected: boolean;
}

/** Client → server: the user has granted the workspace trust, so its files may now be read. */
export const TRUSTED_NOTIFICATION = 'workplan/workspaceTrusted';

/** Server → client: contexts may have changed (settings, registry, parent plans); the status bar asks again. */
export const CONTEXT_CHANGED_NOTIFICATION = 'workplan/contextChanged';

// Commands the server executes (workspace/executeCommand). The language
// client registers each under its id, so the client's palette commands have
// other ids.

/** Inserts every missing national task into the document whose uri is the argument. */
export const INSERT_ALL_MISSING_COMMAND = 'workplan.insertAllMissing';
/** Renumbers every level of the document whose uri is the argument. */
export const RENUMBER_COMMAND = 'workplan.renumber';
/** Writes the unit of the argument (`{ name, level?, region? }`) into the workspace registry file: the service's quick fix, done by the server. */
export const ADD_TO_REGISTRY_COMMAND = 'workplan.addToRegistry';

// Client commands the server's code lenses name.

/** Opens the national task of the argument (an LSP Location) beside the draft. */
export const SHOW_NATIONAL_COMMAND = 'workplan.showNationalTask';
/** Opens the coverage report of the document whose uri is the argument. */
export const COVERAGE_REPORT_COMMAND = 'workplan.coverageReport';

// The client's other commands, as package.json contributes them.
export const TREAT_AS_PLAN_COMMAND = 'workplan.treatAsPlan';
export const INSERT_ALL_MISSING_TASKS_COMMAND = 'workplan.insertAllMissingTasks';
export const EXPORT_TASK_BREAKDOWN_COMMAND = 'workplan.exportTaskBreakdown';
export const RENUMBER_DOCUMENT_COMMAND = 'workplan.renumberDocument';
export const SELECT_NATIONAL_PLAN_COMMAND = 'workplan.selectNationalPlan';
export const OPEN_OFFICE_DOCUMENT_COMMAND = 'workplan.openOfficeDocument';
export const EXPORT_OFFICIAL_DOCX_COMMAND = 'workplan.exportOfficialDocx';
