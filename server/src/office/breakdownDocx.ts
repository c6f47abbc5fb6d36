import {
  AlignmentType,
  Document,
  LineRuleType,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { message, taskBreakdownCells, taskBreakdownHeader, type Locale, type TaskBreakdownRow } from '../service';
import { breakdownColumnShares } from './breakdownColumns';
import { centredPageNumbers, documentStyles, packDocx, rFonts } from './docxParts';
import { A4, FONTS, LANDSCAPE_MARGINS, POINTS, footerDistance, halfPoints, type FontEntry } from './gbt9704';
import { xmlSafe } from './xmlText';

/**
 * The 任务分解表 as a Word table on landscape A4 pages: the title in 2号
 * 小标宋, then one row per task, the header row (黑体) repeated at the top
 * of every page and each row kept whole on a page; cells in 4号 仿宋.
 */

const TABLE_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;

function cellParagraphs(text: string, font: FontEntry, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph[] {
  // A unit written over two lines keeps its break: one paragraph per line of the cell.
  return xmlSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line) => new Paragraph({ alignment, children: line ? [new TextRun({ text: line, font: rFonts(font), size: halfPoints(POINTS.sihao) })] : [] }));
}

function row(cells: string[], widths: number[], header: boolean): TableRow {
  return new TableRow({
    ...(header ? { tableHeader: true } : {}),
    cantSplit: true,
    children: cells.map(
      (text, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: cellParagraphs(text, header ? FONTS.heiti : FONTS.fangsong, header || i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT),
        }),
    ),
  });
}

/** `title` heads the table; the localized 任务分解表 when not given (e.g. the plan's title followed by it). */
export async function writeBreakdownDocx(rows: readonly TaskBreakdownRow[], locale: Locale, title?: string): Promise<Uint8Array> {
  const heading = title ?? message('office.breakdownTitle', locale);
  const shares = breakdownColumnShares();
  const widths = shares.map((s) => Math.floor(TABLE_WIDTH * s));
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(taskBreakdownHeader(locale), widths, true), ...rows.map((r) => row(taskBreakdownCells(r), widths, false))],
  });
  const document = new Document({
    title: xmlSafe(heading),
    creator: '',
    lastModifiedBy: '',
    styles: documentStyles(0),
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { ...LANDSCAPE_MARGINS, footer: footerDistance(LANDSCAPE_MARGINS.bottom), header: 0, gutter: 0 },
          },
        },
        footers: centredPageNumbers(),
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            // Lines of one and a half 2号 ems, and a 2号 line's space before the table.
            spacing: { line: POINTS.erhao * 30, lineRule: LineRuleType.EXACT, after: POINTS.erhao * 20 },
            children: [new TextRun({ text: xmlSafe(heading), font: rFonts(FONTS.xiaobiaosong), size: halfPoints(POINTS.erhao) })],
          }),
          table,
        ],
      },
    ],
  });
  return packDocx(document);
}
