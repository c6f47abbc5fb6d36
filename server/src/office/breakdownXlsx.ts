import type { Cell } from 'write-excel-file/universal' with { 'resolution-mode': 'import' };
import { message, taskBreakdownCells, taskBreakdownHeader, type Locale, type TaskBreakdownRow } from '../service';
import { BREAKDOWN_COLUMN_CHARS } from './breakdownColumns';

/**
 * The 任务分解表 as an Excel workbook of one sheet: the header row bold and
 * frozen, cells wrapping in columns as wide as breakdownColumns.ts says (a
 * Chinese character is two of Excel's character widths). Every cell is a
 * string cell, which a spreadsheet never evaluates, so the formula guard of
 * the CSV is not needed here; characters XML cannot hold the library drops.
 */

/** Excel refuses a cell longer than this as damaged (its specification's limit). */
const MAX_CELL = 32767;

function cellText(text: string): string {
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}

export async function writeBreakdownXlsx(rows: readonly TaskBreakdownRow[], locale: Locale): Promise<Uint8Array> {
  const header: Cell[] = taskBreakdownHeader(locale).map((value) => ({ value, type: String, fontWeight: 'bold', wrap: true, align: 'center', alignVertical: 'center' }));
  const body: Cell[][] = rows.map((r) => taskBreakdownCells(r).map((value) => ({ value: cellText(value), type: String, wrap: true, alignVertical: 'top' })));
  // An ES module package: loaded as one from this CommonJS code (esbuild bundles it all the same).
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const blob = await writeXlsxFile([header, ...body], {
    sheet: message('office.breakdownTitle', locale),
    columns: BREAKDOWN_COLUMN_CHARS.map((chars) => ({ width: chars * 2 + 1 })),
    stickyRowsCount: 1,
  }, { fontFamily: '宋体', fontSize: 11 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
