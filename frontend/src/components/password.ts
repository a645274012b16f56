/**
 * The server's password policy, checked here first so people learn it while
 * typing: 12 to 1024 characters, not one of the most common passwords (only
 * the server knows that list), and not containing the person's name or email
 * (any part of 4 or more characters). The server checks again.
 */
export const minPasswordLength = 12;
export const maxPasswordLength = 1024;

export const passwordPolicyText =
  'At least 12 characters. Not a common password, and not your name or email. A few unrelated words make a good one.';

/** "Ada Lovelace", "ada.l@example.com" → ada, lovelace, ada.l (the domain is not personal), as the server splits them. */
export function personalParts(values: readonly string[]): string[] {
  const parts: string[] = [];
  for (const raw of values) {
    let value = raw.trim().toLowerCase();
    const at = value.indexOf('@');
    if (at >= 0) {
      value = value.slice(0, at);
      parts.push(value);
    }
    parts.push(...value.split(/[ ._+-]+/));
  }
  return parts.filter((part) => [...part].length >= 4);
}

/** Null when the password passes the checks a browser can make; else what to change. */
export function passwordProblem(password: string, personal: readonly string[] = []): string | null {
  const length = [...password].length;
  if (length === 0) {
    return 'Choose a password';
  }
  if (length < minPasswordLength) {
    return `Use at least ${minPasswordLength} characters (${length} so far)`;
  }
  if (length > maxPasswordLength) {
    return `Use at most ${maxPasswordLength} characters`;
  }
  const lower = password.toLowerCase();
  if (personalParts(personal).some((part) => lower.includes(part))) {
    return 'Do not use your name or email address in the password';
  }
  return null;
}

export interface Strength {
  /** 0 (too short) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  color: string;
}

/**
 * A rough hint, not a promise: length counts most, then variety (letter
 * case, digits, symbols, several words). Only the server knows whether a
 * password is common.
 */
export function passwordStrength(password: string): Strength {
  const length = [...password].length;
  if (length < minPasswordLength) {
    return { score: 0, label: 'Too short', color: 'red.9' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9\s]/].filter((re) => re.test(password)).length;
  const words = password.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const unique = new Set(password.toLowerCase()).size;
  let score = length >= 20 ? 3 : length >= 16 ? 2 : 1;
  if (classes >= 3 || words >= 3) score += 1;
  if (unique < 5) score = 1;
  const clamped = Math.min(4, score) as 1 | 2 | 3 | 4;
  const styles = {
    1: { label: 'Fair', color: 'orange.9' },
    2: { label: 'Good', color: 'teal.9' },
    3: { label: 'Strong', color: 'green.9' },
    4: { label: 'Very strong', color: 'green.9' },
  } as const;
  return { score: clamped, ...styles[clamped] };
}
