/**
 * What a plan can be exported as, for both the CLI and the editor: its
 * 任务分解表 as CSV, Markdown, an Excel workbook or a Word table, and the
 * plan itself as a Word document laid out as GB/T 9704 lays out an official
 * document.
 */
import type { PlanTextDocument, TaskBreakdownFormat, WorkplanLanguageService } from './service';
import { writeBreakdownDocx } from './office/breakdownDocx';
import { writeBreakdownXlsx } from './office/breakdownXlsx';
import { writePlanDocx } from './office/planDocx';

export type ExportFormat = TaskBreakdownFormat | 'xlsx' | 'table-docx' | 'docx';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'markdown', 'xlsx', 'table-docx', 'docx'];

/** Formats that are not text: they go to a file, not to a terminal. */
export function isBinaryFormat(format: ExportFormat): boolean {
  return format === 'xlsx' || format === 'table-docx' || format === 'docx';
}

/** The file name ending each format is saved with. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { csv: '.csv', markdown: '.md', xlsx: '.xlsx', 'table-docx': '.docx', docx: '.docx' };

export async function exportPlan(service: WorkplanLanguageService, document: PlanTextDocument, format: ExportFormat): Promise<Uint8Array> {
  if (format === 'csv' || format === 'markdown') return Buffer.from(service.exportTaskBreakdown(document, format), 'utf8');
  if (format === 'docx') return writePlanDocx(document.getText());
  const rows = service.getTaskBreakdown(document);
  const title = service.parse(document).title?.text;
  if (format === 'xlsx') return writeBreakdownXlsx(rows, service.locale);
  return writeBreakdownDocx(rows, service.locale, title);
}
