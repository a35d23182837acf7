/** A guard for one of the domain's fixed lists of codes (each an `as const` array): is this string one of them? */
export const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: string): value is T =>
    (list as readonly string[]).includes(value);
