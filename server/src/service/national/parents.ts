import type { Registry } from '../registry/registry';
import { sameFamily } from './family';
import { loadNationalPlan, type NationalPlan, type NationalPlanSource } from './plan';

/** How the parent plan of a draft was chosen. */
export type ParentChoice = 'setting' | 'year' | 'latest';

/**
 * The parent plans drafts are aligned with, each parsed on first use and
 * kept: a parent plan's agencies are resolved against the registry, so a
 * new registry needs a new ParentPlans.
 */
export class ParentPlans {
  private readonly loaded = new Map<string, NationalPlan>();

  /** `setting`: the id of the plan every draft is aligned with; otherwise chosen by the draft's year. */
  constructor(
    private readonly sources: readonly NationalPlanSource[],
    private readonly registry: Registry,
    private readonly setting?: string,
  ) {}

  /**
   * The setting's plan; else, among the plans of the draft's family
   * (`topic`, see planTopic), the one of the draft's `year`, else the latest;
   * undefined when no plan of its family exists.
   */
  choose(year: number | undefined, topic: string | undefined): { plan: NationalPlan; source: ParentChoice } | undefined {
    if (this.sources.length === 0) return undefined;
    const chosen = this.sources.find((s) => s.id === this.setting);
    if (chosen) return { plan: this.plan(chosen), source: 'setting' };
    const plans = this.all().filter((p) => sameFamily(topic, p.topic));
    if (plans.length === 0) return undefined;
    const ofYear = plans.find((p) => p.year === year);
    if (ofYear) return { plan: ofYear, source: 'year' };
    return { plan: [...plans].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0], source: 'latest' };
  }

  /** Whether any parent plan is there to choose from. */
  any(): boolean {
    return this.sources.length > 0;
  }

  all(): NationalPlan[] {
    return this.sources.map((s) => this.plan(s));
  }

  private plan(source: NationalPlanSource): NationalPlan {
    let plan = this.loaded.get(source.id);
    if (!plan) {
      plan = loadNationalPlan(source, this.registry);
      this.loaded.set(source.id, plan);
    }
    return plan;
  }
}
