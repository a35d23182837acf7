import { stableOnAllDomains, zrmDevelopment, zrmDevelopments, zrmDomains } from '../../domain/zrm';

describe('ZRM (seed 002: results per domain are an improvement or stabilisation)', () => {
  it.each([
    [2, 3, 'IMPROVED'],
    [1, 5, 'IMPROVED'],
    [3, 3, 'STABLE'],
    [4, 2, 'DECLINED'],
  ])('when a domain goes from %i to %i, then it %s', (from, to, expected) => {
    expect(zrmDevelopment(from, to)).toBe(expected);
  });

  it('when two measurements differ in the domains they score, then only the domains scored in both develop, in the matrix order', () => {
    expect(
      zrmDevelopments({ MENTAL_HEALTH: 2, FINANCES: 2, HOUSING: 3 }, { HOUSING: 3, FINANCES: 3, SOCIAL_NETWORK: 4 }),
    ).toEqual([
      { domain: 'FINANCES', from: 2, to: 3, development: 'IMPROVED' },
      { domain: 'HOUSING', from: 3, to: 3, development: 'STABLE' },
    ]);
  });

  it('when every domain is 4 or 5, then the client is stable on all (seed 000), and not with one unscored', () => {
    const all = Object.fromEntries(zrmDomains.map((d) => [d, 4 as const]));
    expect(stableOnAllDomains(all)).toBe(true);
    expect(stableOnAllDomains({ ...all, JUSTICE: undefined })).toBe(false);
    expect(stableOnAllDomains({ ...all, JUSTICE: 3 })).toBe(false);
  });
});
