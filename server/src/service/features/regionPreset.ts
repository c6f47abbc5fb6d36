import type { Analysis } from '../analysis';
import type { RegionPreset, RegionUnit } from '../registry/format';
import { shortPlaceName } from '../registry/place';

/**
 * A region preset written from a plan a reviewer has confirmed: its place,
 * level and unit prefix, the words that identify it, and the units it
 * names that the generic registry composes from no prefix and core — the
 * ones it names by their place (厦门海关), the upper and vertical units, and
 * those the registry does not know. Checking the plan again with it pins
 * what the place really calls its units.
 */
export function regionPreset(analysis: Analysis, id?: string): RegionPreset {
  const { context, view, clauses } = analysis;
  const place = view.region?.name ?? context.place;
  const name = place ?? id ?? '';
  const units = new Map<string, RegionUnit>();
  for (const ref of clauses.refs) {
    if (ref.placeholder) continue;
    const written = ref.agency ? ref.agency.name : (ref.elided ?? '') + ref.unit.text;
    if (units.has(written) || view.registry.nationalAgency(written)) continue;
    if (!ref.agency) units.set(written, { name: written });
    else if (ref.agency.scope !== 'local' || ref.agency.region) units.set(written, withoutDefaults({ name: written, national: ref.agency.national, scope: ref.agency.scope }));
  }
  const short = place ? shortPlaceName(place) : undefined;
  const usual = view.registry.prefixesOf(context.level)[0];
  return {
    id: id ?? view.region?.id ?? name,
    name,
    level: context.level,
    ...(view.prefixes[0] && view.prefixes[0] !== usual ? { prefixes: [view.prefixes[0]] } : {}),
    // Without a place name the preset is chosen by its id in the settings, or by its units in the clauses.
    detect: place ? [...new Set([short ?? place, place])] : [],
    units: [...units.values()],
  };
}

/** A unit as a registry file writes it: no empty list, no default scope. */
function withoutDefaults(unit: { name: string; national: string[]; scope: 'national' | 'local' | 'upper' | 'vertical' }): RegionUnit {
  return {
    name: unit.name,
    ...(unit.national.length > 0 ? { national: unit.national } : {}),
    ...(unit.scope === 'upper' || unit.scope === 'vertical' ? { scope: unit.scope } : {}),
  };
}
