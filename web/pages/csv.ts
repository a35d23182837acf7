const cell = (value: string): string => (/[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Rows as CSV for a spreadsheet: semicolons and a byte-order mark, as Dutch Excel expects. */
export const csv = (lines: string[][]): string =>
  `\uFEFF${lines.map((cells) => cells.map(cell).join(';')).join('\r\n')}\r\n`;
