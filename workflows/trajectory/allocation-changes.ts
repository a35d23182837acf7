import { addDays } from '../../domain/calendar';
import { checkPeriod, nextPeriodStart } from '../../domain/indication-rules';
import {
  TrajectoryErrorType,
  type ChangeEndDate,
  type ChangeProduct,
  type DecideExtension,
  type RequestExtension,
  type TrajectoryView,
} from './contracts';
import { decide } from './intake-and-decision';
import type { Lifecycle } from './lifecycle';
import { refuseAll } from './refusals';

/** Seed 003: about 8 weeks before the end the provider asks for a further period, with the mandatory report. */
export async function requestExtension(
  { t, fx }: Lifecycle,
  { reportId, actorId }: RequestExtension,
): Promise<TrajectoryView> {
  const { indication } = t.inCare('request an extension');
  await fx.consultantTaskUntilEnd('DECIDE_EXTENSION', indication.sequence);
  t.extensionRequested(reportId);
  await fx.mirror();
  await fx.audit('EXTENSION_REQUESTED', actorId, { reportId, endDate: indication.endDate });
  return t.view();
}

/** Granted: the next period is decided now and planned from the day after the current end; it starts then. */
export async function decideExtension(
  { t, fx }: Lifecycle,
  { granted, newEndDate, motivationId, actorId }: DecideExtension,
): Promise<TrajectoryView> {
  const { indication: current, trajectoryId } = t.inCare('decide an extension');
  const next =
    granted && newEndDate
      ? await decide(
          fx,
          current.productCode,
          {
            startDate: nextPeriodStart(current.endDate),
            endDate: newEndDate,
            hoursPerWeek: current.hoursPerWeek,
            zrm: {},
          },
          {
            trajectoryId,
            sequence: current.sequence + 1,
            actorId,
            planned: true,
            surchargeCode: current.surchargeCode,
          },
        )
      : undefined;
  await fx.completeTasks(['DECIDE_EXTENSION'], actorId);
  t.extensionDecided(next);
  await fx.mirror();
  await fx.requestDecided('EXTENSION_DECIDED', {
    outcome: next ? 'GRANTED' : 'REFUSED',
    endDate: next?.endDate ?? current.endDate,
  });
  await fx.audit(granted ? 'EXTENSION_GRANTED' : 'EXTENSION_REFUSED', actorId, {
    newEndDate: newEndDate ?? null,
    ...(motivationId && { motivationId }),
  });
  return t.view();
}

/**
 * Op- en afschalen (seed 003): another product, or the same with other hours or surcharge, from
 * `startDate`; the current indication ends the day before and the new one has its own period.
 */
export async function changeProduct(
  { t, fx }: Lifecycle,
  { productCode, startDate, endDate, hoursPerWeek, zrm, actorId, surchargeCode }: ChangeProduct,
): Promise<TrajectoryView> {
  const { indication: current, trajectoryId } = t.inCare('change the product');
  const next = await decide(
    fx,
    productCode,
    { startDate, endDate, hoursPerWeek, zrm },
    { trajectoryId, sequence: current.sequence + 1, actorId, surchargeCode },
  );
  const at = new Date().toISOString();
  await fx.act.supersedeIndication({ indicationId: current.indicationId, lastDay: addDays(startDate, -1), at });
  t.productChanged(next);
  await fx.mirror();
  await fx.allocationTold('ALLOCATION_CHANGED', next);
  if (productCode !== current.productCode)
    await fx.audit('PRODUCT_CHANGED', actorId, { from: current.productCode, to: productCode, startDate });
  else
    await fx.audit('ALLOCATION_CHANGED', actorId, {
      productCode,
      startDate,
      hoursPerWeekFrom: current.hoursPerWeek,
      hoursPerWeekTo: hoursPerWeek,
      surchargeFrom: current.surchargeCode ?? null,
      surchargeTo: surchargeCode ?? null,
    });
  return t.view();
}

/** The consultant moves the end date within the product's duration rules; the timers move with it. */
export async function changeEndDate(
  { t, fx }: Lifecycle,
  { newEndDate, actorId }: ChangeEndDate,
): Promise<TrajectoryView> {
  const { indication } = t.inCare('change the end date');
  const product = await fx.act.loadProductRules(indication.productCode);
  const violations = checkPeriod(product, indication.startDate, newEndDate, 'newEndDate');
  if (violations.length) refuseAll(TrajectoryErrorType.RuleViolated, violations);
  await fx.act.changeIndicationEndDate({ indicationId: indication.indicationId, endDate: newEndDate });
  t.endDateChanged(newEndDate);
  await fx.mirror();
  await fx.allocationTold('ALLOCATION_CHANGED', t.inCare('change the end date').indication);
  await fx.audit('END_DATE_CHANGED', actorId, { from: indication.endDate, to: newEndDate });
  return t.view();
}
