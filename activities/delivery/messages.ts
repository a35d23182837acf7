import { z } from 'zod';
import { taskKinds, type TaskKind } from '../../domain/lifecycle';
import { hoursPerWeekText, noticeSubject, notificationLabels, taskTexts } from '../../domain/labels';
import { escapeHtml } from '../../web/html';
import { referenceOf } from '../../domain/reference';
import { closureReasonLabel, closureReasons } from '../../domain/closure-reasons';
import type { NoticeKind, SingleKind } from '../../domain/notifications';
import { dutchDate, dutchDateWithWeekday, dutchDeadlineWithWeekday, dutchMonth } from '../../domain/dutch-dates';

/**
 * The Dutch e-mails, one template per notification and task kind. What they may say is what the
 * outbox row holds: ids and dates. Names, BSNs, ZRM scores and reports stay in the application,
 * which the link opens after sign-in.
 */
export interface Message {
  subject: string;
  text: string;
  html: string;
}

/** A notification's payload as the workflow writes it (activities/notifications.ts). */
export const noticePayload = z.object({
  trajectoryId: z.uuid(),
  dueAt: z.iso.datetime().optional(),
  endDate: z.iso.date().optional(),
  month: z.iso.date().optional(),
  consecutive: z.number().int().optional(),
  /** A decision on a request: granted or refused, with the end date or hours per week it leaves. */
  outcome: z.enum(['GRANTED', 'REFUSED']).optional(),
  hoursPerWeek: z.number().optional(),
  /** An indication as decided or changed: its product code and period (codes and dates, nothing personal). */
  productCode: z
    .string()
    .regex(/^[A-Z0-9-]{2,12}$/)
    .optional(),
  startDate: z.iso.date().optional(),
  /** Why a trajectory was closed: the closure reason's code (domain/closure-reasons.ts). */
  reason: z.enum(closureReasons).optional(),
});
export type NoticePayload = z.infer<typeof noticePayload>;

export const trajectoryLink = (appUrl: string, trajectoryId: string): string =>
  `${appUrl.replace(/\/$/, '')}/trajecten/${trajectoryId}`;

interface Notice {
  /** What is the matter, one sentence. */
  what: string;
  /** The date it is due, written out ("uiterlijk maandag 7 december 2026"). */
  due?: string;
  /** What the reader does about it. */
  todo: string;
}

/** "02B05 van 7 december 2026 tot en met 6 maart 2027, 4 uur per week". */
const allocationText = (p: NoticePayload) =>
  [
    p.productCode ?? 'de toewijzing',
    p.startDate ? ` van ${dutchDate(p.startDate)}` : '',
    p.endDate ? ` tot en met ${dutchDate(p.endDate)}` : '',
    p.hoursPerWeek === undefined ? '' : `, ${hoursPerWeekText(p.hoursPerWeek)}`,
  ].join('');

const dueBy = (at: string | undefined) => (at ? `uiterlijk ${dutchDeadlineWithWeekday(new Date(at))}` : undefined);

