import type { AccessKind } from './client-access';
import type { ProductCondition } from './indication-rules';
import type { TaskKind, TrajectoryPhase } from './lifecycle';
import type { NotificationKind } from './notifications';
import type { OperationsAlertKind } from './operations-alerts';
import type { TimeMixWarning } from './utilisation';
import type { ContactApproach, ZrmExpectation } from './support-plan';
import type { ZrmDevelopment } from './zrm';

/**
 * The Dutch words users read for the system's codes: screens and e-mails use these, never the
 * code itself.
 */
export const phaseLabels: Record<TrajectoryPhase, string> = {
  REGISTERED: 'Aangemeld',
  INTAKE_HELD: 'Intake gehouden',
  ACTIVE: 'Toegewezen',
  CLOSED: 'Afgesloten',
};

/** Each task's name and what the consultant or provider does for it. */
export const taskTexts: Record<TaskKind, { label: string; todo: string }> = {
  HOLD_INTAKE: {
    label: 'Intake houden',
    todo: 'de cliënt is bij u aangemeld: houd binnen twee weken na de aanmelding de intake en leg die vast in de applicatie',
  },
  INTAKE_OVERDUE: { label: 'Intake te laat', todo: 'ga na waarom de intake nog niet is gehouden' },
  DECIDE_INDICATION: {
    label: 'Besluit over indicatie',
    todo: 'de intake is gehouden: besluit over de indicatie, want de begeleiding begint pas na uw besluit',
  },
  OTHER_PROVIDER_NEEDED: {
    label: 'Cliënt past niet bij aanbieder',
    todo: 'de zorgaanbieder vond bij de intake dat de cliënt niet bij hen past (de reden staat in de tijdlijn): zet de cliënt over naar een andere aanbieder met Overstap naar een andere zorgaanbieder, of besluit toch over de indicatie',
  },
  DECIDE_EXTENSION: { label: 'Besluit over verlenging', todo: 'beoordeel de aanvraag en het verslag' },
  DECIDE_EXPANSION: { label: 'Besluit over uitbreiding', todo: 'beoordeel of meer uren nodig zijn' },
  INTERIM_EVALUATION: { label: 'Tussenevaluatie bemoeizorg', todo: 'evalueer met de aanbieder' },
  END_EVALUATION: { label: 'Eindevaluatie bemoeizorg', todo: 'leg de uitkomst van de eindevaluatie vast' },
  RISK_ANALYSIS: { label: 'Risicoanalyse', todo: 'maak met de partners een risicoanalyse' },
  FOLLOW_UP_PLAN: { label: 'Vervolgplan', todo: 'stel een vervolgplan op' },
  IB2_REEVALUATION: { label: 'Herbeoordeling IB2', todo: 'besluit over stoppen, IB1 of IB3' },
  SUPPORT_PLAN_REVIEW: {
    label: 'Bespreking ondersteuningsplan',
    todo: 'bespreek het plan met de cliënt; een nieuw vastgelegd plan rondt deze taak af',
  },
  RECONTACT_AFTER_NO_SHOWS: { label: 'Contact na niet verschijnen', todo: 'herstel het contact met de cliënt' },
};

export const notificationLabels: Record<NotificationKind, string> = {
  CLIENT_REGISTERED: 'Cliënt aangemeld, intake houden',
  INTAKE_DUE_SOON: 'Intake binnenkort verwacht',
  EXTENSION_REQUEST_DUE: 'Verlenging aanvragen',
  EXPANSION_ADVISED: 'Ongeveer 80% van de uren gebruikt',
  MONTH_DOUBLED: 'Verbruik in een maand verdubbeld',
  CONSECUTIVE_NO_SHOWS: 'Cliënt meerdere keren niet verschenen',
  INDICATION_DECIDED: 'Indicatie afgegeven',
  ALLOCATION_CHANGED: 'Toewijzing gewijzigd',
  EXTENSION_DECIDED: 'Besluit over de verlenging',
  EXPANSION_DECIDED: 'Besluit over de uitbreiding',
  TRAJECTORY_CLOSED: 'Traject afgesloten',
  TASK_ASSIGNED: 'Taak aan u toegewezen',
  DAILY_DIGEST: 'Dagoverzicht',
};

/** What is due at each kind of deadline (workflows/trajectory/contracts.ts DeadlineKind). */
export const deadlineLabels: Record<string, string> = {
  INTAKE_REMINDER: 'Herinnering intake',
  INTAKE_OVERDUE: 'Intake uiterlijk',
  EXTENSION_REQUEST_DUE: 'Verlenging aanvragen',
  INTERIM_EVALUATION: 'Tussenevaluatie',
  END_EVALUATION: 'Eindevaluatie',
  SUPPORT_PLAN_REVIEW: 'Bespreking ondersteuningsplan',
  IB2_REEVALUATION: 'Herbeoordeling IB2',
  ALLOCATION_END: 'Einde toewijzing',
};

