import { ApiError } from '../../api/errors';

/**
 * One checkout attempt: the Idempotency-Key and the exact body it was sent
 * with. Retrying the same body after a network error or a 5xx sends the same
 * key, so the server answers with the first result instead of placing the
 * order twice; any other body (the customer changed something, or confirmed
 * a possible duplicate) is a new attempt with a new key.
 */
export interface Attempt {
  key: string;
  body: string;
}

export function newKey(): string {
  return crypto.randomUUID();
}

/** The attempt for `body`: the pending one when it is the same request, else a new one. */
export function attemptFor(pending: Attempt | null, body: unknown, makeKey: () => string = newKey): Attempt {
  const serialized = JSON.stringify(body);
  if (pending && pending.body === serialized) {
    return pending;
  }
  return { key: makeKey(), body: serialized };
}

/**
 * Whether the outcome of a failed attempt is unknown, so the same attempt
 * should be retried with the same key: the request may or may not have
 * reached the server (network error, 5xx), or the first try is still running
 * (409 "still being processed").
 */
export function retrySameAttempt(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0 || error.status >= 500) return true;
  return error.status === 409 && inProgress(error);
}

export function inProgress(error: ApiError): boolean {
  return /still being processed/i.test(error.problem?.detail ?? '');
}

/** "possible duplicate of ORD-7K3F-9QXM, …" → "ORD-7K3F-9QXM"; null for any other problem. */
export function duplicateOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const match = /possible duplicate of (ORD-[0-9A-Z-]+)/i.exec(error.problem?.detail ?? '');
  return match ? match[1]!.toUpperCase() : null;
}

/** A 409 saying some product does not have the stock any more. */
export function outOfStock(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && /out of stock/i.test(error.problem?.detail ?? '');
}
