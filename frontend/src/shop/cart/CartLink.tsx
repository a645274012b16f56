import { Badge } from '@mantine/core';
import { IconShoppingCart } from '@tabler/icons-react';
import { NavLink } from 'react-router';
import { useCart } from './useCart';

/** The header's cart link with the number of products in it (customers only). */
export function CartLink({ className }: { className?: string }) {
  const { shopper, query } = useCart();
  if (!shopper.customerId) {
    return null;
  }
  const count = query.data?.items.length ?? 0;
  const name = query.data ? `Cart, ${count} ${count === 1 ? 'item' : 'items'}` : 'Cart';
  return (
    <NavLink to="/cart" className={className} aria-label={name} data-testid="cart-link" style={{ display: 'inline-flex', alignItems: 'center', whiteSpace: 'nowrap' }}>
      <IconShoppingCart size={16} aria-hidden style={{ marginRight: 4 }} />
      Cart
      {count > 0 ? (
        <Badge component="span" size="sm" circle ml={6} color="blue.9" aria-hidden>
          {count}
        </Badge>
      ) : null}
    </NavLink>
  );
}
