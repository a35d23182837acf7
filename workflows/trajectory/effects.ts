import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AuditEventInput } from '../../activities/audit';
import type { SaveNoShow } from '../../activities/usage';
import type { OpenTask } from '../../activities/tasks';
import type { TaskKind } from '../../domain/lifecycle';
import { noticeRecipients, type NoticeKind } from '../../domain/notifications';
import { trajectoryActivities, type TrajectoryActivities } from './activity-proxy';
import type { Changes } from './changes';
import type { IndicationSnapshot, PendingDeadline, TrajectorySnapshot } from './contracts';
import { nextDeadline, pendingDeadlines } from './deadlines';
import { searchAttributesOf, unlistedAttributes } from './search-attributes';
import type { Trajectory } from './state';

type AuditData = Record<string, string | number | boolean | null>;

/** What a change deferred until it settles (only when batching). */
interface Deferred {
  audits: AuditEventInput[];
  noShows: SaveNoShow[];
  tasks: OpenTask[];
  mirror: boolean;
  intakeHeldAt?: string;
}

const nothingDeferred = (): Deferred => ({ audits: [], noShows: [], tasks: [], mirror: false });

/**
 * Everything the workflow makes happen outside itself, and every idempotency key it uses: a key
 * is the workflow id and what the effect is about, so a retried activity or a replayed history
 * never opens a task, sends a notice or writes an audit event twice.
 */
export class Effects {
  private readonly workflowId = workflowInfo().workflowId;
  private readonly runId = workflowInfo().runId;
  private published = '';

  /** The activities, scheduled or local (workflows/trajectory/activity-proxy.ts). */
  readonly act: TrajectoryActivities;

  constructor(
    private readonly t: Trajectory,
    /**
     * Which later changes this run has (workflows/trajectory/changes.ts): search attributes; the
     * whole view mirrored after every change; a change's record, view and audit events written
     * together when it settles, in one local activity, instead of one activity each; its no-show
     * row with them.
     */
    private readonly changes: Pick<
      Changes,
      | 'searchable'
      | 'localActivities'
      | 'mirrorsView'
      | 'batchesWrites'
      | 'foldsNoShows'
      | 'tellsDecisions'
      | 'asksDecision'
      | 'asksIntake'
      | 'tellsRegistration'
    >,
  ) {
    this.act = trajectoryActivities({ local: changes.localActivities });
  }

  private mirroredVersion = -1;
  private deferred = nothingDeferred();

  private key(...parts: (string | number)[]): string {
    return [this.workflowId, ...parts].join(':');
  }

  private get s(): TrajectorySnapshot {
    return this.t.state;
  }

  /** The workflow itself acts on deadlines; people act through updates. */
  get self(): string {
    return this.workflowId;
  }

  /** Temporal's list shows the state as it is now (only changed values are sent). */
  publish(): void {
    if (!this.changes.searchable) return;
    const attributes = searchAttributesOf(this.s);
    const shown = JSON.stringify(attributes.map((a) => a.value));
    if (shown === this.published) return;
    upsertSearchAttributes(attributes);
    this.published = shown;
  }

  /** A run that continues as new leaves the list: only the running run of a trajectory matches a phase. */
  unlist(): void {
    if (this.changes.searchable) upsertSearchAttributes(unlistedAttributes);
  }

  /** The database record and Temporal's list follow the state after every change (when batching: once it settles). */
  mirror(intakeHeldAt?: string): Promise<void> {
    if (!this.changes.batchesWrites) return this.writeRecord(intakeHeldAt);
    this.publish();
    this.deferred = { ...this.deferred, mirror: true, ...(intakeHeldAt && { intakeHeldAt }) };
    return Promise.resolve();
  }

  private writeRecord(intakeHeldAt?: string, written?: Pick<Deferred, 'audits' | 'noShows' | 'tasks'>): Promise<void> {
    this.publish();
    const { deadline, reminderAt } = nextDeadline(this.s);
    this.mirroredVersion = this.t.version;
    return this.act.updateTrajectoryRecord({
      trajectoryId: this.s.trajectoryId,
      phase: this.s.phase,
      intakeHeldAt,
      intakeHeldOn: this.s.intakeHeldOn,
      nextDeadlineAt: deadline?.dueAt ?? null,
      nextDeadlineKind: deadline?.kind ?? null,
      nextReminderAt: reminderAt ?? null,
      ...(this.changes.mirrorsView && { view: this.t.view() }),
      ...(written?.audits.length && { auditEvents: written.audits }),
      ...(written?.noShows.length && { noShows: written.noShows }),
      ...(written?.tasks.length && { tasks: written.tasks }),
    });
  }

  /** After a change: the record follows it, unless the change mirrored itself already. */
  async settle(): Promise<void> {
    if (this.changes.batchesWrites) return this.flush();
    if (this.changes.mirrorsView && this.mirroredVersion !== this.t.version) await this.mirror();
  }

