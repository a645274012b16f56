import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconLogin, IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Product } from '../../api/catalog';
import { describeError } from '../../api/errors';
import { loginPath } from '../../auth/redirects';
import { QuantityStepper } from './QuantityStepper';
import { firstQuantity, snapQuantity } from './quantity';
import { useCart, useSetCartItem } from './useCart';

type Orderable = Pick<Product, 'sku' | 'name' | 'min_order_qty' | 'order_multiple' | 'stock'>;

/** The link guests get instead of a cart button: back here after logging in. */
function LogInToOrder({ compact }: { compact: boolean }) {
  const location = useLocation();
  const to = loginPath({ next: `${location.pathname}${location.search}` });
  return compact ? (
    <Anchor component={Link} to={to} size="sm">
      Log in to order
    </Anchor>
  ) : (
    <Button component={Link} to={to} variant="default" leftSection={<IconLogin size={18} aria-hidden />}>
      Log in to order
    </Button>
  );
}

/**
 * "Add to cart" for a logged-in customer: on the product page with a quantity
 * stepper (minimum, pack size), on a product card with the smallest quantity
 * that can be ordered. Adding to a product already in the cart adds to its
 * quantity. Guests get "Log in to order"; staff have no cart and get nothing.
 */
export function AddToCart({ product, compact = false }: { product: Orderable; compact?: boolean }) {
  const { shopper, query: cart } = useCart();
  const set = useSetCartItem(shopper.customerId);
  const [quantity, setQuantity] = useState(() => firstQuantity(product));
  const [added, setAdded] = useState<number | null>(null);

  if (!shopper.ready) return null;
  if (!shopper.customerId) {
    // A staff member has a session but no cart.
    return shopper.guest ? <LogInToOrder compact={compact} /> : null;
  }
  const soldOut = product.stock.available <= 0;
  const inCart = cart.data?.items.find((line) => line.sku === product.sku)?.quantity ?? 0;

  const add = () => {
    const total = inCart > 0 ? snapQuantity(inCart + quantity, product) : quantity;
    setAdded(null);
    set.mutate({ sku: product.sku, quantity: total }, { onSuccess: () => setAdded(total) });
  };

  // The visible words come first in the name (WCAG 2.5.3); the product tells the cards apart.
  const visible = soldOut ? 'Out of stock' : compact && quantity > 1 ? `Add ${quantity}` : 'Add to cart';
  const label = soldOut ? `Out of stock: ${product.name}` : `${compact && quantity > 1 ? `Add ${quantity} to cart` : 'Add to cart'}: ${product.name}`;
  return (
    <Stack gap="xs">
      {compact ? null : <QuantityStepper value={quantity} rules={product} name={product.name} onChange={setQuantity} visibleLabel disabled={soldOut} />}
      <Group gap="xs" wrap="wrap">
        <Button
          onClick={add}
          loading={set.isPending}
          disabled={soldOut}
          size={compact ? 'xs' : 'sm'}
          leftSection={<IconShoppingCartPlus size={compact ? 14 : 18} aria-hidden />}
          aria-label={compact ? label : undefined}
        >
          {visible}
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {added !== null && !set.isPending ? (
          <Text size="sm">
            {compact ? 'In your cart' : `${added} in your cart.`}{' '}
            <Anchor component={Link} to="/cart" size="sm">
              View cart
            </Anchor>
          </Text>
        ) : null}
      </div>
      {set.isError ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          <Text size="sm">{describeError(set.error)}</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
