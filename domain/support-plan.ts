import type { BusinessDate } from './calendar';
import type { RuleViolation } from './indication-rules';
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

/**
 * Seed 000, IB0: "In het ondersteuningsplan worden de afspraken m.b.t. contactmomenten en de frequentie
 * vastgelegd", and "Afhankelijk van de ondersteuningsbehoefte van de klant zal de ondersteuning
 * pro-actief, reactief of een combinatie daarvan zijn".
 */
export const contactApproaches = ['PROACTIVE', 'REACTIVE', 'BOTH'] as const;
export type ContactApproach = (typeof contactApproaches)[number];

/** A contact moment every so many weeks (at most a year apart), and who takes the initiative. */
export interface ContactAgreement {
  everyWeeks: number;
  approach: ContactApproach;
}
export const MAX_CONTACT_WEEKS = 52;

/** A product whose plan sets the contact moments (the catalogue's `planAgreesContacts`, IB0) has a plan only with them. */
export function checkContactAgreement(
  product: { code: string; planAgreesContacts: boolean },
  contact: ContactAgreement | undefined,
): Required<RuleViolation>[] {
  if (!product.planAgreesContacts || contact) return [];
  return [
    {
      field: 'contact',
      rule: `${product.code}.CONTACT_AGREEMENT`,
      message: `a support plan for ${product.code} sets the contact moments, their frequency and the approach`,
    },
  ];
}

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

/** The measurement a plan starts from: the latest on or before the day it was agreed (measurements oldest first). */
export const planStart = (measurements: Measurement[], agreedOn: BusinessDate): Measurement | undefined =>
  measurements.filter((m) => m.assessedOn <= agreedOn).at(-1);

/** Where acute problems are IB's to work on (seed 001: "dagbesteding (overlast)" and "geestelijke gezondheid"). */
const acuteDomains: readonly ZrmDomain[] = ['TIME_USE', 'MENTAL_HEALTH'];
/** What IB on justice must go with (seed 001: "geestelijke gezondheid" and/or "verslaving"). */
const justiceCompanions: readonly ZrmDomain[] = ['MENTAL_HEALTH', 'SUBSTANCE_USE'];

/**
 * The domains a plan of the Drechtsteden's IB may work on (seed 001, "Resultaatgebieden IB"): those
 * scored not (2) or limited (3) self-sufficient when it starts; acute problems (1) only for day
 * structure (nuisance) and mental health, since other professionals help with the rest; justice
 * only beside mental health or substance use. A domain not scored at the start is not judged.
 */
export function checkPlanGoals(domains: ZrmDomain[], atStart: Measurement | undefined): Required<RuleViolation>[] {
  const refuse = (domain: ZrmDomain, rule: string, message: string) => ({
    field: `goals.${domain}.expected`,
    rule,
    message,
  });
  const refusals = domains.flatMap((domain) => {
    const score = atStart?.scores[domain];
    if (score !== undefined && score >= 4)
      return [
        refuse(domain, 'GOAL_SELF_SUFFICIENT', `${domain} scored ${score} at the plan's start: IB works on 2 and 3`),
      ];
    if (score === 1 && !acuteDomains.includes(domain))
      return [
        refuse(
          domain,
          'GOAL_ACUTE',
          `${domain} scored 1: IB works on acute problems of ${acuteDomains.join(', ')} only`,
        ),
      ];
    return [];
  });
  if (domains.includes('JUSTICE') && !domains.some((d) => justiceCompanions.includes(d)))
    refusals.push(refuse('JUSTICE', 'GOAL_JUSTICE_ALONE', `IB on JUSTICE goes with ${justiceCompanions.join(' or ')}`));
  return refusals;
}

/**
 * A plan's goals measured by the ZRM: it starts from the latest measurement on or before the day
 * it was agreed (usually the decision's) and stands at the latest one after that day. Measurements
 * oldest first; goals in the matrix's order.
 */
export function planProgress(
  plan: { agreedOn: BusinessDate; goals: PlanGoal[] },
  measurements: Measurement[],
): { start?: Measurement; latest?: Measurement; goals: GoalProgress[] } {
  const start = planStart(measurements, plan.agreedOn);
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
