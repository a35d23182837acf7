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
}

export interface ProposedIndication {
  startDate: BusinessDate;
  endDate: BusinessDate; // inclusive
  zrm: ZrmScores;
}

export interface RuleViolation {
  rule: string; // stable name, e.g. "02B03.MAX_DURATION"; the API reports it (422)
  message: string;
}

/**
 * Checks a proposed indication against its product's rules; an empty list means it may be decided.
 * 02B03 at least 1 and at most 12 months; 02B04 and 02B05 at most 12 months per allocation (seed 003);
 * IB4-MO at most one year (seed 004); IB0 only when stable on every ZRM domain (seed 000).
 */
export function checkIndication(product: ProductRules, proposal: ProposedIndication): RuleViolation[] {
  const { startDate } = proposal;
  const violations = checkPeriod(product, proposal.startDate, proposal.endDate);
  const add = (rule: string, message: string) => violations.push({ rule: `${product.code}.${rule}`, message });
  if (product.validFrom && startDate < product.validFrom) {
    add('NOT_YET_VALID', `${product.code} can be allocated from ${product.validFrom}`);
  }
  if (product.validTo && startDate > product.validTo)
    add('NO_LONGER_VALID', `${product.code} ended on ${product.validTo}`);
  if (product.requiresStableZrm && !stableOnAllDomains(proposal.zrm)) {
    add('ZRM_NOT_STABLE', `${product.code} requires every ZRM domain scored 4 or 5`);
  }
  return violations;
}

/** The duration rules alone: what a changed end date must still satisfy. */
export function checkPeriod(product: ProductRules, startDate: BusinessDate, endDate: BusinessDate): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (rule: string, message: string) => violations.push({ rule: `${product.code}.${rule}`, message });
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
