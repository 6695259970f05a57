/** One row per incident type, one column per severity: what a stacked bar chart wants. */
export function bySeverity(counts: ReadonlyArray<{ type: string; severity: string; count: number }>, name: (code: string) => string): Array<Record<string, string | number>> {
  const rows = new Map<string, Record<string, string | number>>();
  for (const { type, severity, count } of counts) {
    const row = rows.get(type) ?? { type: name(type) };
    row[severity] = (Number(row[severity] ?? 0)) + count;
    rows.set(type, row);
  }
  return [...rows.values()];
}
