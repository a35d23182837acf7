import { idRangeOf, isReference, referenceOf } from '../../domain/reference';

describe('a trajectory’s kenmerk', () => {
  const id = '5f3c9a2e-1b4d-4c6e-9f00-123456789abc';

  it('when a trajectory is named, then its kenmerk is T- and the first 8 digits of its id in capitals, and that kenmerk covers the id', () => {
    expect(referenceOf(id)).toBe('T-5F3C9A2E');
    const range = idRangeOf(referenceOf(id))!;
    expect([range.from <= id, id <= range.to]).toEqual([true, true]);
    expect(range).toEqual({
      from: '5f3c9a2e-0000-0000-0000-000000000000',
      to: '5f3c9a2e-ffff-ffff-ffff-ffffffffffff',
    });
  });

  it.each(['T-5F3C9A2E', 't-5f3c9a2e', 'T5F3C9A2E', '  T-5f3C9a2E '])(
    'when %j is typed, then it is the kenmerk of the trajectory',
    (typed) => {
      expect(isReference(typed)).toBe(true);
      expect(idRangeOf(typed)?.from).toBe('5f3c9a2e-0000-0000-0000-000000000000');
    },
  );

  it.each(['5F3C9A2E', 'T-5F3C9A2', 'T-5F3C9A2E1', 'T-5F3C9A2G', 'T 5F3C9A2E', 'Tessa', '123456782', ''])(
    'when %j is typed, then it is no kenmerk',
    (typed) => {
      expect(isReference(typed)).toBe(false);
      expect(idRangeOf(typed)).toBeUndefined();
    },
  );
});
