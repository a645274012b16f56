import { setCartItem, type Cart } from '../../api/cart';
import { ApiError, describeError, sentence } from '../../api/errors';
import type { Order } from '../../api/orders';

export interface ReorderResult {
  reference: string;
  added: string[];
  /** Products that could not go back in the cart, and why. */
  skipped: { name: string; reason: string }[];
  /** The cart after the last change that worked. */
  cart: Cart | null;
}

/** What the cart page reports after "Reorder" (navigation state). */
export interface ReorderState {
  reorder: Omit<ReorderResult, 'cart'>;
}

/**
 * Puts an order's products back in the cart with the same quantities (added
 * to what is there already), one at a time. A product that is no longer sold
 * to the customer (404) or cannot be ordered in that quantity any more (422)
 * is reported, not fatal; the cart page then shows what stops the rest.
 */
export async function reorder(order: Order, current: Cart | undefined): Promise<ReorderResult> {
  const result: ReorderResult = { reference: order.reference, added: [], skipped: [], cart: null };
  for (const [i, line] of order.items.entries()) {
    const inCart = current?.items.find((l) => l.sku === line.sku)?.quantity ?? 0;
    try {
      result.cart = await setCartItem(line.sku, inCart + line.quantity);
      result.added.push(line.name);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        result.skipped.push({ name: line.name, reason: 'No longer sold to your account' });
      } else if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        result.skipped.push({ name: line.name, reason: sentence(error.problem?.detail ?? error.message) });
      } else {
        // The server or the network failed: stop, and say what happened so far.
        result.skipped.push({ name: line.name, reason: describeError(error) });
        for (const rest of order.items.slice(i + 1)) {
          result.skipped.push({ name: rest.name, reason: 'Not added: try again' });
        }
        break;
      }
    }
  }
  return result;
}
