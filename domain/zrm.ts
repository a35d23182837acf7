import { isOneOf } from './vocabulary';

/** Self-sufficiency matrix (Zelfredzaamheidsmatrix) domains, seeds 001 and 002 appendix 1. */
export const zrmDomains = [
  'FINANCES',
  'WORK_EDUCATION',
  'TIME_USE',
  'HOUSING',
  'DOMESTIC_RELATIONS',
  'MENTAL_HEALTH',
  'PHYSICAL_HEALTH',
  'SUBSTANCE_USE',
  'BASIC_ADL',
  'INSTRUMENTAL_ADL',
  'SOCIAL_NETWORK',
  'SOCIAL_PARTICIPATION',
  'JUSTICE',
] as const;

export type ZrmDomain = (typeof zrmDomains)[number];
export const isZrmDomain = isOneOf(zrmDomains);

/** 1 acute problems, 2 not, 3 limited, 4 sufficiently, 5 fully self-sufficient. */
export type ZrmScore = 1 | 2 | 3 | 4 | 5;
export type ZrmScores = Partial<Record<ZrmDomain, ZrmScore>>;
export const isZrmScore = (n: number): n is ZrmScore => Number.isInteger(n) && n >= 1 && n <= 5;

/**
 * IB0 is for clients "die op alle leefgebieden van de ZRM stabiel zijn" (seed 000): every domain
 * scored, and scored 4 or 5. An unscored domain is not proven stable.
 */
export function stableOnAllDomains(scores: ZrmScores): boolean {
  return zrmDomains.every((domain) => (scores[domain] ?? 0) >= 4);
}

/**
 * How a domain developed between two measurements (seed 002: results per ZRM domain are "toename
 * van de zelfredzaamheid of stabilisatie"): a higher score is an improvement, the same is stable.
 */
export type ZrmDevelopment = 'IMPROVED' | 'STABLE' | 'DECLINED';

export function zrmDevelopment(from: number, to: number): ZrmDevelopment {
  if (to > from) return 'IMPROVED';
  return to === from ? 'STABLE' : 'DECLINED';
}

/** Each domain scored in both measurements, with how it developed; a domain scored once has no development. */
export function zrmDevelopments(
  first: Partial<Record<ZrmDomain, number>>,
  latest: Partial<Record<ZrmDomain, number>>,
): { domain: ZrmDomain; from: number; to: number; development: ZrmDevelopment }[] {
  return zrmDomains.flatMap((domain) => {
    const from = first[domain];
    const to = latest[domain];
    return from && to ? [{ domain, from, to, development: zrmDevelopment(from, to) }] : [];
  });
}
