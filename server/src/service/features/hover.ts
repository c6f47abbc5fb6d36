import type { AgencyRef } from '../registry/resolve';
import { message, type Locale } from '../l10n';
import type { RegistryView } from '../registry/registry';
import type { PlanDocument } from '../syntax/model';
import type { Hover } from '../types';

/** The unit named at `offset`, if any: refs are in document order, so a binary search finds it. */
export function refAt(refs: AgencyRef[], offset: number): AgencyRef | undefined {
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid].unit;
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return refs[mid];
  }
  return undefined;
}

function itemLabel(ref: AgencyRef): string {
  return ref.heading.marker.text.trim();
}

/**
 * Hover on a unit in a clause: its canonical and full name, level, national
 * counterpart, and the items of this plan where it leads or partners.
 */
export function unitHover(doc: PlanDocument, refs: AgencyRef[], view: RegistryView, offset: number, locale: Locale): Hover | undefined {
  const ref = refAt(refs, offset);
  if (!ref) return undefined;
  const range = doc.lines.range(ref.unit.start, ref.unit.end);
  if (ref.placeholder) return { contents: { kind: 'markdown', value: `**${ref.unit.text}** — ${message('hover.placeholder', locale)}` }, range };
  const agency = ref.agency;
  if (!agency) return undefined;
  const lines = [`**${agency.name}**`];
  if (agency.fullName && agency.fullName !== agency.name) lines.push(`${message('hover.fullName', locale)}${agency.fullName}`);
  const scope = agency.scope === 'vertical' || agency.scope === 'upper' ? `（${message(`hover.scope.${agency.scope}`, locale)}）` : '';
  const region = view.region ? `${view.region.name} · ` : '';
  lines.push(`${message('hover.level', locale)}${region}${message(`levelId.${agency.level}`, locale)}${scope}`);
  if (agency.national.length > 0 && agency.scope !== 'national') {
    const national = agency.national.map((n) => {
      const full = view.registry.nationalAgency(n)?.fullName;
      return full && full !== n ? `${n}（${full}）` : n;
    });
    lines.push(`${message('hover.national', locale)}${national.join('、')}`);
  }
  const same = refs.filter((r) => r.agency?.name === agency.name);
  const items = (lead: boolean) => [...new Set(same.filter((r) => (r.unit.role !== 'partner') === lead).map(itemLabel))];
  const leads = items(true);
  const partners = items(false);
  if (leads.length > 0) lines.push(`${message('hover.leads', locale)}${leads.join(' ')}`);
  if (partners.length > 0) lines.push(`${message('hover.partners', locale)}${partners.join(' ')}`);
  return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range };
}