  /** When batching: writes what the change deferred, and the record if the state moved; otherwise nothing. */
  async flush(): Promise<void> {
    const { mirror, intakeHeldAt, ...written } = this.deferred;
    const nothing = !mirror && !written.audits.length && !written.noShows.length && !written.tasks.length;
    if (!this.changes.batchesWrites || (nothing && this.mirroredVersion === this.t.version)) return;
    this.deferred = nothingDeferred();
    await this.writeRecord(intakeHeldAt, written);
  }

  /** A no-show's row: with the change's other writes when this run folds it in, otherwise at once. */
  saveNoShow(row: SaveNoShow): Promise<void> {
    if (!this.changes.batchesWrites || !this.changes.foldsNoShows) return this.act.saveNoShow(row);
    this.deferred.noShows.push(row);
    return Promise.resolve();
  }

  /** The run id keeps keys unique after continue-as-new, where the version counter starts again. */
  audit(action: string, actorId: string, data: AuditData = {}): Promise<void> {
    const event: AuditEventInput = {
      idempotencyKey: [this.workflowId, this.runId, action, this.t.version].join(':'),
      trajectoryId: this.s.trajectoryId,
      actor: { type: actorId === this.workflowId ? 'WORKFLOW' : 'USER', id: actorId },
      action,
      data,
    };
    if (!this.changes.batchesWrites) return this.act.recordAuditEvent(event);
    this.deferred.audits.push(event);
    return Promise.resolve();
  }

  /** Closes the trajectory's open tasks of these kinds: what they waited for has happened. Returns when. */
  async completeTasks(kinds: TaskKind[], actorId: string): Promise<string> {
    const at = new Date().toISOString();
    await this.act.completeTasks({ trajectoryId: this.s.trajectoryId, kinds, completedById: actorId, at });
    return at;
  }

  private consultantTask(kind: TaskKind, idempotencyKey: string, dueAt: string): Promise<void> {
    return this.act.openTask({
      idempotencyKey,
      trajectoryId: this.s.trajectoryId,
      kind,
      assigneeRole: 'CONSULTANT',
      teamId: this.s.teamId,
      dueAt,
    });
  }

  /**
   * Seed 003: care starts only once the indication is decided, so the consultant team is asked to
   * decide as soon as the intake is held (the seeds give the decision no deadline: due at once), or,
   * where the intake found that the client does not fit the provider, to find another.
   */
  decisionAsked(kind: Extract<TaskKind, 'DECIDE_INDICATION' | 'OTHER_PROVIDER_NEEDED'>): Promise<void> {
    if (!this.changes.asksDecision) return Promise.resolve();
    return this.consultantTask(kind, this.key(kind), new Date().toISOString());
  }

  /**
   * Seed 003: "De aanbieder doet bij aanmelding binnen twee weken een intake": from the registration
   * the provider has it on its work list, due when the intake is (a run from before had no such task).
   */
  intakeAsked(): void {
    const due = this.intakeDue();
    if (!this.changes.asksIntake || !due) return;
    // With the start's batched write (every run that asks it batches): no local activity of its own.
    this.deferred.tasks.push({
      idempotencyKey: this.key('HOLD_INTAKE'),
      trajectoryId: this.s.trajectoryId,
      kind: 'HOLD_INTAKE',
      assigneeRole: 'PROVIDER',
      providerId: this.s.providerId,
      dueAt: due.dueAt,
    });
  }

  /**
   * The provider hears of the registration at once, with the intake's last day (a transfer's new
   * provider too); a run from before was told only three days before that day (INTAKE_DUE_SOON).
   */
  registrationTold(): Promise<void> {
    const due = this.intakeDue();
    if (!this.changes.tellsRegistration || !due) return Promise.resolve();
    return this.notify(this.key('REGISTERED'), 'CLIENT_REGISTERED', { dueAt: due.dueAt });
  }

  private intakeDue(): PendingDeadline | undefined {
    return pendingDeadlines(this.s).find((d) => d.kind === 'INTAKE_OVERDUE');
  }

  /** The decision is taken, or the trajectory closed before one: its task is done (a run from before had none). */
  async decisionTaken(actorId: string): Promise<void> {
    if (this.changes.asksDecision) await this.completeTasks(['DECIDE_INDICATION', 'OTHER_PROVIDER_NEEDED'], actorId);
  }

  /** When the current allocation ends (now if there is none): what must be done within it is due then. */
  private allocationEnd(): string {
    return pendingDeadlines(this.s).find((d) => d.kind === 'ALLOCATION_END')?.dueAt ?? new Date().toISOString();
  }

