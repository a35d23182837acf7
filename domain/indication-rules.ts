import { addDays, daysBetween, type BusinessDate } from './calendar';
import { lastAllowedDay } from './deadlines';
import { stableOnAllDomains, type ZrmScores } from './zrm';

/** The catalogue rules a decision is checked against (the Product row, as plain data). */
export interface ProductRules {
  code: string;
  minDurationMonths: number | null;
  maxDurationMonths: number | null;
  requiresStableZrm: boolean;
  validFrom: BusinessDate | null;
  validTo: BusinessDate | null;
  /** Result-financed (SDD categories): no volume in hours. Absent in decisions recorded before it was checked. */
  resultFinanced?: boolean;
}

export interface ProposedIndication {
  startDate: BusinessDate;
  endDate: BusinessDate; // inclusive
  hoursPerWeek: number | null;
  zrm: ZrmScores;
}

export interface RuleViolation {
  rule: string; // stable name, e.g. "02B03.MAX_DURATION"; the API reports it (422)
  message: string;
  field?: string; // the request field it concerns, where one does
}

/**
 * Checks a proposed indication against its product's rules; an empty list means it may be decided.
 * 02B03 at least 1 and at most 12 months; 02B04 and 02B05 at most 12 months per allocation (seed 003);
 * IB4-MO at most one year (seed 004); IB0 only when stable on every ZRM domain (seed 000); a volume
 * in hours exactly for the products paid per hour (seed 003 per hour, seed 001 per category).
 */
export function checkIndication(product: ProductRules, proposal: ProposedIndication): RuleViolation[] {
  const { startDate } = proposal;
  const violations = checkPeriod(product, proposal.startDate, proposal.endDate);
  const add = (rule: string, message: string, field?: string) =>
    violations.push({ rule: `${product.code}.${rule}`, message, ...(field && { field }) });
  if (product.validFrom && startDate < product.validFrom) {
    add('NOT_YET_VALID', `${product.code} can be allocated from ${product.validFrom}`, 'startDate');
  }
  if (product.validTo && startDate > product.validTo)
    add('NO_LONGER_VALID', `${product.code} ended on ${product.validTo}`, 'startDate');
  if (product.requiresStableZrm && !stableOnAllDomains(proposal.zrm)) {
    add('ZRM_NOT_STABLE', `${product.code} requires every ZRM domain scored 4 or 5`, 'zrm');
  }
  if (product.resultFinanced === true && proposal.hoursPerWeek !== null)
    add('NO_HOURLY_VOLUME', `${product.code} is financed by result: it has no hours per week`, 'hoursPerWeek');
  if (product.resultFinanced === false && proposal.hoursPerWeek === null)
    add('HOURLY_VOLUME_REQUIRED', `${product.code} is paid per hour: hoursPerWeek is required`, 'hoursPerWeek');
  return violations;
}

/**
 * What must hold for a product given "uitsluitend indien" (seed 004, IB4 MO: the young adult comes
 * from (threatened) homelessness, can learn to live on their own, lives or will live in a clustered
 * setting, pays its rent, regular IB does not fit, and the support can wait until the next part of
 * the day). The catalogue names a product's conditions; the consultant confirms each when deciding.
 */
export const productConditions = [
  'HOMELESSNESS',
  'DEVELOPMENT_POTENTIAL',
  'CLUSTERED_HOUSING',
  'PAYS_RENT',
  'REGULAR_IB_UNFIT',
  'SUPPORT_CAN_WAIT',
] as const;
export type ProductCondition = (typeof productConditions)[number];

/** Who may receive a product: the deciding team's region, and the client's age where the catalogue limits it. */
export interface ProductAudience {
  code: string;
  region: string;
  clientAgeBelow: number | null;
  /** The categories a surcharge (opslag) goes on; empty for a product of its own. */
  surchargeFor?: string[];
  /** What the consultant confirms holds before deciding it (productConditions); none for most. */
  conditions?: string[];
}

/**
 * A consultant decides only products of the team's own region (the Drechtsteden's IB2 is not
 * Zeist's to give); IB4-MO is for young adults under 27 on the first day (seed 004); a surcharge
 * is paid on top of a category, never decided alone (seed 001: "Opslag per categorie, per cliënt");
 * a product with conditions only when the consultant confirms every one (seed 004: "uitsluitend indien").
 */
export function checkProductFit(
  product: ProductAudience,
  decision: { teamRegion: string; clientBornOn: BusinessDate; startDate: BusinessDate; conditionsMet?: string[] },
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const unconfirmed = (product.conditions ?? []).filter((c) => !decision.conditionsMet?.includes(c));
  if (unconfirmed.length) {
    violations.push({
      rule: `${product.code}.CONDITIONS`,
      message: `${product.code} is given only when every condition holds; not confirmed: ${unconfirmed.join(', ')}`,
      field: 'conditions',
    });
  }
  if (product.surchargeFor?.length) {
    violations.push({
      rule: `${product.code}.SURCHARGE_ONLY`,
      message: `${product.code} is a surcharge on ${product.surchargeFor.join(', ')}, not a product of its own`,
      field: 'productCode',
    });
  }
  if (product.region !== decision.teamRegion) {
    violations.push({
      rule: `${product.code}.REGION`,
      message: `${product.code} belongs to region ${product.region}, not to the team's region ${decision.teamRegion}`,
      field: 'productCode',
    });
  }
  const age = ageOn(decision.clientBornOn, decision.startDate);
  if (product.clientAgeBelow !== null && age >= product.clientAgeBelow) {
    violations.push({
      rule: `${product.code}.CLIENT_AGE`,
      message: `${product.code} is for clients under ${product.clientAgeBelow}; the client is ${age} on ${decision.startDate}`,
      field: 'startDate',
    });
  }
  return violations;
}

/** Whole years of age on a day (born 29 February: a year older on 1 March in common years). */
export function ageOn(bornOn: BusinessDate, day: BusinessDate): number {
  const years = Number(day.slice(0, 4)) - Number(bornOn.slice(0, 4));
  return day.slice(5) >= bornOn.slice(5) ? years : years - 1;
}

/** The duration rules alone: what a changed end date (in `endField`) must still satisfy. */
export function checkPeriod(
  product: ProductRules,
  startDate: BusinessDate,
  endDate: BusinessDate,
  endField = 'endDate',
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (rule: string, message: string) =>
    violations.push({ rule: `${product.code}.${rule}`, message, field: endField });
  if (daysBetween(startDate, endDate) < 0)
    add('PERIOD', `The end date ${endDate} is before the start date ${startDate}`);
  if (product.maxDurationMonths !== null && endDate > lastAllowedDay(startDate, product.maxDurationMonths)) {
    add(
      'MAX_DURATION',
      `${product.code} lasts at most ${product.maxDurationMonths} months: from ${startDate} the last day is ${lastAllowedDay(startDate, product.maxDurationMonths)}`,
    );
  }
  if (product.minDurationMonths !== null && endDate < lastAllowedDay(startDate, product.minDurationMonths)) {
    add(
      'MIN_DURATION',
      `${product.code} lasts at least ${product.minDurationMonths} month(s): from ${startDate} it runs through ${lastAllowedDay(startDate, product.minDurationMonths)} or later`,
    );
  }
  return violations;
}

/** The day after an allocation, where an extension's new period starts. */
export const nextPeriodStart = (endDate: BusinessDate): BusinessDate => addDays(endDate, 1);
