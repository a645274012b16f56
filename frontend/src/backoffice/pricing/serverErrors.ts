import { ApiError, sentence } from '../../api/errors';
import { hasProblemType, problemTypes, takenField } from '../../api/problems';

export interface MappedErrors {
  /** Keyed by form path. */
  fields: Record<string, string>;
  /** Errors that belong to no input, as sentences. */
  other: string[];
}

/**
 * Puts a 422's errors[{field, message}] on the form's inputs: `toPath` turns
 * the API's field ("items[0].tiers[1].min_qty") into a form path, `labels`
 * names the input in front of the API's subject-less message.
 */
export function mapServerErrors(
  error: unknown,
  toPath: (field: string) => string | undefined,
  labels: Record<string, string>,
): MappedErrors {
  const result: MappedErrors = { fields: {}, other: [] };
  if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 400)) return result;
  for (const { field, message } of error.problem?.errors ?? []) {
    const path = toPath(field);
    if (path) {
      const label = labels[path] ?? labels[path.replace(/\.\d+/g, '.*')];
      const text = sentence(label ? `${label} ${message}` : message);
      result.fields[path] = result.fields[path] ? `${result.fields[path]} ${text}` : text;
    } else {
      result.other.push(sentence(`${field} ${message}`));
    }
  }
  return result;
}

/** 409 on save: someone else saved first (the version that was read is stale). */
export function isStale(error: unknown): error is ApiError {
  return hasProblemType(error, problemTypes.staleVersion);
}

/** A 409 because the code is in use by another price list or offer. */
export function isCodeTaken(error: unknown): boolean {
  return takenField(error) === 'code';
}