const notices: Record<NoticeKind, (p: NoticePayload) => Notice> = {
  CLIENT_REGISTERED: (p) => ({
    what: 'Er is een cliënt bij u aangemeld voor begeleiding. De intake moet binnen twee weken na de aanmelding plaatsvinden.',
    due: dueBy(p.dueAt),
    todo: 'Plan de intake; de gegevens van de cliënt staan in de applicatie. Leg daar ook vast wanneer de intake is gehouden.',
  }),
  INTAKE_DUE_SOON: (p) => ({
    what: 'De intake met de cliënt moet binnen twee weken na de aanmelding plaatsvinden.',
    due: dueBy(p.dueAt),
    todo: 'Plan de intake en leg de datum waarop hij is gehouden vast in de applicatie.',
  }),
  EXTENSION_REQUEST_DUE: (p) => ({
    what: p.endDate
      ? `De toewijzing loopt af op ${dutchDate(p.endDate)}. Een verlenging vraagt u ongeveer acht weken vooraf aan.`
      : 'De toewijzing loopt binnenkort af. Een verlenging vraagt u ongeveer acht weken vooraf aan.',
    due: dueBy(p.dueAt),
    todo: 'Vraag de verlenging aan met het verplichte verslag, of laat de toewijzing aflopen.',
  }),
  EXPANSION_ADVISED: (p) => ({
    what: `Met de uren${p.month ? ` tot en met ${dutchMonth(p.month)}` : ''} is ongeveer 80% van de toegewezen uren gebruikt.`,
    todo: 'Vraag zo nodig een uitbreiding aan, met een verslag; de consulent beslist erover.',
  }),
  MONTH_DOUBLED: (p) => ({
    what: `Het verbruik${p.month ? ` in ${dutchMonth(p.month)}` : ''} is het dubbele van wat de indicatie per maand toekent.`,
    todo: 'Beoordeel met de aanbieder of de indicatie nog past.',
  }),
  CONSECUTIVE_NO_SHOWS: (p) => ({
    what: `De cliënt is ${p.consecutive ?? 2} keer achter elkaar niet verschenen op een afspraak.`,
    todo: 'Neem contact op met de aanbieder over hoe het verder gaat.',
  }),
  INDICATION_DECIDED: (p) => ({
    what: `De consulent heeft de indicatie afgegeven: ${allocationText(p)}.`,
    todo: 'U kunt met de begeleiding beginnen; de termijnen staan in de applicatie.',
  }),
  ALLOCATION_CHANGED: (p) => ({
    what: `De consulent heeft de toewijzing gewijzigd: ${allocationText(p)}.`,
    todo: 'Stem de begeleiding af op de gewijzigde toewijzing; de termijnen staan in de applicatie.',
  }),
  TRAJECTORY_CLOSED: (p) => ({
    what: `De consulent heeft het traject afgesloten${p.reason ? ` (reden: ${closureReasonLabel(p.reason)})` : ''}.`,
    todo: 'Stop de begeleiding en verantwoord de uren tot en met de laatste dag van de zorg.',
  }),
  EXTENSION_DECIDED: (p) =>
    p.outcome === 'GRANTED'
      ? {
          what: `De consulent heeft de verlenging toegekend${p.endDate ? `: de volgende periode loopt tot en met ${dutchDate(p.endDate)}` : ''}.`,
          todo: 'Zet de begeleiding voort; de termijnen van de volgende periode staan in de applicatie.',
        }
      : {
          what: `De consulent heeft de verlenging afgewezen${p.endDate ? `: de toewijzing loopt af op ${dutchDate(p.endDate)}` : ''}.`,
          todo: 'Lees de motivering bij het traject in de applicatie, en rond de begeleiding af tegen het einde van de toewijzing.',
        },
  EXPANSION_DECIDED: (p) => {
    const hours = p.hoursPerWeek === undefined ? '' : hoursPerWeekText(p.hoursPerWeek);
    return p.outcome === 'GRANTED'
      ? {
          what: `De consulent heeft de uitbreiding toegekend${hours ? `: de toewijzing is nu ${hours}` : ''}.`,
          todo: 'Zet de extra uren in; het gebruik wordt voortaan afgezet tegen de nieuwe omvang.',
        }
      : {
          what: `De consulent heeft de uitbreiding afgewezen${hours ? `: de toewijzing blijft ${hours}` : ''}.`,
          todo: 'Lees de motivering bij het traject in de applicatie, en verdeel de uren over de rest van de periode.',
        };
  },
};

