import type { Money } from '../../api/catalog';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}

/** Minor units per major unit: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function fractionDigits(currency: string): number {
  try {
    return formatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** {amount: 1299, currency: "USD"} → "$12.99" (in the browser's locale). */
export function formatMoney(money: Money, locale?: string): string {
  const major = (money.amount ?? 0) / 10 ** fractionDigits(money.currency);
  try {
    return formatter(money.currency, locale).format(major);
  } catch {
    // An unknown currency code: still show the amount.
    return `${major.toFixed(2)} ${money.currency}`;
  }
}

/** 12.99 USD → 1299. Rounds to the nearest minor unit. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** fractionDigits(currency));
}

/** 1299 USD → 12.99. */
export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/** "$" for USD, "€" for EUR: the prefix of a price input. */
export function currencySymbol(currency: string, locale?: string): string {
  try {
    const part = formatter(currency, locale)
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}
