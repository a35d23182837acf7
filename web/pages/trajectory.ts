import { dutchDate, dutchDeadline, dutchMonth } from '../../domain/dutch-dates';
import { closureReasonLabel } from '../../domain/closure-reasons';
import { referenceOf } from '../../domain/reference';
import {
  deadlineLabels,
  endEvaluationLabels,
  hoursPerWeekText,
  labelOf,
  phaseLabels,
  requestStatusLabels,
  timeMixWarningLabels,
} from '../../domain/labels';
import type { PeriodUtilisation } from '../../domain/utilisation';
import type { Visit } from '../context';
import { errorSummary, submit, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { page, statusMessage, table } from '../layout';
import { trajectoryForms, type Detail, type PageForm, type TrajectoryForm } from './trajectory-forms';
import { currentIndication } from './trajectory-hours';
import { openTasksOf, taskForms, taskOutcomes, tasksTable, type TaskOutcome } from './trajectory-tasks';
import { eventText, noteText } from './timeline';
import { zrmSection, type ZrmChanged } from './trajectory-zrm';
import { planSection, type PlanChanged } from './trajectory-plan';
import { reportLink, reportsSection } from './trajectory-reports';

/** What a provider just did with a month's hours, said beside their use (`?uren=`). */
export const hoursChanges = { verantwoord: 'De uren zijn verantwoord.', gecorrigeerd: 'De uren zijn gecorrigeerd.' };
export type HoursChanged = keyof typeof hoursChanges;

/** A form that was sent back with what was filled in and why it was refused. */
export interface Resent {
  form: string;
  values: FormValues;
  refused: Refused;
}

/** A form of the page: the next step open under its heading, the others folded under their title. */
async function formOf(visit: Visit, t: Detail, form: PageForm, resent?: Resent): Promise<Html> {
  const again = resent?.form === form.key ? resent : undefined;
  const filling = {
    visit,
    form: form.key,
    values: again?.values ?? {},
    refused: again?.refused ?? { errors: {} },
    trajectory: t,
  };
  const fields = await form.fields(filling);
  const body = html`${errorSummary(filling.refused.summary, filling.refused.errors, fields, form.key)}
    <form method="post" action="/trajecten/${t.id}/${form.key}" novalidate>
      ${fields} ${submit(form.button ?? form.title, visit.viewer.csrf)}
    </form>`;
  if (form.primary)
    return html`<h2 class="utrecht-heading-2">${form.title}</h2>
      ${body}`;
  return html`<details class="trajectory-action" ${again ? html` open` : ''}>
    <summary>${form.title}</summary>
    ${body}
  </details>`;
}

/** The forms the person looking has now, by role, phase and the period's requests. */
const formsFor = (visit: Visit, t: Detail) =>
  trajectoryForms.filter((f) => [f.role].flat().includes(visit.actor.role) && f.applies(t));

/** What the person looking can do now: `forms`, the ones offered. */
async function actions(visit: Visit, t: Detail, forms: TrajectoryForm[], resent?: Resent): Promise<Html> {
  const primary = forms.filter((f) => f.primary);
  const other = forms.filter((f) => !f.primary);
  return html`${await Promise.all(primary.map((f) => formOf(visit, t, f, resent)))}
  ${
    other.length
      ? html`<h2 class="utrecht-heading-2">Andere acties</h2>
          ${await Promise.all(other.map((f) => formOf(visit, t, f, resent)))}`
      : ''
  }`;
}

/**
 * A form refused because the trajectory moved on (someone else acted first, or an older page was
 * sent) is no longer on the page: the refusal is said at the top instead of beside a form that is gone.
 */
function refusalOfGoneForm(forms: PageForm[], resent?: Resent): Html {
  if (!resent || forms.some((f) => f.key === resent.form)) return html``;
  const title = trajectoryForms.find((f) => f.key === resent.form)?.title ?? 'Dit formulier';
  return statusMessage(
    html`<strong>${title}: dit kan niet meer.</strong> Het traject is intussen veranderd; hieronder ziet u hoe het er nu
      voor staat.`,
    'error',
  );
}

const hoursOf = (minutes: number) => `${(minutes / 60).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} uur`;

type Declaration = Detail['indications'][number]['declarations'][number];

/** The months declared in the period, newest first, with the time-mix warnings through each. */
function declarationsTable(declared: Declaration[]): Html {
  const rows = [...declared]
    .reverse()
    .map((d) => [
      html`${dutchMonth(d.month)}`,
      html`${String(d.directMinutes)}`,
      html`${String(d.indirectMinutes)}`,
      html`${String(d.digitalMinutes)}`,
      html`${String(d.groupMinutes)}`,
      html`${d.warnings.map((w) => timeMixWarningLabels[w]).join('; ')}`,
    ]);
  return table(
    'Verantwoorde uren per maand',
    [
      'Maand',
      'Direct (minuten)',
      'Indirect (minuten)',
      'Waarvan digitaal (minuten)',
      'Groepscontacttijd (minuten)',
      'Let op (tot en met die maand)',
    ],
    rows,
    'Nog geen maanden verantwoord.',
  );
}

/** The utilisation bar: hours used against allocated, the 80 % mark and the projection at the current rate. */
function utilisationBar(u: PeriodUtilisation, declared: Declaration[], hoursChanged?: HoursChanged): Html {
  const percent = Math.round(u.usedShare * 100);
  const scale = Math.max(u.allocatedMinutes, u.usedMinutes, u.projectedMinutes, 1);
  const width = (minutes: number) => `${((minutes / scale) * 100).toFixed(1)}%`;
  const projection =
    u.projectedMinutes > 0
      ? `Bij dit tempo is aan het einde van de periode ${hoursOf(u.projectedMinutes)} gebruikt${
          u.projectedMinutes > u.allocatedMinutes ? ', meer dan is toegewezen' : ''
        }.`
      : 'Nog geen uren verantwoord.';
  return html`<section aria-labelledby="gebruik-kop">
    <h2 class="utrecht-heading-2" id="gebruik-kop">Gebruik van de uren</h2>
    <p class="utrecht-paragraph" ${hoursChanged ? html` role="status"` : ''}>
      ${hoursChanged ? `${hoursChanges[hoursChanged]} ` : ''}Gebruik van de toewijzing: ${percent}%
      (${hoursOf(u.usedMinutes)} van
      ${hoursOf(u.allocatedMinutes)})${percent >= u.threshold * 100 ? ' — boven de 80%: vraag zo nodig een uitbreiding aan.' : '.'}
    </p>
    <p class="utrecht-paragraph">${projection}</p>
    <div class="utilisation-bar" aria-hidden="true">
      <div class="utilisation-projected" style="width: ${width(u.projectedMinutes)}"></div>
      <div class="utilisation-used" style="width: ${width(u.usedMinutes)}"></div>
      <div
        class="utilisation-mark utilisation-mark--threshold"
        style="left: ${width(u.allocatedMinutes * u.threshold)}"
      >
        <span>80%</span>
      </div>
      <div class="utilisation-mark" style="left: ${width(u.allocatedMinutes)}"><span>100%</span></div>
    </div>
    ${declared.length ? declarationsTable(declared) : ''}
  </section>`;
}

const item = (key: string, value: string) =>
  html`<div class="utrecht-data-list__item">
    <dt class="utrecht-data-list__item-key">${key}</dt>
    <dd class="utrecht-data-list__item-value">${value}</dd>
  </div>`;

/** The intake found that the client does not fit the provider (its audit event says so; seed 003: "of een client bij de aanbieder past"). */
const foundUnfit = (t: Detail) =>
  t.timeline.some((e) => e.action === 'INTAKE_RECORDED' && (e.data as { suitable?: unknown }).suitable === false);

/** Where the trajectory stands: phase, dates (the intake's with its fit), the period's requests and how it ended. */
function facts(t: Detail): Html {
  const care = t.care;
  const unfit = foundUnfit(t) ? '; de cliënt past niet bij de aanbieder' : '';
  return html`<dl class="utrecht-data-list">
    ${t.client ? html`${item('Cliënt', t.client.fullName)} ${item('Geboortedatum', dutchDate(t.client.dateOfBirth))}` : ''}
    ${t.client?.bsn ? item('BSN', t.client.bsn) : ''} ${item('Kenmerk', referenceOf(t.id))}
    ${item('Fase', labelOf(phaseLabels, t.phase))} ${item('Aangemeld op', dutchDate(new Date(t.registeredAt)))}
    ${t.intakeHeldOn ? item('Intake gehouden op', `${dutchDate(new Date(t.intakeHeldOn))}${unfit}`) : ''}
    ${care?.extension ? item('Verlenging', labelOf(requestStatusLabels, care.extension)) : ''}
    ${care?.expansion ? item('Uitbreiding', labelOf(requestStatusLabels, care.expansion.status)) : ''}
    ${care?.endEvaluation.outcome ? item('Eindevaluatie', labelOf(endEvaluationLabels, care.endEvaluation.outcome)) : ''}
    ${t.closedAt ? item('Afgesloten op', dutchDate(new Date(t.closedAt))) : ''}
    ${t.closureReason ? item('Reden van beëindiging', closureReasonLabel(t.closureReason)) : ''}
  </dl>`;
}

const transferredText = `De cliënt is bij deze zorgaanbieder aangemeld; het vorige traject is afgesloten met reden ${closureReasonLabel('OTHER_PROVIDER')}.`;

// The workflow did not answer in time: the page shows the record's copy (issue 12: the detail never waits on a busy worker).
const notLive =
  'De actuele termijnen en het gebruik van de uren zijn nu niet op te halen: u ziet de eerstvolgende termijn uit de administratie. Probeer het over enkele ogenblikken opnieuw.';

/** One trajectory: who, what is granted, what is due, and what happened (in scope only; otherwise 404). */
export async function trajectoryPage(
  visit: Visit,
  trajectoryId: string,
  shown: {
    resent?: Resent;
    hoursChanged?: HoursChanged;
    task?: TaskOutcome;
    zrmChanged?: ZrmChanged;
    planChanged?: PlanChanged;
    /** Just moved here from another provider's trajectory (overstap). */
    transferred?: boolean;
  } = {},
): Promise<string> {
  const [t, catalogue, open] = (await Promise.all([
    visit.call('get', '/trajectories/{trajectoryId}', { params: { trajectoryId } }),
    visit.call('get', '/products'),
    openTasksOf(visit, trajectoryId),
  ])) as [Detail, { items: { code: string; name: string }[] }, Awaited<ReturnType<typeof openTasksOf>>];
  const productName = new Map(catalogue.items.map((p) => [p.code, p.name]));
  const indications = t.indications.map((i) => [
    html`${i.productCode} –
    ${productName.get(i.productCode) ?? ''}${
      i.surchargeCode ? ` met ${productName.get(i.surchargeCode) ?? 'opslag'} (${i.surchargeCode})` : ''
    }`,
    html`${dutchDate(new Date(i.startDate))} t/m ${dutchDate(new Date(i.endDate))}`,
    html`${i.hoursPerWeek === null ? 'resultaatfinanciering' : hoursPerWeekText(Number(i.hoursPerWeek))}`,
    html`${i.status === 'ACTIVE' ? 'Lopend' : i.status === 'PLANNED' ? 'Gepland' : 'Beëindigd'}`,
  ]);
  const deadlines = t.pendingDeadlines.map((d) => [
    html`${labelOf(deadlineLabels, d.kind)}${d.nextPeriod ? ' (volgende periode)' : ''}`,
    html`${dutchDeadline(new Date(d.dueAt))}`,
  ]);
  const events = t.timeline.map((e) => [
    html`${dutchDate(new Date(e.occurredAt))}`,
    html`${eventText(e)}${reportLink(e, t.reports)}${e.note ? html`<br />${noteText(e.action, e.note)}` : ''}`,
    html`${e.actorType === 'USER' ? (e.actorName ?? 'Onbekende gebruiker') : 'Automatisch'}`,
  ]);
  const utilisation = t.care?.utilisation;
  const forms = formsFor(visit, t);
  const ofTasks = taskForms(open);
  return page(
    `Traject ${t.client?.fullName ?? ''}`.trim(),
    html`${refusalOfGoneForm([...forms, ...ofTasks], shown.resent)}
      ${statusMessage(shown.task && taskOutcomes[shown.task])}
      ${statusMessage(shown.transferred ? transferredText : undefined)} ${facts(t)}
      ${statusMessage(t.live ? undefined : notLive, 'warning')}
      ${
        visit.workflowLink
          ? html`<p class="utrecht-paragraph">
              <a class="utrecht-link" href="${visit.workflowLink(t.id)}">Bekijk het proces in Temporal</a>
            </p>`
          : ''
      }
      ${utilisation ? utilisationBar(utilisation, currentIndication(t)?.declarations ?? [], shown.hoursChanged) : ''}
      ${
        visit.actor.role === 'OPERATIONS'
          ? ''
          : html`<h2 class="utrecht-heading-2">Open taken</h2>
              ${tasksTable(open)} ${await Promise.all(ofTasks.map((f) => formOf(visit, t, f, shown.resent)))}`
      }
      ${await actions(visit, t, forms, shown.resent)}
      <h2 class="utrecht-heading-2">Indicaties</h2>
      ${table('Indicaties van dit traject', ['Product', 'Periode', 'Omvang', 'Status'], indications, 'Nog geen indicatie.')}
      ${t.zrm ? zrmSection(t.zrm, shown.zrmChanged) : ''}
      ${t.zrm && t.supportPlan !== undefined ? planSection(t.supportPlan, t.zrm, shown.planChanged) : ''}
      ${reportsSection(t.reports)}
      <h2 class="utrecht-heading-2">Termijnen</h2>
      ${table('Wat er nog moet gebeuren', ['Wat', 'Uiterlijk'], deadlines, 'Geen openstaande termijnen.')}
      <h2 class="utrecht-heading-2">Tijdlijn</h2>
      ${table('Wat er is gebeurd', ['Datum', 'Gebeurtenis', 'Door'], events, 'Nog niets vastgelegd.')}`,
    visit.viewer,
  );
}
