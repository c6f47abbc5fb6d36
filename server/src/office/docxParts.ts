import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type IStylesOptions } from 'docx';
import { finishPackage } from './docxPackage';
import { FONTS, GRID_FONT_PT, PAGE_NUMBER_LINE, POINTS, halfPoints, type FontEntry } from './gbt9704';

/**
 * What the 公文 writers share: fonts as Word resolves them, the document
 * defaults, the page-number footers, and the package finished (docxPackage.ts).
 */

/**
 * A run's w:rFonts: the Chinese font for East Asian text, Times New Roman
 * for Latin letters and digits. The eastAsia hint makes the characters both
 * ranges share (“ ” — …) take the Chinese font, as typed Chinese text means them.
 */
export function rFonts(eastAsia: FontEntry, latin: FontEntry = FONTS.latin) {
  return { eastAsia: eastAsia.name, ascii: latin.name, hAnsi: latin.name, cs: latin.name, hint: 'eastAsia' };
}

/** Every font the writers name: the font table lists them with their fallbacks. */
export const ALL_FONTS: readonly FontEntry[] = Object.values(FONTS);

/**
 * The defaults of every run: 3号 仿宋, narrowed by `runSpacing` twips, in
 * Chinese; the Normal style the same, as w:charSpace is measured from its size.
 */
export function documentStyles(runSpacing: number): IStylesOptions {
  const run = { font: rFonts(FONTS.fangsong), size: halfPoints(GRID_FONT_PT), characterSpacing: runSpacing, language: { value: 'en-US', eastAsia: 'zh-CN' } };
  return {
    default: { document: { run } },
    paragraphStyles: [{ id: 'Normal', name: 'Normal', run }],
  };
}

/** 7.5 — “— 1 —” in 4号 半角宋体 digits between 一字线, `indent` twips in from the side it is set on. */
function pageNumber(alignment: 'left' | 'right' | 'center', indent: number): Footer {
  const font = rFonts(FONTS.songti, FONTS.songti);
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'left' ? AlignmentType.LEFT : alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
        indent: alignment === 'left' ? { left: indent } : alignment === 'right' ? { right: indent } : undefined,
        // Exactly one 4号 line: footerDistance places the dash by it, whatever the font's own leading.
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: halfPoints(POINTS.sihao), characterSpacing: 0 })],
      }),
    ],
  });
}

/** 7.5 — odd pages right, even pages left, one 字 in from the 版心's edge; Document needs evenAndOddHeaderAndFooters. */
export function outsidePageNumbers(oneChar: number) {
  return { default: pageNumber('right', oneChar), even: pageNumber('left', oneChar) };
}

/** A page whose number does not follow the binding (a landscape table): centred. */
export function centredPageNumbers() {
  return { default: pageNumber('center', 0) };
}

export async function packDocx(doc: Document): Promise<Uint8Array> {
  return finishPackage(await Packer.toBuffer(doc), ALL_FONTS);
}
