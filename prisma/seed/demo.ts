import type { Prisma } from '../client';

/** Fixed ids so the demo can be loaded again without duplicates and referenced from docs and tests. */
export const demoIds = {
  teamZeist: '00000000-0000-4000-8000-000000000101',
  teamDordrecht: '00000000-0000-4000-8000-000000000102',
  providerA: '00000000-0000-4000-8000-000000000201',
  providerB: '00000000-0000-4000-8000-000000000202',
  consultant: '00000000-0000-4000-8000-000000000301',
  providerUserA: '00000000-0000-4000-8000-000000000302',
  providerUserB: '00000000-0000-4000-8000-000000000303',
  operations: '00000000-0000-4000-8000-000000000304',
  consultantDordrecht: '00000000-0000-4000-8000-000000000305',
  colleagueZeist: '00000000-0000-4000-8000-000000000306',
  colleagueA: '00000000-0000-4000-8000-000000000307',
} as const;

export const teams: Prisma.TeamCreateManyInput[] = [
  { id: demoIds.teamZeist, name: 'Sociaal Loket Team Zeist', municipality: 'Zeist', region: 'ZOU' },
  { id: demoIds.teamDordrecht, name: 'Wmo-consulenten Dordrecht', municipality: 'Dordrecht', region: 'SDD' },
];

export const providers: Prisma.ProviderCreateManyInput[] = [
  { id: demoIds.providerA, name: 'Demo Begeleiding A' },
  { id: demoIds.providerB, name: 'Demo Zorg B' },
];

export const demoContacts = {
  teams: [
    { id: demoIds.teamZeist, mailbox: 'wmo-team@zeist.example' },
    { id: demoIds.teamDordrecht, mailbox: 'wmo-team@dordrecht.example' },
  ],
  providers: [
    { id: demoIds.providerA, contactEmails: ['planning@a.example'] },
    { id: demoIds.providerB, contactEmails: ['zorgbureau@b.example'] },
  ],
};

export const users: Prisma.UserCreateManyInput[] = [
  {
    id: demoIds.consultant,
    email: 'consulent@zeist.example',
    displayName: 'Demo consulent',
    role: 'CONSULTANT',
    teamId: demoIds.teamZeist,
  },
  {
    id: demoIds.consultantDordrecht,
    email: 'consulent@dordrecht.example',
    displayName: 'Demo consulent Dordrecht',
    role: 'CONSULTANT',
    teamId: demoIds.teamDordrecht,
  },
  {
    id: demoIds.providerUserA,
    email: 'begeleider@a.example',
    displayName: 'Demo begeleider A',
    role: 'PROVIDER',
    providerId: demoIds.providerA,
  },
  {
    id: demoIds.providerUserB,
    email: 'begeleider@b.example',
    displayName: 'Demo begeleider B',
    role: 'PROVIDER',
    providerId: demoIds.providerB,
  },
  {
    id: demoIds.operations,
    email: 'contractmanagement@example',
    displayName: 'Demo contractmanagement',
    role: 'OPERATIONS',
  },
];

/** A second person in the Zeist team and at provider A, so `npm start` can show a task given to a colleague. */
export const demoColleagues: Prisma.UserCreateManyInput[] = [
  {
    id: demoIds.colleagueZeist,
    email: 'collega@zeist.example',
    displayName: 'Demo collega Zeist',
    role: 'CONSULTANT',
    teamId: demoIds.teamZeist,
  },
  {
    id: demoIds.colleagueA,
    email: 'collega@a.example',
    displayName: 'Demo collega A',
    role: 'PROVIDER',
    providerId: demoIds.providerA,
  },
];

/** Invented people: the BSNs pass the 11-check but belong to nobody (test range 9999xxxxx). */
export const demoClients = [
  {
    id: '00000000-0000-4000-8000-000000000401',
    bsn: '999990019',
    fullName: 'Demo Client Een',
    dateOfBirth: '1980-03-14',
  },
  {
    id: '00000000-0000-4000-8000-000000000402',
    bsn: '999990020',
    fullName: 'Demo Client Twee',
    dateOfBirth: '1999-11-02',
  },
  {
    id: '00000000-0000-4000-8000-000000000403',
    bsn: '999990032',
    fullName: 'Demo Client Drie',
    dateOfBirth: '1962-07-30',
  },
] as const;

/** Each with a kenmerk of its own (T-D0000501: the first 8 digits of the id, unique in the database). */
export const demoTrajectories = [
  {
    id: 'd0000501-0000-4000-8000-000000000501',
    clientId: demoClients[0].id,
    providerId: demoIds.providerA,
    teamId: demoIds.teamZeist,
  },
  {
    id: 'd0000502-0000-4000-8000-000000000502',
    clientId: demoClients[1].id,
    providerId: demoIds.providerB,
    teamId: demoIds.teamZeist,
  },
  {
    id: 'd0000503-0000-4000-8000-000000000503',
    clientId: demoClients[2].id,
    providerId: demoIds.providerA,
    teamId: demoIds.teamDordrecht,
  },
] as const;
