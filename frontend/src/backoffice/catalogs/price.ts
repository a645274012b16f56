import { formatMoney, minorToDecimal, parseMoney } from '../products/money';

/**
 * A catalog's own price for a product is optional: empty means the product's
 * usual price applies. Typed as a decimal in the product's currency and sent
 * as integer minor units, parsed from the string (never through floats).
 */
export type ParsedCatalogPrice = { ok: true; amount: number | undefined } | { ok: false; error: string };

export function parseCatalogPrice(text: string, currency: string): ParsedCatalogPrice {
  if (text.trim() === '') return { ok: true, amount: undefined };
  const parsed = parseMoney(text, currency);
  return parsed.ok ? { ok: true, amount: parsed.amount } : { ok: false, error: parsed.error };
}

/** The input's text for a price the catalog already has; '' for none. */
export function catalogPriceText(amount: number | null | undefined, currency: string): string {
  return amount === null || amount === undefined ? '' : minorToDecimal(amount, currency);
}

export { formatMoney };
