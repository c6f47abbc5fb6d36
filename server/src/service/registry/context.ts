import type { PlanDocument } from '../syntax/model';
import type { LevelId } from './format';
import type { Registry } from './registry';

/**
 * Which level and region a document is written for. Settings win; then a
 * region preset whose words appear in the title, notice or issuer; then
 * 全国 in the plan's title; then a region preset whose own units (厦门海关,
 * 市公安官渡分局) the clauses name; then the prefix most of its clause units
 * carry (示范区, 区, 县, 市 …); a city plan when nothing tells.
 */

export interface DocumentContext {
  level: LevelId;
  region?: string;
  /** How the context was decided, for display. */
  source: 'setting' | 'title' | 'clauses' | 'default';
}

export interface ContextSettings {
  level?: LevelId;
  region?: string;
}

export function detectContext(doc: PlanDocument, registry: Registry, settings: ContextSettings = {}): DocumentContext {
  const preset = registry.region(settings.region);
  if (preset) return { level: settings.level ?? preset.level, region: preset.id, source: 'setting' };

  const heading = [doc.title?.text, doc.notice.title?.text, doc.notice.issuer?.text, doc.notice.documentNumber?.text]
    .filter((t): t is string => !!t)
    .join('\n')
    .replace(/\s+/g, '');
  const detected = registry.regions.find((r) => (!settings.level || r.level === settings.level) && r.detect.some((word) => heading.includes(word)));
  if (detected) return { level: detected.level, region: detected.id, source: 'title' };
  if (!settings.level && (doc.title?.text ?? '').includes('全国')) return { level: 'national', source: 'title' };

  const names: string[] = [];
  for (const h of doc.headings) {
    for (const c of h.clauses) {
      for (const written of c.content.split(/[、，,；;]/)) names.push(written.replace(/(按(职责|部门)分工)?(分别)?(牵头负责|牵头|负责)$/, '').replace(/等$/, ''));
    }
  }
  const named = new Set(names);
  const byUnits = registry.regions
    .filter((r) => !settings.level || r.level === settings.level)
    .map((r) => ({ region: r, hits: r.units.filter((u) => named.has(u.name)).length }))
    .sort((a, b) => b.hits - a.hits)[0];
  if (byUnits && byUnits.hits >= 2) return { level: byUnits.region.level, region: byUnits.region.id, source: 'clauses' };
  if (settings.level) return { level: settings.level, source: 'setting' };

  const votes = new Map<LevelId, number>();
  const prefixes = registry.allPrefixes();
  let national = 0;
  for (const name of names) {
    // 市公安局 votes for 市; 市场监管局 (a bare core) votes for nothing.
    const p = prefixes.find((x) => name.startsWith(x.prefix) && registry.core(name.slice(x.prefix.length)));
    if (p) votes.set(p.level, (votes.get(p.level) ?? 0) + 1);
    else if (registry.nationalAgency(name)) national++;
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= national) return { level: best[0], source: 'clauses' };
  if (national > 0) return { level: 'national', source: 'clauses' };
  return { level: 'city', source: 'default' };
}
