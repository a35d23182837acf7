import { dutchDate } from '../../domain/dutch-dates';
import { deadlineLabels, eventLabels, labelOf, phaseLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { html } from '../html';
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

/** One trajectory: who, what is granted, what is due, and what happened (in scope only; otherwise 404). */
export async function trajectoryPage(visit: Visit, trajectoryId: string): Promise<string> {
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
    html`<dl class="utrecht-data-list">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Fase</dt>
          <dd class="utrecht-data-list__item-value">${labelOf(phaseLabels, t.phase)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Aangemeld op</dt>
          <dd class="utrecht-data-list__item-value">${dutchDate(new Date(t.registeredAt))}</dd>
        </div>
      </dl>
      <h2 class="utrecht-heading-2">Indicaties</h2>
      ${table('Indicaties van dit traject', ['Product', 'Periode', 'Omvang', 'Status'], indications, 'Nog geen indicatie.')}
      <h2 class="utrecht-heading-2">Termijnen</h2>
      ${table('Wat er nog moet gebeuren', ['Wat', 'Uiterlijk'], deadlines, 'Geen openstaande termijnen.')}
      <h2 class="utrecht-heading-2">Tijdlijn</h2>
      ${table('Wat er is gebeurd', ['Datum', 'Gebeurtenis'], events, 'Nog niets vastgelegd.')}`,
    visit.viewer,
  );
}
