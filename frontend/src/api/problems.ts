import { ApiError } from './errors';

/**
 * Problem types the API gives the conflicts clients act on (`httpx.Problem.type`).
 * Code reads these, never the wording of `detail`.
 */
export const problemTypes = {
  inProgress: 'urn:oms:problem:request-in-progress',
  possibleDuplicate: 'urn:oms:problem:possible-duplicate',
  outOfStock: 'urn:oms:problem:out-of-stock',
  /** The record changed since it was loaded: reload, then try again. */
  staleVersion: 'urn:oms:problem:stale-version',
  /** A unique value is taken; the subject is the request field (JSON path). */
  alreadyExists: 'urn:oms:problem:already-exists',
  /** The order's status has no such move; the subject is that status. */
  invalidTransition: 'urn:oms:problem:invalid-transition',
} as const;

export function hasProblemType(error: unknown, type: string): error is ApiError {
  return error instanceof ApiError && error.problem?.type === type;
}

/** The request field whose value is taken, when that is what the error says. */
export function takenField(error: unknown): string | undefined {
  return hasProblemType(error, problemTypes.alreadyExists) ? error.problem?.subject || undefined : undefined;
}
