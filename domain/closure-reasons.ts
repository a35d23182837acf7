import { isOneOf } from './vocabulary';

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

export const isClosureReason = isOneOf(closureReasons);

/**
 * Each reason with its iWmo code (codelijst "Reden beëindiging" of the WMO307 stop message, iWmo
 * 3.x) as users and the message traffic know it. The seeds name no codes; the two endings of our
 * own are mapped to the nearest code: the maximum duration is the municipality's decision (36), a
 * step-down ends the allocation for a change of product (37). Check with the functional owner.
 */
export const closureReasonCodes: Record<ClosureReason, { code: string; label: string }> = {
  PER_PLAN: { code: '19', label: 'Levering volgens plan beëindigd' },
  BY_AGREEMENT: { code: '23', label: 'In overeenstemming voortijdig beëindigd' },
  BY_CLIENT: { code: '21', label: 'Eenzijdig door cliënt beëindigd' },
  BY_PROVIDER: { code: '22', label: 'Eenzijdig door aanbieder beëindigd' },
  OTHER_PROVIDER: { code: '38', label: 'Overstap naar andere aanbieder' },
  MOVED: { code: '31', label: 'Verhuizing naar een andere gemeente' },
  OTHER_DOMAIN: { code: '39', label: 'Uitstroom naar ander domein' },
  DECEASED: { code: '02', label: 'Overlijden' },
  MAXIMUM_DURATION: { code: '36', label: 'Geïnitieerd door de gemeente: maximale duur bereikt' },
  STEP_DOWN: { code: '37', label: 'In verband met wijziging: afgeschaald naar lichtere ondersteuning' },
};

/** "19 – Levering volgens plan beëindigd": the reason as shown, code first. */
export const closureReasonLabel = (reason: string): string => {
  const known = isClosureReason(reason) ? closureReasonCodes[reason] : undefined;
  return known ? `${known.code} – ${known.label}` : reason;
};
