import { isBusinessDate } from '../../domain/calendar';
import { closureReasonLabel } from '../../domain/closure-reasons';
import { dutchDate, dutchMonth } from '../../domain/dutch-dates';
import { endEvaluationLabels, eventLabels, hoursPerWeekText, labelOf } from '../../domain/labels';
import { referenceOf } from '../../domain/reference';
import { taskLabel } from './work';

type Data = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const date = (value: unknown) => (typeof value === 'string' && isBusinessDate(value) ? value : undefined);
/** A code (or date) as people read it, through `label`. */
const coded = (value: unknown, label: (code: string) => string) => {
  const code = text(value);
  return code && label(code);
};
const day = (value: unknown) => coded(date(value), dutchDate);
const month = (value: unknown) => coded(date(value), dutchMonth);
const fromTo = (from: string | undefined, to: string | undefined) => (from && to ? `${from} → ${to}` : to);
const hours = (value: unknown) => (typeof value === 'number' ? hoursPerWeekText(value) : undefined);

/** The same product from a day with other hours or surcharge: "02B05 vanaf 1 januari 2027: 4 uur per week → 2 uur per week". */
function allocationChange(d: Data): string | undefined {
  const surcharge = (v: unknown) => coded(v, (code) => `met opslag ${code}`) ?? 'zonder opslag';
  const hoursOrNone = (v: unknown) => hours(v) ?? 'geen uren';
  const changes = [
    d.hoursPerWeekFrom !== d.hoursPerWeekTo && fromTo(hoursOrNone(d.hoursPerWeekFrom), hoursOrNone(d.hoursPerWeekTo)),
    d.surchargeFrom !== d.surchargeTo && fromTo(surcharge(d.surchargeFrom), surcharge(d.surchargeTo)),
  ].filter((c): c is string => typeof c === 'string');
  const from = day(d.startDate);
  return coded(
    d.productCode,
    (code) => `${code}${from ? ` vanaf ${from}` : ''}${changes.length ? `: ${changes.join(', ')}` : ''}`,
  );
}

/** What an event is about, where it says (the audit event's data holds ids, dates and codes only). */
const particulars: Record<string, (d: Data) => string | undefined> = {
  TRAJECTORY_REGISTERED: (d) => coded(d.transferredFrom, (from) => `overstap van traject ${referenceOf(from)}`),
  INTAKE_RECORDED: (d) =>
    coded(day(d.heldOn), (held) => (d.suitable === false ? `${held}; de cliënt past niet bij de aanbieder` : held)),
  INTAKE_CORRECTED: (d) => fromTo(day(d.from), day(d.to)),
  INDICATION_DECIDED: (d) =>
    coded(d.productCode, (code) => `${code}${text(d.surchargeCode) ? ` met opslag ${text(d.surchargeCode)}` : ''}`),
  HOURS_DECLARED: (d) => month(d.month),
  HOURS_CORRECTED: (d) => month(d.month),
  EXTENSION_GRANTED: (d) => coded(day(d.newEndDate), (end) => `tot en met ${end}`),
  EXPANSION_REQUESTED: (d) => hours(d.hoursPerWeek),
  EXPANSION_GRANTED: (d) => hours(d.hoursPerWeek),
  END_DATE_CHANGED: (d) => fromTo(day(d.from), day(d.to)),
  PRODUCT_CHANGED: (d) => fromTo(text(d.from), text(d.to)),
  ALLOCATION_CHANGED: allocationChange,
  END_EVALUATION_RECORDED: (d) => coded(d.outcome, (o) => labelOf(endEvaluationLabels, o)),
  TASK_COMPLETED: (d) => coded(d.kind, taskLabel),
  TASK_ASSIGNED: (d) => coded(d.kind, taskLabel),
  ZRM_ASSESSED: (d) => day(d.assessedOn),
  SUPPORT_PLAN_RECORDED: (d) => coded(day(d.agreedOn), (agreed) => `afgesproken op ${agreed}`),
  TRAJECTORY_CLOSED: (d) => coded(d.reason, closureReasonLabel),
};

/** What a note is to the event it goes with. */
const noteLabels: Record<string, string> = {
  TASK_COMPLETED: 'Uitkomst',
  INTAKE_RECORDED: 'Waarom niet',
  INTAKE_CORRECTED: 'Reden',
  HOURS_CORRECTED: 'Reden',
  EXTENSION_GRANTED: 'Motivering',
  EXTENSION_REFUSED: 'Motivering',
  EXPANSION_GRANTED: 'Motivering',
  EXPANSION_REFUSED: 'Motivering',
};

/** "Uitkomst: Met partners besproken": the free text an event carries, as the page shows it. */
export const noteText = (action: string, note: string) => `${noteLabels[action] ?? 'Toelichting'}: ${note}`;

/** A timeline event as the API gives it: what was done, by whom, and for a task given, to whom. */
interface Event {
  action: string;
  data: unknown;
  actorId: string | null;
  assigneeName: string | null;
}

/**
 * One audit action, three things people do with a task: pick it up (the one who did it has it
 * now), give it to a colleague, or give it back (nobody has it).
 */
function assignmentLabel(e: Event, d: Data): string {
  const holder = text(d.assigneeUserId);
  if (!holder) return 'Taak vrijgegeven';
  return holder === e.actorId ? 'Taak opgepakt' : `Taak toegewezen aan ${e.assigneeName ?? 'een collega'}`;
}

/** A timeline row's words: "Uren verantwoord: november 2026", "Einddatum gewijzigd: 1 maart 2027 → 1 mei 2027". */
export function eventText(e: Event): string {
  const data = typeof e.data === 'object' && e.data !== null ? (e.data as Data) : undefined;
  const label = e.action === 'TASK_ASSIGNED' && data ? assignmentLabel(e, data) : labelOf(eventLabels, e.action);
  const detail = data && particulars[e.action]?.(data);
  return `${label}${detail ? `: ${detail}` : ''}`;
}
