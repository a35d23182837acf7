import { productConditions } from '../../domain/indication-rules';
import type { Prisma } from '../client';

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

type ProductRow = Omit<Prisma.ProductCreateInput, 'tariffs' | 'indications'>;
type TariffRow = Omit<Prisma.TariffCreateManyInput, 'id'>;

const sddCategory = {
  region: 'SDD',
  volumeUnit: 'CATEGORY',
  noShowPolicy: 'NOT_APPLICABLE', // result-financed: nothing is declared per appointment
  extendable: true,
} as const;

const zouHourly = { region: 'ZOU', volumeUnit: 'HOURS_PER_WEEK', validFrom: null, source: '003' } as const;

/** Every product of DOMAIN.md, with the rules its seed document gives. */
export const products: ProductRow[] = [
  {
    ...sddCategory,
    code: 'IB0',
    name: 'Begeleiding 0',
    primaryActivity: 'toezicht: vinger aan de pols',
    requiresStableZrm: true,
    // "In het ondersteuningsplan worden de afspraken m.b.t. contactmomenten en de frequentie vastgelegd."
    planAgreesContacts: true,
    validFrom: date('2022-01-01'),
    source: '000',
  },
  {
    ...sddCategory,
    code: 'IB1',
    name: 'Begeleiding 1',
    primaryActivity: 'toezicht en stimuleren',
    validFrom: date('2016-01-01'),
    source: '001',
  },
  {
    ...sddCategory,
    code: 'IB2',
    name: 'Begeleiding 2',
    primaryActivity: 'aanleren en oefenen',
    alwaysFinite: true,
    validFrom: date('2016-01-01'),
    source: '001',
  },
  {
    ...sddCategory,
    code: 'IB3',
    name: 'Begeleiding 3',
    primaryActivity: 'helpen, overnemen en regie',
    validFrom: date('2016-01-01'),
    source: '001',
  },
  {
    ...sddCategory,
    code: 'OPSLAG1',
    name: 'Begeleiding opslag 1',
    primaryActivity: 'opslag bij (zeer) ernstige gedragsproblematiek',
    surchargeFor: ['IB1'],
    validFrom: date('2016-01-01'),
    source: '001',
  },
  {
    ...sddCategory,
    code: 'OPSLAG2',
    name: 'Begeleiding opslag 2',
    primaryActivity: 'opslag bij (zeer) ernstige gedragsproblematiek',
    surchargeFor: ['IB2'],
    validFrom: date('2016-01-01'),
    source: '001',
  },
  {
    ...sddCategory,
    code: 'OPSLAG3',
    name: 'Begeleiding opslag 3',
    primaryActivity: 'opslag bij (zeer) ernstige gedragsproblematiek',
    surchargeFor: ['IB3'],
    validFrom: date('2016-01-01'),
    source: '001',
  },
  // Pilot 1 January 2021 for two years (seed 002, 004); budget coach mandatory with debts.
  {
    ...sddCategory,
    code: 'IB-MO',
    name: 'Individuele begeleiding maatschappelijke opvang',
    primaryActivity: 'IB0-IB3 categories for shelter clients',
    validFrom: date('2021-01-01'),
    validTo: date('2022-12-31'),
    source: '002, 004',
  },
  {
    ...sddCategory,
    code: 'IB4-MO',
    name: 'IB4 jongvolwassenen',
    primaryActivity: 'ondersteuning bij geclusterd wonen, deels niet-planbaar',
    maxDurationMonths: 12,
    extendable: false,
    clientAgeBelow: 27,
    // "Ondersteuning wordt uitsluitend geboden indien de jongvolwassene: ..." (seed 004)
    conditions: [...productConditions],
    validFrom: null,
    source: '004',
  },
  {
    ...zouHourly,
    code: '02B03',
    name: 'Individuele begeleiding 24/7 bereikbaar',
    primaryActivity: 'begeleiding met 24/7 bereikbaarheid',
    minDurationMonths: 1,
    maxDurationMonths: 12,
    extendable: false,
    noShowPolicy: 'NOT_DECLARABLE',
  },
  {
    ...zouHourly,
    code: '02B04',
    name: 'Bemoeizorg',
    primaryActivity: 'contact leggen en toeleiden zonder eigen hulpvraag',
    maxDurationMonths: 12,
    extendable: false,
    interimEvaluationMonths: 6,
    noShowPolicy: 'ALWAYS_DECLARABLE',
  },
  {
    ...zouHourly,
    code: '02B05',
    name: 'Intensieve begeleiding en casusregie',
    primaryActivity: 'intensieve begeleiding en casusregie',
    maxDurationMonths: 12,
    extendable: true,
    noShowPolicy: 'CAPPED_PER_ALLOCATION',
    noShowCap: 6,
  },
];

const tariff2016 = (productCode: string, amountCents: number): TariffRow => ({
  productCode,
  amountCents,
  unit: 'PER_CLIENT_PER_4_WEEKS',
  validFrom: date('2016-01-01'),
  validTo: date('2016-12-31'),
  source: '001: Arrangementsprijzen 2016',
});

/**
 * Only tariffs whose amounts the seeds state. From 2021 SDD pays per client per week (seed 000)
 * and ZOU per hour (seed 003), but those documents give no amounts: load them as new rows.
 */
export const tariffs: TariffRow[] = [
  tariff2016('IB1', 31924),
  tariff2016('IB2', 69221),
  tariff2016('IB3', 106361),
  tariff2016('OPSLAG1', 9001),
  tariff2016('OPSLAG2', 19517),
  tariff2016('OPSLAG3', 29989),
];
