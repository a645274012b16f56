import { ApiError, sentence } from '../../api/errors';
import { takenField } from '../../api/problems';
import { slugify, slugPattern } from '../catalogs/slug';

export interface GroupValues {
  code: string;
  name: string;
  description: string;
}

export const groupLabels = { code: 'Code', name: 'Name', description: 'Description' } as const;
export const groupFieldOrder = ['name', 'code', 'description'] as const;

export const maxCode = 40;
export const maxGroupName = 100;

/** A code suggested from the name: "Trade customers" → "trade-customers" (at most 40 characters). */
export function codeFromName(name: string): string {
  return slugify(name).slice(0, maxCode).replace(/-+$/, '');
}

/** The server's rules: a lower-case code of letters and digits joined by '-', at most 40; a name up to 100. */
export function validateGroup(values: GroupValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  const code = values.code.trim().toLowerCase();
  if (!name) errors.name = 'Enter a name, e.g. “Trade customers”';
  else if (name.length > maxGroupName) errors.name = `At most ${maxGroupName} characters`;
  if (!code) errors.code = 'Enter a code, e.g. trade';
  else if (!slugPattern.test(code)) errors.code = 'Use lower-case letters and digits joined by single dashes, e.g. trade-eu';
  else if (code.length > maxCode) errors.code = `At most ${maxCode} characters`;
  return errors;
}

/** A 422's field errors on the inputs; a taken code (409) on the code input. */
export function groupServerErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  if (takenField(error) === 'code') return { code: sentence(error.problem?.detail || 'A customer group with this code already exists') };
  if (error.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.problem?.errors ?? []) {
    if (field in groupLabels) {
      const text = sentence(`${groupLabels[field as keyof typeof groupLabels]} ${message}`);
      out[field] = out[field] ? `${out[field]} ${text}` : text;
    }
  }
  return out;
}