/** The regions as their people name them. */
export const regionLabels: Record<string, string> = { SDD: 'Drechtsteden', ZOU: 'Zuid-Oost Utrecht' };

export const roleLabels = { CONSULTANT: 'Consulent', PROVIDER: 'Zorgaanbieder', OPERATIONS: 'Contractmanagement' };

/** How a person came to see a client's data (domain/client-access.ts), as the access log says it. */
export const accessKindLabels: Record<AccessKind, string> = {
  TRAJECTORY_VIEWED: 'Traject bekeken',
  FOUND_BY_BSN: 'Gevonden bij zoeken op BSN',
  FOUND_BY_NAME: 'Gevonden bij zoeken op naam',
  FOUND_BY_REFERENCE: 'Gevonden bij zoeken op kenmerk',
  ACCESS_LOG_READ: 'Inzage opgevraagd',
};

/** What operations are alerted to (domain/operations-alerts.ts), as they read it. */
export const operationsAlertLabels: Record<OperationsAlertKind, string> = {
  WORKFLOW_NOT_RUNNING: 'Het proces van het traject loopt niet meer: er gaat geen termijn meer af',
  WORKFLOW_TASK_FAILED: 'Het proces van het traject loopt steeds vast',
};

/** A label for a code from the database, or the code itself if a newer one has none yet. */
export const labelOf = (labels: Record<string, string>, code: string | null | undefined): string =>
  code ? (labels[code] ?? code) : '';

/** Seed 003's time mix, over the trajectory through a declared month. */
export const timeMixWarningLabels: Record<TimeMixWarning, string> = {
  INDIRECT_ABOVE_30_PERCENT: 'meer dan 30% indirecte tijd',
  DIGITAL_ABOVE_20_PERCENT: 'meer dan 20% van de directe tijd digitaal',
};

/** The timeline's events (AuditEvent.action) as people say them. */
export const eventLabels: Record<string, string> = {
  TRAJECTORY_REGISTERED: 'Aangemeld',
  TRAJECTORY_STARTED: 'Bewaking van de termijnen gestart',
  INTAKE_RECORDED: 'Intake vastgelegd',
  INTAKE_CORRECTED: 'Intakedatum gecorrigeerd',
  INDICATION_DECIDED: 'Indicatie besloten',
  INDICATION_PERIOD_STARTED: 'Nieuwe periode begonnen',
  HOURS_DECLARED: 'Uren verantwoord',
  HOURS_CORRECTED: 'Uren gecorrigeerd',
  NO_SHOW_RECORDED: 'Niet verschenen',
  EXTENSION_REQUESTED: 'Verlenging aangevraagd',
  EXTENSION_GRANTED: 'Verlenging toegekend',
  EXTENSION_REFUSED: 'Verlenging afgewezen',
  EXPANSION_REQUESTED: 'Uitbreiding aangevraagd',
  EXPANSION_GRANTED: 'Uitbreiding toegekend',
  EXPANSION_REFUSED: 'Uitbreiding afgewezen',
  END_DATE_CHANGED: 'Einddatum gewijzigd',
  PRODUCT_CHANGED: 'Ander product',
  ALLOCATION_CHANGED: 'Indicatie gewijzigd',
  END_EVALUATION_RECORDED: 'Eindevaluatie vastgelegd',
  TASK_COMPLETED: 'Taak afgerond',
  ZRM_ASSESSED: 'Zelfredzaamheid gemeten',
  SUPPORT_PLAN_RECORDED: 'Ondersteuningsplan vastgelegd',
  TRAJECTORY_CLOSED: 'Afgesloten',
  IDENTITY_CORRECTED: 'Persoonsgegevens gecorrigeerd',
};

