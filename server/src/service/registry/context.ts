import type { PlanDocument } from '../syntax/model';
import type { LevelId } from './format';
import { placeIn, placeInNotice } from './place';
import type { Registry } from './registry';

/**
 * Which level, place and region a document is written for, and its year.
 * Settings win; then a region preset whose words appear in the title, notice
 * or issuer; then 全国 in the plan's title; then the place the title, notice
 * title or issuer names (临夏州, 海南省人民政府办公厅, 全州 …), which also gives
 * the prefix of the plan's own units; then a region preset whose own units
 * (厦门海关, 市公安官渡分局) the clauses name; then the prefix most of its
 * clause units carry (示范区, 区, 县, 市 …); a city plan when nothing tells.
 */

export interface DocumentContext {
  level: LevelId;
  region?: string;
  /** The prefix of the plan's own units, when it is not its level's usual one (州, 自治区, 盟, 旗, 高新区 …). */
  prefix?: string;
  /** The place the plan names itself by (临夏回族自治州, 北京市房山区). */
  place?: string;
  /** The year the plan's title (or its notice's title) names. */
  year?: number;
  /** How the level was decided, for display. */
  source: 'setting' | 'title' | 'clauses' | 'default';
}

export interface ContextSettings {
  level?: LevelId;
  region?: string;
}

/**
 * The year a plan is for: the one its title names (2023年…工作要点), else its
 * notice's title, else its document number (苏政办发〔2015〕46号), else the one
 * its preamble opens with (做好2021年全市…工作).
 */
export function documentYear(doc: PlanDocument): number | undefined {
  const compact = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
  const found =
    /(\d{4})年/.exec(compact(doc.title?.text)) ??
    /(\d{4})年/.exec(compact(doc.notice.title?.text)) ??
    /〔(\d{4})〕/.exec(compact(doc.notice.documentNumber?.text)) ??
    /^(?:为?做好|开展)?(\d{4})年/.exec(compact(doc.preamble[0]?.text));
  return Number(found?.[1]) || undefined;
}

export function detectContext(doc: PlanDocument, registry: Registry, settings: ContextSettings = {}): DocumentContext {
  const year = documentYear(doc);
  return { ...detectPlace(doc, registry, settings), year };
}

function detectPlace(doc: PlanDocument, registry: Registry, settings: ContextSettings): Omit<DocumentContext, 'year'> {
  const preset = registry.region(settings.region);
  if (preset) return { level: settings.level ?? preset.level, region: preset.id, source: 'setting' };

  const heading = [doc.title?.text, doc.notice.title?.text, doc.notice.issuer?.text, doc.notice.documentNumber?.text]
    .filter((t): t is string => !!t)
    .join('\n')
    .replace(/\s+/g, '');
  const detected = registry.regions.find((r) => (!settings.level || r.level === settings.level) && r.detect.some((word) => heading.includes(word)));
  if (detected) return { level: detected.level, region: detected.id, source: 'title' };
  if (!settings.level && (doc.title?.text ?? '').includes('全国')) return { level: 'national', source: 'title' };
  const places = [doc.title?.text, doc.notice.title?.text, doc.notice.issuer?.text].map((t) => (t ? placeIn(t) : undefined));
  const first = places.find((p) => p !== undefined) ?? placeInNotice(doc.text.slice(0, Math.min(doc.headings[0]?.start ?? doc.text.length, 3000)));
  // 全省 in the title says the level; the issuer (福建省人民政府办公厅) may say which province.
  const named = first && !first.name ? { ...first, name: places.find((p) => p?.name && p.level === first.level && p.prefix === first.prefix)?.name } : first;
  if (named && (!settings.level || settings.level === named.level)) return { level: named.level, prefix: named.prefix, place: named.name, source: 'title' };

  const names: string[] = [];
  /** Per name, the prefix it is written with or inherits from the unit before it in its clause (自治区经信委、公安厅). */
  const prefixOf: Array<{ prefix: string; level: LevelId } | undefined> = [];
  const prefixes = registry.allPrefixes();
  for (const h of doc.headings) {
    for (const c of h.clauses) {
      let inherited: { prefix: string; level: LevelId } | undefined;
      for (const written of c.content.split(/[、，,；;]/)) {
        const name = written.replace(/(按(职责|部门)分工)?(分别)?(牵头负责|牵头|负责)$/, '').replace(/等$/, '');
        const own = prefixes.find((x) => name.startsWith(x.prefix) && registry.core(name.slice(x.prefix.length)));
        if (own) inherited = own;
        names.push(name);
        prefixOf.push(own ?? (registry.core(name) ? inherited : undefined));
      }
    }
  }
  const used = new Set(names);
  const byUnits = registry.regions
    .filter((r) => !settings.level || r.level === settings.level)
    .map((r) => ({ region: r, hits: r.units.filter((u) => used.has(u.name)).length }))
    .sort((a, b) => b.hits - a.hits)[0];
  if (byUnits && byUnits.hits >= 2) return { level: byUnits.region.level, region: byUnits.region.id, source: 'clauses' };
  if (settings.level) return { level: settings.level, source: 'setting' };

  const votes = new Map<LevelId, number>();
  const prefixVotes = new Map<string, number>();
  let national = 0;
  for (let i = 0; i < names.length; i++) {
    // 市公安局 votes for 市; 市场监管局 (a bare core) votes for nothing, unless a unit before it gave its prefix.
    const p = prefixOf[i];
    if (p) {
      votes.set(p.level, (votes.get(p.level) ?? 0) + 1);
      prefixVotes.set(p.prefix, (prefixVotes.get(p.prefix) ?? 0) + 1);
    } else if (registry.nationalAgency(names[i])) national++;
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= national) {
    // The prefix the level's units are mostly written with: 州 in a prefecture's plan, 市 in a city's.
    const prefix = registry.prefixesOf(best[0]).reduce((a, b) => ((prefixVotes.get(b) ?? 0) > (prefixVotes.get(a) ?? 0) ? b : a));
    return { level: best[0], prefix, source: 'clauses' };
  }
  if (national > 0) return { level: 'national', source: 'clauses' };
  return { level: 'city', source: 'default' };
}
