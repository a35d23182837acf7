import { isValidBsn } from '../../domain/bsn';

describe('BSN 11-check', () => {
  it.each(['999990019', '111222333', '123456782'])('when %s is checked, then it passes', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });
  it.each([
    ['999990018', 'last digit mistyped'],
    ['999909019', 'two neighbours swapped'],
    ['12345678', 'eight digits'],
    ['1234567820', 'ten digits'],
    ['12345678a', 'a letter'],
    ['000000000', 'all zeros'],
  ])('when %s is checked (%s), then it fails', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
});
