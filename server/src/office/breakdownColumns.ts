/**
 * How wide each column of the 任务分解表 is, in Chinese characters of its
 * cells, as the cells of real plans run (序号, 所属部分, 工作任务, 牵头单位,
 * 配合/责任单位, 对应全国任务): a number path such as 一、/（十一） is seven,
 * a section or task title twelve to sixteen before it wraps, unit lists the
 * most. The Word table shares its width out by these; the spreadsheet sets
 * its columns to them.
 */
export const BREAKDOWN_COLUMN_CHARS = [7, 12, 16, 12, 18, 14] as const;

export function breakdownColumnShares(): number[] {
  const total = BREAKDOWN_COLUMN_CHARS.reduce((a, b) => a + b, 0);
  return BREAKDOWN_COLUMN_CHARS.map((n) => n / total);
}
