/**
 * Text a person typed, made literal inside a LIKE/ILIKE pattern: `%`, `_` and the escape character itself
 * lose their wildcard meaning (Postgres's default escape character is the backslash).
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
