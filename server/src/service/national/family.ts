import { placeIn } from '../registry/place';
import type { PlanDocument } from '../syntax/model';
import { bigrams } from './similarity';

/**
 * What a plan is about, read off its title with the year, the place and the
 * kind of document taken away: 2022年临夏州打击侵犯知识产权和制售假冒伪劣商品工作要点
 * → 打击侵犯知识产权和制售假冒伪劣商品, 2022年全国政务公开工作要点 → 政务公开. A draft
 * is aligned only with a parent plan of its own family: a 政务公开 plan has
 * nothing to do with the tasks of an anti-counterfeiting plan.
 */
export function planTopic(doc: PlanDocument): string | undefined {
  const title = (doc.title?.text ?? '').replace(/\s+/g, '');
  if (!title) return undefined;
  // What follows the last year: 上海市市场监督管理局2022年打击… and 中卫市2017年打击… name their issuer first.
  const years = [...title.matchAll(/\d{4}年度?/g)];
  let topic = years.length > 0 ? title.slice(years[years.length - 1].index! + years[years.length - 1][0].length) : title;
  // The longest place name before the topic: 杭州市 of 杭州市政务公开, not 杭州.
  const place = placeIn(topic)?.name ?? /^\p{Script=Han}{1,6}(?:自治区|省|市|州|盟|县|旗|区)(?=\p{Script=Han}{2})/u.exec(topic)?.[0];
  if (place && topic.startsWith(place)) topic = topic.slice(place.length);
  topic = topic.replace(/^全(?:国|省|自治区|州|盟|市|区|县|旗)/, '');
  const kind = topic.search(/(?:工作)?(?:要点|实施方案|工作方案|任务(?:及)?分工|分工方案|方案|计划|工作安排|要點|計劃)/);
  if (kind > 0) topic = topic.slice(0, kind);
  const normal = topic.replace(/^(?:双打|打击侵权假冒)/, '打击侵犯知识产权和制售假冒伪劣商品');
  return normal.length >= 2 ? normal : undefined;
}

/**
 * Characters only Traditional script writes (擊 for 击, 產 for 产 …): a title
 * copied from a Traditional mirror shares no words with a Simplified one,
 * so its family is left unknown rather than judged different.
 */
const TRADITIONAL = /[擊識產權製偽點國會區縣務關發檢電網貨與這為們過時後來對開單進處經據綜準規劃議導實體應戰]/;

/** Whether two topics are one family: most of their words shared (a topic unknown on either side matches). */
export function sameFamily(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || TRADITIONAL.test(a) || TRADITIONAL.test(b)) return true;
  const x = new Set(bigrams(a));
  const y = new Set(bigrams(b));
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size || 1) >= 0.5;
}
