/**
 * The figures of GB/T 9704-2012 (党政机关公文格式) that the Word writers
 * lay pages out by, in the units WordprocessingML stores: twips (1/20 pt)
 * for lengths, half-points for font sizes.
 */

const TWIPS_PER_MM = 1440 / 25.4;

/** A length in millimetres as whole twips, the unit of w:pgSz, w:pgMar and w:ind. */
export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** Font sizes by their Chinese names (字号), in points. */
export const POINTS = { xiaochu: 36, yihao: 26, erhao: 22, sanhao: 16, sihao: 14 } as const;

export const halfPoints = (pt: number) => pt * 2;

/** 7.1 — A4, 210 mm × 297 mm: 11906 × 16838 twips. */
export const A4 = { width: mmToTwips(210), height: mmToTwips(297) };

/**
 * 5.2.1 — 天头 37 mm, 订口 (the bound edge, left on a portrait page) 28 mm;
 * the 版心 is 156 mm × 225 mm, which leaves 35 mm at the foot and 26 mm at the fore-edge.
 */
export const PORTRAIT_MARGINS = { top: mmToTwips(37), bottom: mmToTwips(35), left: mmToTwips(28), right: mmToTwips(26) };

/**
 * A landscape page (a table) is the portrait sheet turned a quarter so the
 * table's head lies along the bound edge, as 10.1 has it for odd pages:
 * the 订口 becomes the top, the fore-edge the bottom, the foot the left and the 天头 the right.
 */
export const LANDSCAPE_MARGINS = { top: PORTRAIT_MARGINS.left, bottom: PORTRAIT_MARGINS.right, left: PORTRAIT_MARGINS.bottom, right: PORTRAIT_MARGINS.top };

/** 5.2.2 — 22 lines a page, 28 characters a line, of 3号 仿宋. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** The size every grid figure is relative to: the Normal style must have it, as w:charSpace is a difference from it. */
export const GRID_FONT_PT = POINTS.sanhao;

export interface DocumentGrid {
  /** Twips from one grid line to the next (w:linePitch). */
  linePitch: number;
  /** The character pitch minus the font size, in 1/4096 pt (w:charSpace), as Word's character grid reads it. */
  charSpace: number;
  /** The same difference in whole twips, rounded down: the w:spacing of every run of that size. */
  runSpacing: number;
  /** The character pitch this spacing gives, in twips: what one 字 of indentation is. */
  charPitch: number;
}

/**
 * The grid that puts `lines` lines of `chars` characters of `fontPt` in a
 * text area of `width` × `height` twips:
 *
 *   linePitch  = ⌊height / lines⌋                       (twips)
 *   charSpace  = ⌊(width / chars / 20 − fontPt) × 4096⌋  (1/4096 pt)
 *   runSpacing = ⌊width / chars − fontPt × 20⌋           (twips)
 *
 * Every figure is rounded down so that the last line and the last
 * character still fit: rounding up would push one of them out.
 *
 * Word's character grid (w:docGrid type linesAndChars) sets each character
 * on fontPt + charSpace / 4096 points, fontPt being the Normal style's size
 * (ECMA-376 §17.6.5). LibreOffice (7.4, measured) gives a character whose
 * glyph is wider than that pitch two cells of the grid:
 * 28 characters of 3号 need a pitch below 16 pt, so it sets 14 a line. The
 * writers therefore declare a line grid (type lines, which both apply the
 * same way) and narrow each run by runSpacing, which both honour, so that
 * either sets 28 characters; charSpace stays on the grid element, so that
 * Word's page setup still shows 28 characters if a user turns the character
 * grid on.
 */
export function documentGrid(width: number, height: number, lines: number, chars: number, fontPt: number): DocumentGrid {
  const linePitch = Math.floor(height / lines);
  const charSpace = Math.floor((width / chars / 20 - fontPt) * 4096);
  const runSpacing = Math.floor(width / chars - fontPt * 20);
  return { linePitch, charSpace, runSpacing, charPitch: fontPt * 20 + runSpacing };
}

export const PORTRAIT_TEXT = {
  width: A4.width - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right,
  height: A4.height - PORTRAIT_MARGINS.top - PORTRAIT_MARGINS.bottom,
};

export const PORTRAIT_GRID = documentGrid(PORTRAIT_TEXT.width, PORTRAIT_TEXT.height, LINES_PER_PAGE, CHARS_PER_LINE, GRID_FONT_PT);

/**
 * 7.5 — The page number's 一字线 lies 7 mm below the 版心. Word measures
 * the footer from the page's lower edge to the bottom of its line; the dash
 * sits at about the middle of the 4号 line, so the line's bottom is half
 * its height below the dash: bottom margin − 7 mm − 7 pt.
 */
export const PAGE_NUMBER_LINE = halfPoints(POINTS.sihao) * 10;
export function footerDistance(bottomMarginTwips: number): number {
  return bottomMarginTwips - mmToTwips(7) - PAGE_NUMBER_LINE / 2;
}

/**
 * The fonts of a 公文 and what each falls back to where it is absent: the
 * GB2312 fonts of older installations are 仿宋/楷体 on newer Windows, and
 * 宋体 and 黑体 go by their English names (SimSun, SimHei) on some systems.
 * Word reads `altName` from the font table; WPS ships all of them.
 */
export interface FontEntry {
  name: string;
  altName?: string;
  /** w:charset: 86 is GB2312, 00 ANSI. */
  charset: string;
  /** w:family and w:pitch, as Windows registers the font. */
  family: 'modern' | 'roman' | 'auto';
  pitch: 'fixed' | 'variable';
}

export const FONTS = {
  xiaobiaosong: { name: '方正小标宋简体', altName: '宋体', charset: '86', family: 'auto', pitch: 'variable' },
  heiti: { name: '黑体', altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  kaiti: { name: '楷体_GB2312', altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  fangsong: { name: '仿宋_GB2312', altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  songti: { name: '宋体', altName: 'SimSun', charset: '86', family: 'auto', pitch: 'variable' },
  latin: { name: 'Times New Roman', charset: '00', family: 'roman', pitch: 'variable' },
} as const satisfies Record<string, FontEntry>;

/** 7.2 — 红色 of the masthead and of the rule under the document number. */
export const RED = 'FF0000';
