/**
 * Quantity rules of a product, as the server applies them when an order is
 * placed: at least the minimum order quantity, and a whole number of packs
 * (quantity % pack size = 0). The stepper only offers quantities that pass.
 */
export interface QuantityRules {
  min_order_qty: number;
  order_multiple: number;
}

/** The server's upper bound for one line. */
export const maxQuantity = 1_000_000;

function pack(rules: QuantityRules): number {
  return Math.max(1, Math.floor(rules.order_multiple) || 1);
}

/** The smallest quantity that can be ordered: the minimum, rounded up to whole packs. */
export function firstQuantity(rules: QuantityRules): number {
  const step = pack(rules);
  const min = Math.max(1, Math.floor(rules.min_order_qty) || 1);
  return Math.ceil(min / step) * step;
}

/** The next quantity up that can be ordered. */
export function stepUp(quantity: number, rules: QuantityRules): number {
  const first = firstQuantity(rules);
  if (quantity < first) return first;
  const step = pack(rules);
  return Math.min((Math.floor(quantity / step) + 1) * step, Math.floor(maxQuantity / step) * step);
}

/** The next quantity down that can be ordered; null when there is none (remove the line instead). */
export function stepDown(quantity: number, rules: QuantityRules): number | null {
  const first = firstQuantity(rules);
  if (quantity <= first) return null;
  const step = pack(rules);
  return Math.max(first, (Math.ceil(quantity / step) - 1) * step);
}

/** What stops this quantity being ordered, in the words the server uses; null when it can be. */
export function quantityProblem(quantity: number, rules: QuantityRules): string | null {
  if (!Number.isInteger(quantity) || quantity < 1) return 'Enter a whole number of at least 1';
  if (quantity > maxQuantity) return `At most ${maxQuantity.toLocaleString()} at a time`;
  const min = Math.max(1, rules.min_order_qty);
  if (quantity < min) return `The minimum order is ${min}`;
  const step = pack(rules);
  if (quantity % step !== 0) {
    const lower = Math.floor(quantity / step) * step;
    const upper = lower + step;
    return lower >= firstQuantity(rules) ? `Sold in packs of ${step}: order ${lower} or ${upper}` : `Sold in packs of ${step}: order ${upper}`;
  }
  return null;
}

/** A typed quantity moved to the nearest orderable one at or above it. */
export function snapQuantity(quantity: number, rules: QuantityRules): number {
  if (!Number.isFinite(quantity) || quantity <= firstQuantity(rules)) return firstQuantity(rules);
  const step = pack(rules);
  return Math.min(Math.ceil(quantity / step) * step, Math.floor(maxQuantity / step) * step);
}
