/**
 * `items` in the order of the rows they lock (`keyOf`: the row's key), those of one row in the order they
 * came (the sort is stable). Two transactions that each lock their rows one by one in this order never
 * wait for each other in a cycle: no deadlock, which Postgres would break only after `deadlock_timeout`
 * (a second), rolling one of them back.
 */
export function inLockOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}
