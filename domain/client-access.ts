/**
 * How a person came to see a client's data, as the access log records it (inzage; NEN 7513): the
 * trajectory's file opened, the client among a search's results, or the log itself looked up.
 */
export const accessKinds = [
  'TRAJECTORY_VIEWED',
  'FOUND_BY_BSN',
  'FOUND_BY_NAME',
  'FOUND_BY_REFERENCE',
  'ACCESS_LOG_READ',
] as const;
export type AccessKind = (typeof accessKinds)[number];
