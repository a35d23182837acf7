import type { Role } from '../prisma/client';
import { fromDateColumn } from '../prisma/records/dates';

/** A client's identity as stored (personal data: only in answers to those who work with the client). */
export interface StoredIdentity {
  fullName: string;
  dateOfBirth: Date;
  bsn: string;
}

/**
 * Who the client is, for those who work with them: the consultant (with the BSN, to check the
 * decision against the right person) and the provider (name and date of birth). Operations see
 * only the pseudonymous id.
 */
export function clientView(role: Role, identity: StoredIdentity | null | undefined) {
  if (role === 'OPERATIONS' || !identity) return undefined;
  const { fullName, dateOfBirth, bsn } = identity;
  const born = fromDateColumn(dateOfBirth);
  return role === 'CONSULTANT' ? { fullName, dateOfBirth: born, bsn } : { fullName, dateOfBirth: born };
}
