/**
 * The burgerservicenummer's 11-check (elfproef): nine digits, weights 9..2 and -1, sum divisible
 * by 11. Catches a mistyped digit or two swapped neighbours before a wrong person is registered.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8]!;
  return sum % 11 === 0 && value !== '000000000';
}

/** A distinct valid BSN per n, for test and benchmark data (999xxxxx, or 998…, 997… when no check digit fits). */
export const bsnOf = (n: number, prefix = 999): string => {
  const head = `${prefix}${String(n).padStart(5, '0')}`;
  const sum = [...head].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  for (let last = 0; last <= 9; last++) if ((sum - last) % 11 === 0) return `${head}${last}`;
  return bsnOf(n, prefix - 1);
};