  /** A consultant task that matters until the allocation ends (a decision, a follow-up), once per `scope`. */
  consultantTaskUntilEnd(kind: TaskKind, scope: string | number): Promise<void> {
    return this.consultantTask(kind, this.key(kind, scope), this.allocationEnd());
  }

  /** To the provider or the consultant team, as the kind says (domain/notifications.ts). */
  private notify(idempotencyKey: string, kind: NoticeKind, payload: Record<string, string | number>): Promise<void> {
    const trajectoryId = this.s.trajectoryId;
    const recipientRole = noticeRecipients[kind];
    return this.act.enqueueNotification({
      idempotencyKey,
      trajectoryId,
      recipientRole,
      ...(recipientRole === 'PROVIDER' ? { providerId: this.s.providerId } : { teamId: this.s.teamId }),
      kind,
      payload: { trajectoryId, ...payload },
    });
  }

  /** Seed 003: at about 80 % use the provider is told to ask for more and the consultant gets the decision, once a period. */
  async expansionAdvised(sequence: number, month: string): Promise<void> {
    const key = this.key('EXPANSION', sequence);
    await this.notify(key, 'EXPANSION_ADVISED', { month });
    await this.consultantTask('DECIDE_EXPANSION', key, new Date().toISOString());
  }

  /**
   * A consultant's decision told to the provider, once: keyed by the run and the state's version,
   * which each change moves on (a new period's run counts its versions from 0 again). Runs from
   * before are not told.
   */
  private tellDecision(
    kind: NoticeKind,
    payload: Record<string, string | number>,
    key = this.key(kind, this.runId, this.t.version),
  ): Promise<void> {
    return this.changes.tellsDecisions ? this.notify(key, kind, payload) : Promise.resolve();
  }

  /** The provider hears what the consultant decided on its request (or on the 80 % advice). */
  requestDecided(
    kind: 'EXTENSION_DECIDED' | 'EXPANSION_DECIDED',
    decision: { outcome: 'GRANTED' | 'REFUSED'; endDate?: string; hoursPerWeek?: number },
  ): Promise<void> {
    return this.tellDecision(kind, decision);
  }

  /** The provider hears of the indication (care may start: seed 003) or of its change. */
  allocationTold(kind: 'INDICATION_DECIDED' | 'ALLOCATION_CHANGED', i: IndicationSnapshot): Promise<void> {
    return this.tellDecision(kind, {
      productCode: i.productCode,
      startDate: i.startDate,
      endDate: i.endDate,
      ...(i.hoursPerWeek !== null && { hoursPerWeek: i.hoursPerWeek }),
    });
  }

  /** The provider hears that the consultant closed the trajectory, and why (an iWmo reason code); once. */
  closureTold(reason: string): Promise<void> {
    return this.tellDecision('TRAJECTORY_CLOSED', { reason }, this.key('CLOSED'));
  }

  monthDoubled(sequence: number, month: string): Promise<void> {
    return this.notify(this.key('DOUBLED', sequence, month), 'MONTH_DOUBLED', { month });
  }

  /** Seed 003: the local team hears of a second no-show in a row; a third asks the consultant to re-establish contact. */
  noShowFollowUp(
    action: 'NONE' | 'NOTIFY_LOCAL_TEAM' | 'RECONTACT',
    sequence: number,
    n: { occurredAt: string; consecutive: number },
  ) {
    const key = this.key('NO_SHOW', sequence, n.occurredAt);
    if (action === 'NOTIFY_LOCAL_TEAM') return this.notify(key, 'CONSECUTIVE_NO_SHOWS', { consecutive: n.consecutive });
    if (action === 'RECONTACT') return this.consultantTask('RECONTACT_AFTER_NO_SHOWS', key, new Date().toISOString());
    return Promise.resolve();
  }

  /** A deadline's notice to the provider; keyed by the deadline, so a moved deadline notifies anew. */
  deadlineNotice(d: PendingDeadline, kind: NoticeKind, payload: Record<string, string>): Promise<void> {
    return this.notify(this.key(d.key), kind, { dueAt: d.dueAt, ...payload });
  }

  /**
   * A deadline's task for the consultant team or the provider: due at the deadline (done at once
   * from then on), or raised at it and due when the allocation ends (an evaluation toward the end).
   */
  deadlineTask(
    role: 'CONSULTANT' | 'PROVIDER',
    d: PendingDeadline,
    kind: TaskKind,
    due: 'AT_DEADLINE' | 'UNTIL_END' = 'AT_DEADLINE',
  ): Promise<void> {
    return this.act.openTask({
      idempotencyKey: this.key(d.key),
      trajectoryId: this.s.trajectoryId,
      kind,
      assigneeRole: role,
      ...(role === 'CONSULTANT' ? { teamId: this.s.teamId } : { providerId: this.s.providerId }),
      dueAt: due === 'UNTIL_END' ? this.allocationEnd() : d.dueAt,
    });
  }
}
