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

/** 1 acute problems, 2 not, 3 limited, 4 sufficiently, 5 fully self-sufficient. */
export type ZrmScore = 1 | 2 | 3 | 4 | 5;
export type ZrmScores = Partial<Record<ZrmDomain, ZrmScore>>;

/**
 * IB0 is for clients "die op alle leefgebieden van de ZRM stabiel zijn" (seed 000): every domain
 * scored, and scored 4 or 5. An unscored domain is not proven stable.
 */
export function stableOnAllDomains(scores: ZrmScores): boolean {
  return zrmDomains.every((domain) => (scores[domain] ?? 0) >= 4);
}
