import { decimalToMinor } from './amounts';

/** A tier row as typed: quantity and price are strings until saved. */
export interface TierRow {
  minQty: string;
  amount: string;
}

export interface ParsedTier {
  min_qty: number;
  amount: number;
}

export interface TierCheck {
  tiers: ParsedTier[];
  /** Keyed by row index and column ("0.minQty", "2.amount"); empty when valid. */
  errors: Record<string, string>;
}

export const maxTiers = 20;

/**
 * Checks a product's tiers the way the server does: at least one row, the
 * first from quantity 1, min_qty ascending and each once, amounts not
 * negative decimals in the list's currency (parsed from the string).
 * Quantities must be typed in order: rows are not sorted behind the user's back.
 */
export function checkTiers(rows: readonly TierRow[], currency: string): TierCheck {
  const errors: Record<string, string> = {};
  const tiers: ParsedTier[] = [];
  if (rows.length === 0) errors['rows'] = 'Add at least one tier';
  if (rows.length > maxTiers) errors['rows'] = `At most ${maxTiers} tiers per product`;
  let previous: number | undefined;
  rows.forEach((row, i) => {
    const text = row.minQty.trim();
    let qty: number | undefined;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      errors[`${i}.minQty`] = 'Enter a whole number';
    } else {
      qty = Number(text);
      if (qty < 1) errors[`${i}.minQty`] = 'Must be at least 1';
      else if (i === 0 && qty !== 1) errors[`${i}.minQty`] = 'The first tier starts at 1';
      else if (previous !== undefined && qty === previous) errors[`${i}.minQty`] = `${qty} is already a tier`;
      else if (previous !== undefined && qty < previous) errors[`${i}.minQty`] = `Must be more than ${previous} (tiers go up)`;
    }
    const amount = decimalToMinor(row.amount, currency);
    if (!amount.ok) errors[`${i}.amount`] = amount.error;
    if (qty !== undefined) previous = Math.max(previous ?? 0, qty);
    if (qty !== undefined && amount.ok) tiers.push({ min_qty: qty, amount: amount.value });
  });
  return { tiers, errors };
}

/** The quantity a new row suggests: one more than the last, doubled when sensible (1 → 10, 10 → 20…). */
export function nextMinQty(rows: readonly TierRow[]): string {
  const last = Number(rows.at(-1)?.minQty.trim());
  if (!rows.length || !Number.isSafeInteger(last) || last < 1) return rows.length ? '' : '1';
  return String(last === 1 ? 10 : last * 2);
}

/** "1–9", "10–49", "50+" for a tier of a sorted list. */
export function tierRange(tiers: readonly { min_qty: number }[], index: number): string {
  const from = tiers[index]?.min_qty ?? 1;
  const next = tiers[index + 1]?.min_qty;
  if (next === undefined) return `${from}+`;
  return next - 1 === from ? String(from) : `${from}–${next - 1}`;
}
