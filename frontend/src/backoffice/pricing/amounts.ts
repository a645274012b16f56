/**
 * Money is typed as a decimal ("12.99") and sent as integer minor units
 * (1299); a percent is typed as "12.5" and sent as basis points (1250). Both
 * conversions work on the digits of the string, never through floating-point
 * numbers, so "0.29" is 29 and not 28.999999999999996.
 */

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** Decimal places of a currency's minor unit: USD 2, JPY 0, KWD 3 (2 for codes Intl does not know). */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const spaces = /[\s\u00a0\u202f']/g;

/**
 * "1,234.5" → whole "1234", fraction "5". A lone comma followed by one or two
 * digits is a decimal comma ("12,5"); otherwise commas group thousands.
 */
function splitDecimal(input: string): { whole: string; fraction: string } | undefined {
  let text = input.replace(spaces, '');
  if (!text.includes('.') && /^\d+,\d{1,2}$/.test(text)) {
    text = text.replace(',', '.');
  } else if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) {
    text = text.replace(/,/g, '');
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && !match[2])) return undefined;
  return { whole: match[1] || '0', fraction: match[2] ?? '' };
}

function scaled(whole: string, fraction: string, digits: number): bigint {
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/** "12.99", "USD" → 1299. Refuses negatives, too many decimals and values past 2^53. */
export function decimalToMinor(input: string, currency: string): Parsed {
  const digits = fractionDigits(currency);
  if (input.trim() === '') return { ok: false, error: 'Enter an amount' };
  if (input.trim().startsWith('-')) return { ok: false, error: 'The amount cannot be negative' };
  const parts = splitDecimal(input);
  if (!parts) return { ok: false, error: `Enter an amount like ${digits === 0 ? '1299' : `12.${'9'.repeat(digits)}`}` };
  if (parts.fraction.length > digits) {
    return { ok: false, error: digits === 0 ? `${currency} has no decimal places` : `At most ${digits} decimal places for ${currency}` };
  }
  const minor = scaled(parts.whole, parts.fraction, digits);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'The amount is too large' };
  return { ok: true, value: Number(minor) };
}

/** 1299, "USD" → "12.99", for an input: no grouping, no symbol. */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  return `${negative ? '-' : ''}${whole}${digits === 0 ? '' : `.${text.slice(-digits)}`}`;
}

/** 1299, "USD" → "$12.99" in the browser's locale. */
export function formatMoney(amount: number, currency: string): string {
  const decimal = minorToDecimal(amount, currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(decimal));
  } catch {
    return `${decimal} ${currency}`;
  }
}

/**
 * "10" → 1000 basis points; "12.5" → 1250; at most two decimals. Offers take
 * more than 0 up to 100 % (the defaults); tax rates 0 up to 1000 %.
 */
export function percentToBasisPoints(input: string, minBP = 1, maxBP = 10000): Parsed {
  if (input.trim() === '') return { ok: false, error: 'Enter a percentage' };
  if (input.trim().startsWith('-')) return { ok: false, error: 'The percentage cannot be negative' };
  const parts = splitDecimal(input.replace(/%\s*$/, ''));
  if (!parts) return { ok: false, error: 'Enter a percentage like 10 or 12.5' };
  if (parts.fraction.length > 2) return { ok: false, error: 'At most 2 decimal places (0.01% steps)' };
  const most = `The percentage must be at most ${basisPointsToPercent(maxBP)}`;
  if (parts.whole.length > 6) return { ok: false, error: most };
  const bp = Number(scaled(parts.whole, parts.fraction, 2));
  if (bp < minBP) return { ok: false, error: minBP === 1 ? 'The percentage must be more than 0' : `The percentage must be at least ${basisPointsToPercent(minBP)}` };
  if (bp > maxBP) return { ok: false, error: most };
  return { ok: true, value: bp };
}

/** 1250 → "12.5"; 1000 → "10"; 5 → "0.05" (for an input, no % sign). */
export function basisPointsToPercent(bp: number): string {
  const text = String(Math.abs(Math.trunc(bp))).padStart(3, '0');
  const fraction = text.slice(-2).replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${text.slice(0, -2)}${fraction ? `.${fraction}` : ''}`;
}

/** 1250 → "12.5%" in the browser's locale. */
export function formatPercent(bp: number): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 }).format(Number(basisPointsToPercent(bp)) / 100);
  } catch {
    return `${basisPointsToPercent(bp)}%`;
  }
}

/** A whole number ≥ min from an input ("" → undefined when optional). */
export function parseWhole(input: string, min: number, label: string): Parsed {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: `${label} must be a whole number` };
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return { ok: false, error: `${label} is too large` };
  if (n < min) return { ok: false, error: `${label} must be at least ${min}` };
  return { ok: true, value: n };
}
