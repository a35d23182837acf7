import { nextReview } from '../../domain/provider-reviews';

/** Seed 001: each provider's performance discussed with contract management at least once a year. */
describe("the yearly talk on a provider's performance", () => {
  it('when the last talk was a year ago today, then it is due today and not yet late; tomorrow it is', () => {
    expect(nextReview('2025-12-07', '2026-12-07')).toEqual({ dueOn: '2026-12-07', overdue: false });
    expect(nextReview('2025-12-07', '2026-12-08')).toEqual({ dueOn: '2026-12-07', overdue: true });
  });

  it('when the last talk was on a leap day, then the next is due on 28 February', () => {
    expect(nextReview('2028-02-29', '2029-01-01')).toEqual({ dueOn: '2029-02-28', overdue: false });
  });

  it('when there has been no talk, then one is due now', () => {
    expect(nextReview(null, '2026-12-07')).toEqual({ dueOn: null, overdue: true });
  });
});
