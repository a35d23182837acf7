import { ApplicationFailure } from '@temporalio/activity';
import type { ProductRules } from '../domain/indication-rules';
import type { NoShowPolicy } from '../domain/no-shows';
import type { PrismaClient } from '../prisma/client';
import { fromDateColumn } from '../prisma/records/dates';

export interface ProductForDecision extends ProductRules {
  extendable: boolean;
  interimEvaluationMonths: number | null;
  noShowPolicy: NoShowPolicy;
  noShowCap: number | null;
  alwaysFinite: boolean;
  resultFinanced: boolean;
}

const isoDate = (d: Date | null) => (d ? fromDateColumn(d) : null);

/** The catalogue rules of one product, as plain data for the decision check in the workflow. */
export function loadProductRules(prisma: PrismaClient) {
  return async (code: string): Promise<ProductForDecision> => {
    const p = await prisma.product.findUnique({ where: { code } });
    if (!p) throw ApplicationFailure.nonRetryable(`Unknown product ${code}`, 'UnknownProduct');
    return {
      code: p.code,
      minDurationMonths: p.minDurationMonths,
      maxDurationMonths: p.maxDurationMonths,
      requiresStableZrm: p.requiresStableZrm,
      validFrom: isoDate(p.validFrom),
      validTo: isoDate(p.validTo),
      extendable: p.extendable,
      interimEvaluationMonths: p.interimEvaluationMonths,
      noShowPolicy: p.noShowPolicy,
      noShowCap: p.noShowCap,
      alwaysFinite: p.alwaysFinite,
      resultFinanced: p.volumeUnit === 'CATEGORY',
    };
  };
}
