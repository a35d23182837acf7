import type { BusinessDate } from './calendar';
import { isOneOf } from './vocabulary';
import { zrmDevelopment, zrmDomains, type ZrmDevelopment, type ZrmDomain } from './zrm';

/**
 * What a support plan (ondersteuningsplan) expects of a domain. Seed 002: "In het
 * ondersteuningsplan wordt bepaald op welke resultaatgebieden welke ontwikkelingen worden verwacht.
 * Dit kan variëren tot toename van de zelfredzaamheid of stabilisatie."
 */
export const zrmExpectations = ['INCREASE', 'STABILISE'] as const;
export type ZrmExpectation = (typeof zrmExpectations)[number];
export const isZrmExpectation = isOneOf(zrmExpectations);

/** One domain of the plan: the development expected and the result sought, in the plan's words. */
export interface PlanGoal {
  domain: ZrmDomain;
  expected: ZrmExpectation;
  result: string;
}

export interface Measurement {
  assessedOn: BusinessDate;
  scores: Partial<Record<ZrmDomain, number>>;
}

/** A goal against the ZRM: the scores it started from and stands at, and whether what it expected came about. */
export interface GoalProgress extends PlanGoal {
  from?: number;
  to?: number;
  development?: ZrmDevelopment;
  /** Undefined while the domain has not been scored both at the start and since. */
  reached?: boolean;
}

/** An increase is reached by a higher score; a stabilisation by a score that did not go down. */
export const expectationMet = (expected: ZrmExpectation, development: ZrmDevelopment): boolean =>
  expected === 'INCREASE' ? development === 'IMPROVED' : development !== 'DECLINED';

/**
 * A plan's goals measured by the ZRM: it starts from the latest measurement on or before the day
 * it was agreed (usually the decision's) and stands at the latest one after that day. Measurements
 * oldest first; goals in the matrix's order.
 */
export function planProgress(
  plan: { agreedOn: BusinessDate; goals: PlanGoal[] },
  measurements: Measurement[],
): { start?: Measurement; latest?: Measurement; goals: GoalProgress[] } {
  const start = measurements.filter((m) => m.assessedOn <= plan.agreedOn).at(-1);
  const latest = measurements.filter((m) => m.assessedOn > plan.agreedOn).at(-1);
  const ordered = [...plan.goals].sort((a, b) => zrmDomains.indexOf(a.domain) - zrmDomains.indexOf(b.domain));
  const goals = ordered.map((goal): GoalProgress => {
    const from = start?.scores[goal.domain];
    const to = latest?.scores[goal.domain];
    if (from === undefined || to === undefined) return { ...goal, from, to };
    const development = zrmDevelopment(from, to);
    return { ...goal, from, to, development, reached: expectationMet(goal.expected, development) };
  });
  return { start, latest, goals };
}
