import { assessNoShow, type NoShowHistory } from '../../domain/no-shows';

const history = (h: Partial<NoShowHistory>): NoShowHistory => ({
  policy: 'ALWAYS_DECLARABLE',
  cap: null,
  declarableSoFar: 0,
  consecutiveBefore: 0,
  ...h,
});

describe('no-shows (seed 003)', () => {
  it.each([
    [0, 'NONE'],
    [1, 'NOTIFY_LOCAL_TEAM'],
    [2, 'RECONTACT'],
  ])('when %i no-shows came right before, then the action is %s', (consecutiveBefore, action) => {
    expect(assessNoShow(history({ consecutiveBefore }))).toMatchObject({ consecutive: consecutiveBefore + 1, action });
  });

  it('when the product is 02B03 (24/7), then a no-show is never declarable', () => {
    expect(assessNoShow(history({ policy: 'NOT_DECLARABLE' })).declarable).toBe(false);
  });

  it('when the product is 02B04 (bemoeizorg), then it is always declarable', () => {
    expect(assessNoShow(history({ policy: 'ALWAYS_DECLARABLE', declarableSoFar: 40 })).declarable).toBe(true);
  });

  it('when the product is 02B05, then the sixth is declarable and the seventh is not', () => {
    const capped = { policy: 'CAPPED_PER_ALLOCATION' as const, cap: 6 };
    expect(assessNoShow(history({ ...capped, declarableSoFar: 5 })).declarable).toBe(true);
    expect(assessNoShow(history({ ...capped, declarableSoFar: 6 })).declarable).toBe(false);
  });
});
