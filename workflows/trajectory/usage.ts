import { addDays, addMonths } from '../../domain/calendar';
import { assessNoShow } from '../../domain/no-shows';
import { allocatedMinutes, monthDoubled, timeMixWarnings, utilisationAdvice } from '../../domain/utilisation';
import { act } from './activity-proxy';
import type { DeclarationOutcome, DeclareHours, NoShowOutcome, RecordNoShow } from './contracts';
import type { Trajectory } from './state';

type Audit = (action: string, actorId: string, data: Record<string, string | number | boolean | null>) => Promise<void>;

const lastDayOfMonth = (month: string) => addDays(addMonths(month, 1), -1);

/**
 * A month's hours (seed 003, dynamisch uitnutten): stored with the time-mix warnings of the
 * trajectory so far; at about 80 % use with a projected shortfall the provider is told to ask for
 * an expansion and the consultant gets the decision; a doubled month alerts the consultant.
 */
export async function onDeclareHours(
  t: Trajectory,
  d: DeclareHours,
  workflowId: string,
  audit: Audit,
): Promise<DeclarationOutcome> {
  const i = t.s.indication!;
  const hoursPerWeek = i.hoursPerWeek!;
  const time = t.s.time ?? { directMinutes: 0, indirectMinutes: 0, digitalMinutes: 0 };
  const warnings = timeMixWarnings({
    directMinutes: time.directMinutes + d.directMinutes,
    indirectMinutes: time.indirectMinutes + d.indirectMinutes,
    digitalMinutes: time.digitalMinutes + d.digitalMinutes,
  });
  const monthMinutes = d.directMinutes + d.indirectMinutes;
  const through = lastDayOfMonth(d.month) < i.endDate ? lastDayOfMonth(d.month) : i.endDate;
  const advice = utilisationAdvice({
    allocatedMinutes: allocatedMinutes(hoursPerWeek, i.startDate, i.endDate),
    usedMinutes: t.period.clientBoundMinutes + monthMinutes,
    startDate: i.startDate,
    endDate: i.endDate,
    through,
  });
  const doubled = monthDoubled(hoursPerWeek, d.month, monthMinutes);
  const now = new Date().toISOString();

  await act.saveHourDeclaration({
    indicationId: i.indicationId,
    month: d.month,
    directMinutes: d.directMinutes,
    indirectMinutes: d.indirectMinutes,
    digitalMinutes: d.digitalMinutes,
    declaredAt: now,
    declaredById: d.actorId,
    warnings,
  });
  const base = { trajectoryId: t.s.trajectoryId };
  const firstExpansionAdvice = advice.requestExpansion && !t.period.expansionAdvised;
  if (firstExpansionAdvice) {
    const key = `${workflowId}:EXPANSION:${i.sequence}`;
    await act.enqueueNotification({
      ...base,
      idempotencyKey: key,
      recipientRole: 'PROVIDER',
      providerId: t.s.providerId,
      kind: 'EXPANSION_ADVISED',
      payload: { ...base, month: d.month },
    });
    await act.openTask({
      ...base,
      idempotencyKey: key,
      kind: 'DECIDE_EXPANSION',
      assigneeRole: 'CONSULTANT',
      teamId: t.s.teamId,
      dueAt: now,
    });
  }
  if (doubled) {
    await act.enqueueNotification({
      ...base,
      idempotencyKey: `${workflowId}:DOUBLED:${i.sequence}:${d.month}`,
      recipientRole: 'CONSULTANT',
      teamId: t.s.teamId,
      kind: 'MONTH_DOUBLED',
      payload: { ...base, month: d.month },
    });
  }
  t.declared(d, advice.requestExpansion);
  await audit('HOURS_DECLARED', d.actorId, { month: d.month, warnings: warnings.join(',') || null });
  return { warnings, usedShare: advice.usedShare, expansionAdvised: firstExpansionAdvice, monthDoubled: doubled };
}

/**
 * A no-show (seed 003): declarable per the product's policy; after two in a row the local team is
 * notified, at a third the consultant gets a task to re-establish contact and decide how to go on.
 */
export async function onNoShow(
  t: Trajectory,
  n: RecordNoShow,
  workflowId: string,
  audit: Audit,
): Promise<NoShowOutcome> {
  const i = t.s.indication!;
  const outcome = assessNoShow({
    policy: i.noShowPolicy ?? 'NOT_APPLICABLE',
    cap: i.noShowCap ?? null,
    declarableSoFar: t.period.declarableNoShows,
    consecutiveBefore: n.afterKeptAppointment ? 0 : (t.s.consecutiveNoShows ?? 0),
  });
  const now = new Date().toISOString();
  await act.saveNoShow({
    indicationId: i.indicationId,
    occurredAt: n.occurredAt,
    declarable: outcome.declarable,
    consecutive: outcome.consecutive,
    recordedAt: now,
    recordedById: n.actorId,
  });
  const base = { trajectoryId: t.s.trajectoryId };
  const key = `${workflowId}:NO_SHOW:${i.sequence}:${n.occurredAt}`;
  if (outcome.action === 'NOTIFY_LOCAL_TEAM') {
    await act.enqueueNotification({
      ...base,
      idempotencyKey: key,
      recipientRole: 'CONSULTANT',
      teamId: t.s.teamId,
      kind: 'CONSECUTIVE_NO_SHOWS',
      payload: { ...base, consecutive: outcome.consecutive },
    });
  }
  if (outcome.action === 'RECONTACT') {
    await act.openTask({
      ...base,
      idempotencyKey: key,
      kind: 'RECONTACT_AFTER_NO_SHOWS',
      assigneeRole: 'CONSULTANT',
      teamId: t.s.teamId,
      dueAt: now,
    });
  }
  t.noShowRecorded(outcome.consecutive, outcome.declarable);
  await audit('NO_SHOW_RECORDED', n.actorId, { declarable: outcome.declarable, consecutive: outcome.consecutive });
  return outcome;
}
