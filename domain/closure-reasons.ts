/**
 * Why an allocation or trajectory ends, after the iWmo stop-reason list (reden beeindiging),
 * plus the two endings DOMAIN.md names: maximum duration reached and step-down to lighter care.
 * The database enum `ClosureReason` mirrors this list; a test keeps them equal.
 */
export const closureReasons = [
  'PER_PLAN', // levering volgens plan beeindigd: goal reached / outflow
  'BY_AGREEMENT', // in overeenstemming met client voortijdig beeindigd
  'BY_CLIENT', // eenzijdig door client: refused, unreachable
  'BY_PROVIDER', // eenzijdig door aanbieder
  'OTHER_PROVIDER', // overplaatsing naar andere aanbieder
  'MOVED', // verhuizing
  'OTHER_DOMAIN', // overgang naar ander domein (Wlz, Zvw)
  'DECEASED', // overlijden
  'MAXIMUM_DURATION', // the product's maximum duration reached
  'STEP_DOWN', // afgeschaald naar lichtere zorg
] as const;

export type ClosureReason = (typeof closureReasons)[number];

export function isClosureReason(value: string): value is ClosureReason {
  return (closureReasons as readonly string[]).includes(value);
}
