import type { Problem } from './client';

/**
 * An API call that did not succeed. `problem` is the RFC 9457 body when the
 * server sent one; `status` is 0 when the server could not be reached.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  /** From the `Retry-After` header (429, 503), in whole seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: Problem | undefined, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value);
}

/** The outcome of an `openapi-fetch` call, reduced to what `unwrap` needs. */
export interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns the data of a successful call, or throws an ApiError that carries
 * the problem details of a failed one.
 */
export function unwrap<T>(outcome: FetchOutcome<T>): T {
  const { data, error, response } = outcome;
  if (response.ok && data !== undefined) {
    return data;
  }
  const problem = isProblem(error) ? error : undefined;
  const message =
    problem?.detail || problem?.title || `The server answered ${response.status} ${response.statusText}`.trim();
  throw new ApiError(response.status, problem, message, parseRetryAfter(response.headers.get('Retry-After')));
}

/**
 * Runs an API call and turns a network failure (the server could not be
 * reached at all) into an ApiError with status 0.
 */
export async function request<T>(call: () => Promise<FetchOutcome<T>>): Promise<T> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, undefined, 'The server could not be reached.');
  }
  return unwrap(outcome);
}

/**
 * Like `request`, for endpoints that answer 202 or 204 without a body:
 * resolves when the status is 2xx, throws the `ApiError` otherwise.
 */
export async function requestNoContent(call: () => Promise<FetchOutcome<unknown>>): Promise<void> {
  let outcome: FetchOutcome<unknown>;
  try {
    outcome = await call();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, undefined, 'The server could not be reached.');
  }
  if (outcome.response.ok) {
    return;
  }
  unwrap(outcome);
}

/** A sentence for the user: what went wrong and what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) {
      return 'The server could not be reached. Check your connection, then try again.';
    }
    const requestId = error.problem?.request_id ? ` (request ID ${error.problem.request_id})` : '';
    const message = error.message.replace(/[.\s]+$/, '');
    if (error.status >= 500) {
      return `The server had a problem: ${message}${requestId}. Try again in a moment.`;
    }
    return `${message}${requestId}.`;
  }
  return 'Something unexpected went wrong. Try again.';
}

/** "the login or password is wrong" → "The login or password is wrong." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) {
    return trimmed;
  }
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * The per-field errors of a 422 problem, keyed by the API's field name, ready
 * to show under form inputs. The API's messages name no subject ("is
 * required"); `labels` puts the input's label in front ("Password is
 * required"). Several messages for one field are joined.
 */
export function fieldErrors(error: unknown, labels: Record<string, string> = {}): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const result: Record<string, string> = {};
  for (const { field, message } of error.problem?.errors ?? []) {
    const label = labels[field];
    const text = label ? sentence(`${label} ${message}`) : sentence(message);
    result[field] = result[field] ? `${result[field]} ${text}` : text;
  }
  return result;
}
