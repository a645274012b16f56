import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cartKey, cartQuery, removeCartItem, setCartItem, type Cart } from '../../api/cart';
import { useSessionState } from '../../auth/session';

export interface Shopper {
  /** A logged-in customer (staff have no cart). */
  customerId: string | null;
  /** Nobody is logged in (staff are logged in, but have no cart). */
  guest: boolean;
  /** False while a login is being restored after a reload. */
  ready: boolean;
  business: boolean;
}

/** Who is shopping: only customers have a cart and can order. */
export function useShopper(): Shopper {
  const { session, restoring } = useSessionState();
  const customer = session && session.me.type !== 'staff' ? session.me : null;
  return { customerId: customer?.id ?? null, guest: session === null, ready: !restoring, business: customer?.type === 'business' };
}

/** The caller's cart; not asked for unless a customer is logged in. */
export function useCart() {
  const shopper = useShopper();
  const query = useQuery({ ...cartQuery(shopper.customerId ?? 'none'), enabled: shopper.customerId !== null });
  return { shopper, query };
}

/**
 * Sets a line's quantity (0 removes it). The server answers with the cart
 * priced again, which replaces the cached one: the header count, the cart
 * page and the product pages all follow.
 */
export function useSetCartItem(customerId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sku, quantity }: { sku: string; quantity: number }): Promise<Cart> =>
      quantity > 0 ? setCartItem(sku, quantity) : removeCartItem(sku),
    onSuccess: (cart) => {
      if (customerId) client.setQueryData(cartKey(customerId), cart);
    },
  });
}

/** Lines that cannot be ordered as they are (stock, minimum, pack size, no price): checkout waits for them. */
export function blockingLines(cart: Cart): string[] {
  return cart.items.filter((line) => line.warnings.length > 0 || !line.unit_price).map((line) => line.name);
}
