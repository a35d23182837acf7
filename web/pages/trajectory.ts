import { dutchDate } from '../../domain/dutch-dates';
import { deadlineLabels, eventLabels, labelOf, phaseLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { html, type Html } from '../html';
import { hoursForm, indicationForm, intakeForm, type FormValues, type Refused } from './trajectory-forms';
import { page, table } from '../layout';

interface Detail {
  id: string;
  phase: string;
  registeredAt: Date;
  client?: { fullName: string };
  indications: {
    sequence: number;
    productCode: string;
    startDate: Date;
    endDate: Date;
    hoursPerWeek: unknown;
    status: string;
  }[];
  pendingDeadlines: { kind: string; dueAt: string; nextPeriod: boolean }[];
  timeline: { id: string; occurredAt: Date; action: string }[];
}

/** A form that was sent back with what was filled in and why it was refused. */
export interface Resent {
  form: 'intake' | 'indication' | 'hours';
  values: FormValues;
  refused: Refused;
}

/** What the person looking can do now, by role and phase; a refused form comes back filled in. */
async function actions(visit: Visit, t: Detail, resent?: Resent): Promise<Html> {
  const again = (form: Resent['form']) =>
    resent?.form === form ? resent : { values: {}, refused: { errors: {} } as Refused };
  const role = visit.actor.role;
  if (role === 'PROVIDER' && t.phase === 'REGISTERED')
    return intakeForm(visit, t.id, again('intake').values, again('intake').refused);
  if (role === 'CONSULTANT' && t.phase === 'INTAKE_HELD')
    return indicationForm(visit, t.id, again('indication').values, again('indication').refused);
  const current = t.indications.find((i) => i.status === 'ACTIVE');
  if (role === 'PROVIDER' && t.phase === 'ACTIVE' && current?.hoursPerWeek !== null)
    return hoursForm(visit, t.id, again('hours').values, again('hours').refused);
  return html``;
}

/** After hours were declared: how much of the allocation is used, against the 80 % mark. */
function usedShare(share: number | undefined): Html {
  if (share === undefined || !Number.isFinite(share)) return html``;
  const percent = Math.round(share * 100);
  return html`<div class="utrecht-alert utrecht-alert--ok" role="status">
    <p class="utrecht-paragraph">
      De uren zijn verantwoord. Gebruik van de toewijzing:
      ${percent}%${percent >= 80 ? ' — boven de 80%: vraag zo nodig een uitbreiding aan.' : '.'}
    </p>
    <p>
      <label for="gebruik">Gebruik van de toewijzing</label>
      <progress id="gebruik" max="100" value="${Math.min(percent, 100)}">${percent}%</progress>
    </p>
  </div>`;
}

/** One trajectory: who, what is granted, what is due, and what happened (in scope only; otherwise 404). */
export async function trajectoryPage(
  visit: Visit,
  trajectoryId: string,
  shown: { resent?: Resent; usedShare?: number } = {},
): Promise<string> {
  const t = (await visit.call('get', '/trajectories/{trajectoryId}', { params: { trajectoryId } })) as Detail;
  const indications = t.indications.map((i) => [
    html`${i.productCode}`,
    html`${dutchDate(new Date(i.startDate))} t/m ${dutchDate(new Date(i.endDate))}`,
    html`${i.hoursPerWeek === null ? 'resultaatfinanciering' : `${String(i.hoursPerWeek)} uur per week`}`,
    html`${i.status === 'ACTIVE' ? 'Lopend' : i.status === 'PLANNED' ? 'Gepland' : 'Beëindigd'}`,
  ]);
  const deadlines = t.pendingDeadlines.map((d) => [
    html`${labelOf(deadlineLabels, d.kind)}${d.nextPeriod ? ' (volgende periode)' : ''}`,
    html`${dutchDate(new Date(d.dueAt))}`,
  ]);
  const events = t.timeline.map((e) => [
    html`${dutchDate(new Date(e.occurredAt))}`,
    html`${labelOf(eventLabels, e.action)}`,
  ]);
  return page(
    `Traject ${t.client?.fullName ?? ''}`.trim(),
    html`${usedShare(shown.usedShare)}
      <dl class="utrecht-data-list">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Fase</dt>
          <dd class="utrecht-data-list__item-value">${labelOf(phaseLabels, t.phase)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Aangemeld op</dt>
          <dd class="utrecht-data-list__item-value">${dutchDate(new Date(t.registeredAt))}</dd>
        </div>
      </dl>
      ${
        visit.workflowLink
          ? html`<p class="utrecht-paragraph">
              <a class="utrecht-link" href="${visit.workflowLink(t.id)}">Bekijk het proces in Temporal</a>
            </p>`
          : ''
      }
      ${await actions(visit, t, shown.resent)}
      <h2 class="utrecht-heading-2">Indicaties</h2>
      ${table('Indicaties van dit traject', ['Product', 'Periode', 'Omvang', 'Status'], indications, 'Nog geen indicatie.')}
      <h2 class="utrecht-heading-2">Termijnen</h2>
      ${table('Wat er nog moet gebeuren', ['Wat', 'Uiterlijk'], deadlines, 'Geen openstaande termijnen.')}
      <h2 class="utrecht-heading-2">Tijdlijn</h2>
      ${table('Wat er is gebeurd', ['Datum', 'Gebeurtenis'], events, 'Nog niets vastgelegd.')}`,
    visit.viewer,
  );
}
