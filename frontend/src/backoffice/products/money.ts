/**
 * Prices are typed as decimals ("12.99") and sent as integer minor units
 * (1299). The conversion works on the digits of the string, never on
 * floating-point numbers, so 0.29 is 29 and not 28.999999999999996.
 */

/** Decimal places of a currency's minor unit: USD 2, JPY 0, KWD 3 (2 for codes Intl does not know). */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type ParsedMoney = { ok: true; amount: number } | { ok: false; error: string };

const spaces = /[\s\u00a0\u202f']/g;

/**
 * "12.99" → 1299 (USD). Accepts "1,234.50", "1 234,50" and "12,5": a comma
 * is the decimal separator when it is the only separator and is followed by
 * fewer than three digits; otherwise commas group thousands.
 */
export function parseMoney(input: string, currency: string): ParsedMoney {
  const digits = fractionDigits(currency);
  let text = input.replace(spaces, '');
  if (text === '') {
    return { ok: false, error: 'Enter a price' };
  }
  if (text.startsWith('-')) {
    return { ok: false, error: 'The price cannot be negative' };
  }
  if (!text.includes('.') && /^\d+,\d{1,2}$/.test(text)) {
    text = text.replace(',', '.');
  } else if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) {
    text = text.replace(/,/g, '');
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && !match[2])) {
    return { ok: false, error: `Enter a price like ${example(digits)}` };
  }
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} has no decimal places` : `At most ${digits} decimal places for ${currency}`,
    };
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, error: 'The price is too large' };
  }
  return { ok: true, amount: Number(minor) };
}

function example(digits: number): string {
  return digits === 0 ? '1299' : `12.${'9'.repeat(digits)}`;
}

/** 1299 → "12.99" (USD), for an input: no grouping, no symbol. */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
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
