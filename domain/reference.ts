/**
 * A trajectory's kenmerk: "T-" and the first 8 hex digits of its id, short enough to say on the
 * phone. The e-mails name it; the trajectory page shows it; a search finds the trajectory by it.
 */
export const referenceOf = (trajectoryId: string): string => `T-${trajectoryId.slice(0, 8).toUpperCase()}`;

/** As people type a kenmerk: "T-5F3C9A2E", in any case, the dash left out or spaces around. */
const typed = /^\s*T-?([0-9A-F]{8})\s*$/i;

export const isReference = (term: string): boolean => typed.test(term);

/**
 * The trajectory ids a kenmerk stands for, as a range of UUIDs (those that begin with its digits;
 * mostly one, rarely more: 8 hex digits are 4 billion values); undefined for anything else.
 */
export function idRangeOf(reference: string): { from: string; to: string } | undefined {
  const digits = typed.exec(reference)?.[1]?.toLowerCase();
  if (!digits) return undefined;
  return { from: `${digits}-0000-0000-0000-000000000000`, to: `${digits}-ffff-ffff-ffff-ffffffffffff` };
}
