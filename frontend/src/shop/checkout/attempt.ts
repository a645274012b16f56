import { ApiError } from '../../api/errors';
import { hasProblemType, problemTypes } from '../../api/problems';

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
 * reached the server (network error, 5xx), or the first try is still running.
 */
export function retrySameAttempt(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0 || error.status >= 500) return true;
  return inProgress(error);
}

export function inProgress(error: ApiError): boolean {
  return hasProblemType(error, problemTypes.inProgress);
}

/** The reference of the earlier order a "possible duplicate" answer names; null for any other problem. */
export function duplicateOf(error: unknown): string | null {
  return hasProblemType(error, problemTypes.possibleDuplicate) ? (error.problem?.subject ?? null) : null;
}

/** A conflict saying some product does not have the stock any more. */
export function outOfStock(error: unknown): boolean {
  return hasProblemType(error, problemTypes.outOfStock);
}