/** Why a value is refused, per rule (domain/indication-rules.ts, domain/business-dates.ts), in words. */
export const ruleLabels: Record<string, string> = {
  REGION: 'Dit product hoort niet bij de regio van uw team.',
  CLIENT_AGE: 'De cliënt is te oud voor dit product.',
  NO_SURCHARGE: 'Bij dit product hoort geen opslag: alleen bij Begeleiding 1, 2 en 3.',
  NOTHING_CHANGES: 'Zo verandert er niets: kies een ander product, andere uren per week of een andere opslag.',
  SURCHARGE_ONLY: 'Een opslag is geen product op zich: hij komt bovenop Begeleiding 1, 2 of 3.',
  NO_HOURLY_VOLUME: 'Dit product wordt op resultaat gefinancierd: vul geen uren in.',
  HOURLY_VOLUME_REQUIRED: 'Dit product wordt per uur gefinancierd: vul het aantal uren per week in.',
  MAX_DURATION: 'De periode is langer dan dit product toestaat.',
  MIN_DURATION: 'De periode is korter dan dit product vraagt.',
  PERIOD: 'De einddatum ligt voor de begindatum.',
  NOT_YET_VALID: 'Dit product geldt op die datum nog niet.',
  NO_LONGER_VALID: 'Dit product geldt op die datum niet meer.',
  ZRM_NOT_STABLE: 'Voor dit product moet de cliënt op alle leefgebieden van de ZRM een 4 of 5 scoren.',
  CONDITIONS: 'Dit product wordt alleen toegekend als aan alle voorwaarden is voldaan: vink ze aan als dat zo is.',
  INTAKE_IN_FUTURE: 'De intake kan niet in de toekomst liggen.',
  INTAKE_BEFORE_REGISTRATION: 'De intake kan niet voor de aanmelding liggen.',
  INTAKE_AFTER_DECISION: 'De intake kan niet na het besluit liggen.',
  REGISTRATION_IN_FUTURE: 'De aanmelding kan niet in de toekomst liggen.',
  BORN_IN_FUTURE: 'De geboortedatum kan niet in de toekomst liggen.',
  MONTH_NOT_STARTED: 'Die maand is nog niet begonnen.',
  MONTH_OUTSIDE_INDICATION: 'Die maand valt buiten de indicatie.',
  NO_SHOW_IN_FUTURE: 'Niet verschijnen kan niet in de toekomst liggen.',
  NO_SHOW_OUTSIDE_INDICATION: 'Die datum valt buiten de indicatie.',
  ASSESSMENT_IN_FUTURE: 'Een meting kan niet in de toekomst liggen.',
  ASSESSMENT_OUTSIDE_INDICATION: 'Die datum valt buiten de lopende indicatie.',
  ALREADY_ASSESSED: 'Op die dag is de zelfredzaamheid al gemeten.',
  PLAN_IN_FUTURE: 'Een ondersteuningsplan kan niet in de toekomst zijn afgesproken.',
  PLAN_OUTSIDE_INDICATION: 'Die datum valt buiten de lopende indicatie.',
  PLAN_ALREADY_RECORDED: 'Op die dag is al een ondersteuningsplan vastgelegd.',
  GOAL_SELF_SUFFICIENT:
    'Individuele begeleiding richt zich op leefgebieden die niet of beperkt zelfredzaam zijn (ZRM 2 of 3); bij de start van het plan scoort dit leefgebied 4 of 5.',
  GOAL_ACUTE:
    'Bij acute problematiek (ZRM 1) is individuele begeleiding alleen aan de orde bij tijdsbesteding en geestelijke gezondheid; hier helpen andere professionals.',
  GOAL_JUSTICE_ALONE:
    'Op justitie is individuele begeleiding alleen aan de orde samen met een doel voor geestelijke gezondheid of middelengebruik.',
  UNKNOWN_PRODUCT: 'Dit product staat niet in de catalogus.',
  TARIFF_UNIT:
    'Deze eenheid past niet bij het product: per uur voor producten die per uur worden gefinancierd, anders per cliënt.',
  TARIFF_EXISTS: 'Dit product heeft al een tarief vanaf die dag.',
  CONTACT_AGREEMENT:
    'Bij dit product legt het ondersteuningsplan de contactmomenten vast: vul in hoe vaak er contact is en wie het initiatief neemt.',
  TARIFF_UNCHANGED: 'Zo verandert er niets: vul het juiste bedrag of kies de juiste eenheid.',
  REVIEW_IN_FUTURE: 'Een gesprek kan pas worden vastgelegd als het is gevoerd.',
  REVIEW_EXISTS: 'Op die dag is met deze zorgaanbieder al een gesprek vastgelegd.',
  ASSIGNEE_OUT_OF_SCOPE: 'Deze persoon hoort niet bij het team of de zorgaanbieder van de taak.',
};

/** Seed 004, IB4 MO: "Ondersteuning wordt uitsluitend geboden indien de jongvolwassene:" */
export const productConditionLabels: Record<ProductCondition, string> = {
  HOMELESSNESS: 'komt uit een situatie van (dreigende) dak- of thuisloosheid',
  DEVELOPMENT_POTENTIAL: 'heeft ontwikkelpotentieel tot zelfstandig wonen',
  CLUSTERED_HOUSING: 'bewoont zelfstandige woonruimte in een geclusterde woonsetting of gaat die bewonen',
  PAYS_RENT: 'betaalt huur voor de zelfstandige woonruimte',
  REGULAR_IB_UNFIT: 'de voorliggende reguliere individuele begeleiding biedt geen passende ondersteuning',
  SUPPORT_CAN_WAIT: 'de ondersteuning is uitstelbaar tot minimaal het volgende dagdeel',
};