const footer =
  'Dit bericht is automatisch verstuurd. Persoonsgegevens staan alleen in de applicatie; u ziet ze na het inloggen.';

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><title>',
    escapeHtml(title),
    '</title></head><body style="font-family: sans-serif; line-height: 1.5">',
    body,
    `<p style="color: #555">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('');
}

/** The e-mail for one notification of the lifecycle. */
export function noticeMessage(kind: NoticeKind, payload: unknown, appUrl: string): Message {
  const p = noticePayload.parse(payload);
  const n = { subject: noticeSubject(kind, p), ...notices[kind](p) };
  const ref = referenceOf(p.trajectoryId);
  const link = trajectoryLink(appUrl, p.trajectoryId);
  const subject = `${n.subject}${n.due ? ` (${n.due})` : ''} – ${ref}`;
  const lines = [
    n.what,
    ...(n.due ? [`Dit moet ${n.due}.`] : []),
    n.todo,
    '',
    `Kenmerk: ${ref}`,
    `Open het traject: ${link}`,
  ];
  const html = page(
    subject,
    [
      `<h1 style="font-size: 1.25em">${escapeHtml(n.subject)}</h1>`,
      `<p>${escapeHtml(n.what)}</p>`,
      n.due ? `<p><strong>Dit moet ${escapeHtml(n.due)}.</strong></p>` : '',
      `<p>${escapeHtml(n.todo)}</p>`,
      `<p>Kenmerk: ${escapeHtml(ref)}<br><a href="${escapeHtml(link)}">Open het traject in de applicatie</a></p>`,
    ].join(''),
  );
  return { subject, text: [...lines, '', footer].join('\n'), html };
}

/** A task given to the reader by a colleague (api/routes/tasks.ts): ids, its kind and its due instant. */
export const taskAssignedPayload = z.object({
  trajectoryId: z.uuid(),
  taskId: z.uuid(),
  taskKind: z.enum(taskKinds),
  dueAt: z.iso.datetime(),
});
export type TaskAssignedPayload = z.infer<typeof taskAssignedPayload>;

/** The e-mail to a person a colleague gave a task: which task, by when, what to do, where. */
export function taskAssignedMessage(payload: unknown, appUrl: string): Message {
  const p = taskAssignedPayload.parse(payload);
  const { label, todo } = taskTexts[p.taskKind];
  const due = dueBy(p.dueAt);
  const ref = referenceOf(p.trajectoryId);
  const link = trajectoryLink(appUrl, p.trajectoryId);
  const subject = `${notificationLabels.TASK_ASSIGNED}: ${label} (${due}) – ${ref}`;
  const what = `Een collega heeft u de taak ${label} gegeven.`;
  const action = `${todo[0]?.toUpperCase()}${todo.slice(1)}.`;
  const lines = [what, `Dit moet ${due}.`, action, '', `Kenmerk: ${ref}`, `Open het traject: ${link}`];
  const html = page(
    subject,
    [
      `<h1 style="font-size: 1.25em">${escapeHtml(notificationLabels.TASK_ASSIGNED)}: ${escapeHtml(label)}</h1>`,
      `<p>${escapeHtml(what)}</p>`,
      `<p><strong>Dit moet ${escapeHtml(due ?? '')}.</strong></p>`,
      `<p>${escapeHtml(action)}</p>`,
      `<p>Kenmerk: ${escapeHtml(ref)}<br><a href="${escapeHtml(link)}">Open het traject in de applicatie</a></p>`,
    ].join(''),
  );
  return { subject, text: [...lines, '', footer].join('\n'), html };
}

/** The e-mail of one notification: a notice of the lifecycle, or a task given to the reader. */
export const singleMessage = (kind: SingleKind, payload: unknown, appUrl: string): Message =>
  kind === 'TASK_ASSIGNED' ? taskAssignedMessage(payload, appUrl) : noticeMessage(kind, payload, appUrl);

/** One line of the digest: a task, when it is due and when it was raised. */
export interface DigestTask {
  kind: TaskKind;
  trajectoryId: string;
  dueAt: Date;
  createdAt: Date;
}

export interface Digest {
  day: string;
  overdue: DigestTask[];
  /** Raised at their own moment (domain/deadlines.ts `taskTiming`): to be done at once, not late. */
  atOnce: DigestTask[];
  dueSoon: DigestTask[];
  /** Notifications the reader chose to receive in the digest rather than at once. */
  held: { kind: SingleKind; payload: unknown }[];
}

function taskLine(t: DigestTask, appUrl: string, atOnce = false) {
  const { label, todo } = taskTexts[t.kind];
  const when = atOnce
    ? `zo snel mogelijk (sinds ${dutchDateWithWeekday(t.createdAt)})`
    : `uiterlijk ${dutchDeadlineWithWeekday(t.dueAt)}`;
  return {
    text: `- ${label}, ${when}: ${todo}. Kenmerk ${referenceOf(t.trajectoryId)}: ${trajectoryLink(appUrl, t.trajectoryId)}`,
    html: `<li><strong>${escapeHtml(label)}</strong>, ${escapeHtml(when)}: ${escapeHtml(todo)}. <a href="${escapeHtml(trajectoryLink(appUrl, t.trajectoryId))}">Kenmerk ${escapeHtml(referenceOf(t.trajectoryId))}</a></li>`,
  };
}

/** The consultants' daily overview: overdue tasks first, then those to do at once, then what is due in the coming working days. */
export function digestMessage(d: Digest, appUrl: string): Message {
  const counts = [
    `${d.overdue.length} te laat`,
    ...(d.atOnce.length ? [`${d.atOnce.length} zo snel mogelijk`] : []),
    `${d.dueSoon.length} binnenkort`,
  ];
  const subject = `Dagoverzicht ${dutchDate(d.day)}: ${counts.join(', ')}`;
  const sections: { title: string; lines: { text: string; html: string }[] }[] = [
    { title: 'Te laat', lines: d.overdue.map((t) => taskLine(t, appUrl)) },
    { title: 'Zo snel mogelijk', lines: d.atOnce.map((t) => taskLine(t, appUrl, true)) },
    { title: 'In de komende vijf werkdagen', lines: d.dueSoon.map((t) => taskLine(t, appUrl)) },
    {
      title: 'Meldingen',
      lines: d.held.map((h) => {
        const m = singleMessage(h.kind, h.payload, appUrl);
        return { text: `- ${m.subject}`, html: `<li>${escapeHtml(m.subject)}</li>` };
      }),
    },
  ].filter((s) => s.lines.length > 0);
  const text = [
    `Dagoverzicht van ${dutchDateWithWeekday(d.day)}`,
    ...sections.flatMap((s) => ['', `${s.title}:`, ...s.lines.map((l) => l.text)]),
    '',
    footer,
  ].join('\n');
  const html = page(
    subject,
    [
      `<h1 style="font-size: 1.25em">Dagoverzicht van ${escapeHtml(dutchDateWithWeekday(d.day))}</h1>`,
      ...sections.map(
        (s) =>
          `<h2 style="font-size: 1.1em">${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => l.html).join('')}</ul>`,
      ),
    ].join(''),
  );
  return { subject, text, html };
}
