import { isOneOf } from './vocabulary';

/**
 * What the lifecycle tells people (Notification.kind), each one list like the task kinds: the
 * workflow makes them, the templates word them, preferences are set per kind.
 */
export const noticeKinds = [
  'CLIENT_REGISTERED', // seed 003: a client is registered with the provider, whose intake is due within two weeks (provider)
  'INTAKE_DUE_SOON', // seed 003: the intake is due within two weeks of registration (provider)
  'EXTENSION_REQUEST_DUE', // seed 003: ask for an extension about 8 weeks before the end (provider)
  'EXPANSION_ADVISED', // seed 003: about 80 % of the hours used (provider)
  'MONTH_DOUBLED', // seed 003: a month's use doubled against the indicated volume (consultant)
  'CONSECUTIVE_NO_SHOWS', // seed 003: a second no-show in a row is reported to the local team (consultant)
  'INDICATION_DECIDED', // seed 003: care starts only after the decision (beschikking): the provider may start (provider)
  'ALLOCATION_CHANGED', // the consultant moved the end date or changed the product or hours (provider)
  'EXTENSION_DECIDED', // seed 003: the consultant decided the extension the provider asked for (provider)
  'EXPANSION_DECIDED', // seed 003: the consultant decided an expansion, asked for or advised at 80 % (provider)
  'TRAJECTORY_CLOSED', // the consultant closed the trajectory, with its iWmo reason: care stops (provider)
] as const;
/** What the lifecycle tells about one trajectory. */
export type NoticeKind = (typeof noticeKinds)[number];

/** Who a notice is for: the provider (its contact addresses and webhook) or the consultant team (its mailbox and members). */
export const noticeRecipients: Record<NoticeKind, 'PROVIDER' | 'CONSULTANT'> = {
  CLIENT_REGISTERED: 'PROVIDER',
  INTAKE_DUE_SOON: 'PROVIDER',
  EXTENSION_REQUEST_DUE: 'PROVIDER',
  EXPANSION_ADVISED: 'PROVIDER',
  MONTH_DOUBLED: 'CONSULTANT',
  CONSECUTIVE_NO_SHOWS: 'CONSULTANT',
  INDICATION_DECIDED: 'PROVIDER',
  ALLOCATION_CHANGED: 'PROVIDER',
  EXTENSION_DECIDED: 'PROVIDER',
  EXPANSION_DECIDED: 'PROVIDER',
  TRAJECTORY_CLOSED: 'PROVIDER',
};

/** What the consultant decided, told to the provider (not a deadline). */
export const decisionNoticeKinds: readonly NoticeKind[] = [
  'INDICATION_DECIDED',
  'ALLOCATION_CHANGED',
  'EXTENSION_DECIDED',
  'EXPANSION_DECIDED',
  'TRAJECTORY_CLOSED',
];

/** Told to one person of a team or provider: a task a colleague gave them (not one they picked up). */
export const personalKinds = ['TASK_ASSIGNED'] as const;

/** What one e-mail tells of one thing, a notice or a personal message (the digest gathers them). */
export const singleKinds = [...noticeKinds, ...personalKinds] as const;
export type SingleKind = (typeof singleKinds)[number];

/** Every kind: the notices, the personal messages and the consultants' daily overview of open tasks. */
export const notificationKinds = [...singleKinds, 'DAILY_DIGEST'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** How a person wants a kind: e-mailed at once, gathered in the daily digest, or in the inbox only. */
export const notificationModes = ['IMMEDIATE', 'DIGEST', 'INBOX_ONLY'] as const;
export type NotificationMode = (typeof notificationModes)[number];

/** A person's mode for a kind: what they set (at most one row per kind), or at once by e-mail. */
export const modeOf = (set: readonly { mode: NotificationMode }[]): NotificationMode => set[0]?.mode ?? 'IMMEDIATE';

/** Working days ahead that the digest looks (issue: "due in the next 5 working days"). */
export const DIGEST_WORKING_DAYS = 5;

export const isNoticeKind = isOneOf(noticeKinds);
export const isSingleKind = isOneOf(singleKinds);
