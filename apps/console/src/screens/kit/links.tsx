import type React from 'react';
import { Link } from 'react-router-dom';

/** An id shown short: its end, since ids are time-ordered (UUIDv7) and their beginnings alike. */
export const shortId = (id: string) => `…${id.slice(-8)}`;

/** An order referred to by id from another desk's document; the order page shows its number and all. */
export function OrderLink({ id, number }: { id: string; number?: string }) {
  return <Link to={`/orders/${id}`}>{number ?? shortId(id)}</Link>;
}

/** The printable documents (screens/print): each opens in its own tab, A4, ready to print or save as PDF. */
export type PrintableDocument =
  | { kind: 'invoice'; id: string }
  | { kind: 'receipt'; id: string }
  | { kind: 'pick-list'; id: string }
  | { kind: 'delivery-note'; id: string }
  | { kind: 'statement'; id: string; from: string; to: string }
  /** A financial statement of a month (`id` is the month, YYYY-MM). */
  | { kind: 'balance-sheet' | 'income-statement' | 'vat-summary'; id: string };

export function printPath(document: PrintableDocument): string {
  const base = `/print/${document.kind}/${document.id}`;
  return document.kind === 'statement' ? `${base}?from=${document.from}&to=${document.to}` : base;
}

/**
 * A link to a document's printable page, opened in a new tab. `rel="opener"` because the sign-in lives in
 * sessionStorage, which a tab opened without an opener (the default for target=_blank) does not inherit.
 */
export function PrintLink({ document, children }: { document: PrintableDocument; children: React.ReactNode }) {
  return <a href={`#${printPath(document)}`} target="_blank" rel="opener">{children}</a>;
}
