import { useRef } from 'react';

/**
 * One Idempotency-Key per thing being created: a double click or a retry after a timeout sends the same key,
 * so the API creates it once and answers the first result; a refused request claims no key, so it may be
 * corrected and sent again under it; after a success, `renew` gives the next one a new key.
 */
export function useIdempotencyKey() {
  const key = useRef(crypto.randomUUID());
  return {
    headers: () => ({ 'Idempotency-Key': key.current }),
    renew: () => {
      key.current = crypto.randomUUID();
    },
  };
}