/** Refusals that name a field without a business rule (the API's error code), as the field says it. */
export const refusalLabels: Record<string, string> = {
  TRAJECTORY_EXISTS: 'Deze cliënt heeft al een lopend traject bij deze zorgaanbieder.',
  IDENTITY_MISMATCH: 'Dit BSN is bekend met een andere naam of geboortedatum. Controleer de gegevens.',
};

/** The ZRM's domains (zelfredzaamheidsmatrix) as the matrix names them. */
export const zrmDomainLabels: Record<string, string> = {
  FINANCES: 'Financiën',
  WORK_EDUCATION: 'Werk en opleiding',
  TIME_USE: 'Tijdsbesteding',
  HOUSING: 'Huisvesting',
  DOMESTIC_RELATIONS: 'Huiselijke relaties',
  MENTAL_HEALTH: 'Geestelijke gezondheid',
  PHYSICAL_HEALTH: 'Lichamelijke gezondheid',
  SUBSTANCE_USE: 'Middelengebruik',
  BASIC_ADL: 'Basale ADL',
  INSTRUMENTAL_ADL: 'Instrumentele ADL',
  SOCIAL_NETWORK: 'Sociaal netwerk',
  SOCIAL_PARTICIPATION: 'Maatschappelijke participatie',
  JUSTICE: 'Justitie',
};

/** The ZRM's scores as the matrix words them. */
export const zrmScoreLabels: Record<number, string> = {
  1: 'acute problematiek',
  2: 'niet zelfredzaam',
  3: 'beperkt zelfredzaam',
  4: 'voldoende zelfredzaam',
  5: 'volledig zelfredzaam',
};

/** How a domain developed between the first and the latest measurement. */
export const zrmDevelopmentLabels: Record<ZrmDevelopment, string> = {
  IMPROVED: 'vooruitgegaan',
  STABLE: 'stabiel',
  DECLINED: 'achteruitgegaan',
};

/** What a support plan expects of a domain (seed 002). */
export const zrmExpectationLabels: Record<ZrmExpectation, string> = {
  INCREASE: 'Toename van de zelfredzaamheid',
  STABILISE: 'Stabilisatie',
};

/** Seed 000, IB0: who takes the initiative for contact, as the plan agrees it. */
export const contactApproachLabels: Record<ContactApproach, string> = {
  PROACTIVE: 'Pro-actief: de begeleider neemt contact op',
  REACTIVE: 'Reactief: de cliënt neemt contact op met een vraag',
  BOTH: 'Beide: pro-actief en reactief',
};

/** Bemoeizorg's end evaluation outcomes (seed 003). */
export const endEvaluationLabels: Record<string, string> = {
  STEPPED_DOWN: 'Afgeschaald naar lichtere ondersteuning',
  TRANSFERRED: 'Overgedragen aan andere hulp',
  CONTACT_FAILED: 'Contact kwam niet tot stand',
  REFERRAL_FAILED: 'Toeleiding is niet gelukt',
};

/** The state of an extension or expansion request. */
/** A notice's subject: its kind, and for a decision what was decided ("Besluit over de verlenging: afgewezen"). */
export function noticeSubject(kind: string, payload: unknown): string {
  const outcome = (payload as { outcome?: unknown } | null)?.outcome;
  const label = labelOf(notificationLabels, kind);
  return typeof outcome === 'string' && outcome in requestStatusLabels
    ? `${label}: ${labelOf(requestStatusLabels, outcome)}`
    : label;
}

export const requestStatusLabels: Record<string, string> = {
  REQUESTED: 'aangevraagd, wacht op besluit',
  GRANTED: 'toegekend',
  REFUSED: 'afgewezen',
};

/** How a tariff is paid (domain/costs.ts). */
export const tariffUnitLabels: Record<string, string> = {
  PER_HOUR: 'per uur',
  PER_CLIENT_PER_WEEK: 'per cliënt per week',
  PER_CLIENT_PER_4_WEEKS: 'per cliënt per 4 weken',
  PER_CLIENT_PER_MONTH: 'per cliënt per maand',
};

/** "4,5 uur per week". */
export const hoursPerWeekText = (hours: number) => `${String(hours).replace('.', ',')} uur per week`;
