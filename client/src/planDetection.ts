// Decides whether a plain-text document is a work plan (工作要点 / 工作方案) by
// looking for the plan title near the top of the file. Pure: no `vscode`
// import, so unit tests can call it directly.

/** Only this many lines from the top are examined. */
export const DETECTION_MAX_LINES = 60;
/** Only this many characters from the top are examined. */
export const DETECTION_MAX_CHARS = 8 * 1024;

export interface PlanTitleMatch {
  /** Zero-based line of the title. */
  line: number;
  /** The plan's name with spaces removed, e.g. 2020年厦门市…工作要点 (without 《》). */
  title: string;
}

/** Title-like lines are short and hold no sentence. */
const MAX_TITLE_CHARS = 120;
const SENTENCE_END = /[。；！？;!?]/;
/** Numbered lines (一、 （一） 1. （1）) are headings inside a document, not its title. */
const NUMBERED = /^(?:[一二三四五六七八九十]+[、，,．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/;
const PLAN_KIND = '(?:工作要点|工作方案)';
/** An optional draft marker after the title: （征求意见稿）, (试行), （草案）… */
const DRAFT_SUFFIX = '(?:[（(][^（）()]{0,8}(?:稿|试行|草案|修订)[^（）()]{0,4}[）)])?';

/** 2020年…工作要点, optionally followed by a draft marker. */
const BARE_TITLE = new RegExp(`^(.*${PLAN_KIND})${DRAFT_SUFFIX}$`);
/** …印发《…工作要点》 or 关于印发《…工作要点》的通知: the name inside the brackets. */
const QUOTED_TITLE = new RegExp(`《([^《》]*${PLAN_KIND})${DRAFT_SUFFIX}》(?:的通知)?$`);
/** 关于印发官渡区2020年…工作要点的通知 (notice title without 《》). */
const NOTICE_TITLE = new RegExp(`印发(.*${PLAN_KIND})${DRAFT_SUFFIX}的通知$`);

/** Removes ASCII and ideographic spaces (titles pasted from PDF carry stray ones). */
function compact(line: string): string {
  return line.replace(/[\s\u3000\u00a0\ufeff]+/g, '');
}

/** Tests one line; returns the plan's name when the line is a plan title. */
export function matchPlanTitle(line: string): string | undefined {
  const text = compact(line);
  if (text.length === 0 || text.length > MAX_TITLE_CHARS || SENTENCE_END.test(text) || NUMBERED.test(text)) {
    return undefined;
  }
  const m = QUOTED_TITLE.exec(text) ?? NOTICE_TITLE.exec(text) ?? BARE_TITLE.exec(text);
  return m ? m[1] : undefined;
}

/**
 * Scans the first {@link DETECTION_MAX_LINES} lines (at most
 * {@link DETECTION_MAX_CHARS} characters) of `text` for a plan title.
 */
export function detectPlanTitle(text: string): PlanTitleMatch | undefined {
  const head = text.length > DETECTION_MAX_CHARS ? text.slice(0, DETECTION_MAX_CHARS) : text;
  const lines = head.split(/\r\n|\r|\n/, DETECTION_MAX_LINES);
  for (let i = 0; i < lines.length; i++) {
    const title = matchPlanTitle(lines[i]);
    if (title !== undefined) {
      return { line: i, title };
    }
  }
  return undefined;
}

/** True for file names the auto-detection looks at (`*.txt`, any case). */
export function isDetectableFileName(fileName: string): boolean {
  return /\.txt$/i.test(fileName);
}
