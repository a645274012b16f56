import { Alert, Button, Card, EmptyState, Grid, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowRight, IconRefresh, IconShoppingCart } from '@tabler/icons-react';
import { useId } from 'react';
import { Link, useLocation } from 'react-router';
import type { Cart } from '../../api/cart';
import { describeError, sentence } from '../../api/errors';
import type { ReorderState } from '../orders/reorder';
import { TotalsTable } from '../orders/TotalsTable';
import { CartLineItem } from './CartLineItem';
import { CustomersOnly } from './CustomersOnly';
import { blockingLines, useCart, useSetCartItem } from './useCart';

/**
 * `/cart`: the lines priced for the caller now, quantities within the
 * product's rules, what the server says stops a line being ordered, the
 * totals, and the way to checkout.
 */
export function CartPage() {
  useDocumentTitle('Cart · Order Management System');
  const { shopper, query } = useCart();
  const set = useSetCartItem(shopper.customerId);
  const reordered = (useLocation().state as Partial<ReorderState> | null)?.reorder;

  if (!shopper.customerId) {
    return <CustomersOnly title="Cart" />;
  }
  if (query.isPending) {
    return <CartSkeleton />;
  }
  if (query.isError) {
    return (
      <Stack gap="lg">
        <Title order={1}>Cart</Title>
        <Alert color="red" variant="light" title="Could not load your cart" icon={<IconAlertTriangle aria-hidden />} role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(query.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={query.isFetching} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      </Stack>
    );
  }
  const cart = query.data;
  if (cart.items.length === 0) {
    return (
      <Stack gap="lg">
        <Title order={1}>Cart</Title>
        {reordered ? <ReorderNotice result={reordered} /> : null}
        {cart.issues.length ? <Issues issues={cart.issues} /> : null}
        <EmptyState
          icon={<IconShoppingCart size={32} aria-hidden />}
          withIndicatorBackground
          title="Your cart is empty"
          description="Find products in the shop and add them here; your cart is kept on your account, on every device."
          py="xl"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/shop">
              Browse the shop
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Stack>
    );
  }

  const busySku = set.isPending ? set.variables.sku : null;
  const blocking = blockingLines(cart);
  return (
    <Stack gap="lg">
      <Title order={1}>Cart</Title>
      {reordered ? <ReorderNotice result={reordered} /> : null}
      {cart.issues.length ? <Issues issues={cart.issues} /> : null}
      {set.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="The cart was not changed">
          {describeError(set.error)}
        </Alert>
      ) : null}
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Products in your cart">
            {cart.items.map((line) => (
              <CartLineItem
                key={line.sku}
                line={line}
                busy={busySku === line.sku}
                onQuantity={(quantity) => set.mutate({ sku: line.sku, quantity })}
                onRemove={() => set.mutate({ sku: line.sku, quantity: 0 })}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Summary cart={cart} blocking={blocking} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Summary({ cart, blocking }: { cart: Cart; blocking: string[] }) {
  const titleId = useId();
  const noteId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} pos="sticky" top={16}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          Summary
        </Title>
        {/* The cart's totals leave shipping out: the priority chosen at checkout decides it. */}
        {cart.totals ? <TotalsTable totals={{ ...cart.totals, shipping: undefined }} shippingNote="At checkout" caption="Cart totals" /> : null}
        {blocking.length ? (
          <Text size="sm" c="var(--mantine-color-error)" id={noteId}>
            Change or remove {blocking.length === 1 ? blocking[0] : `${blocking.length} products`} before checkout: see the
            problem under {blocking.length === 1 ? 'it' : 'each'}.
          </Text>
        ) : null}
        {blocking.length ? (
          <Button size="md" fullWidth disabled aria-describedby={noteId} rightSection={<IconArrowRight size={18} aria-hidden />}>
            Checkout
          </Button>
        ) : (
          <Button component={Link} to="/checkout" size="md" fullWidth rightSection={<IconArrowRight size={18} aria-hidden />}>
            Checkout
          </Button>
        )}
        <Button component={Link} to="/shop" variant="subtle">
          Continue shopping
        </Button>
      </Stack>
    </Card>
  );
}

/** After "Reorder": what went back in the cart, and what could not, and why. */
function ReorderNotice({ result }: { result: ReorderState['reorder'] }) {
  const some = result.added.length > 0;
  return (
    <Alert
      color={result.skipped.length ? 'yellow' : 'blue'}
      variant="light"
      title={some ? `Products from ${result.reference} are in your cart` : `Nothing from ${result.reference} could go back in your cart`}
      role="status"
      data-testid="reorder-notice"
    >
      {result.skipped.length ? (
        <Stack gap={4}>
          <Text size="sm">These can no longer be ordered as before:</Text>
          <List size="sm">
            {result.skipped.map((s) => (
              <List.Item key={s.name}>
                {s.name}: {s.reason}
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : (
        <Text size="sm">Check the quantities, then check out.</Text>
      )}
    </Alert>
  );
}

function Issues({ issues }: { issues: string[] }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Your cart changed">
      <List size="sm">
        {issues.map((issue) => (
          <List.Item key={issue}>{sentence(issue)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function CartSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-label="Loading your cart">
      <Skeleton height={36} width={160} />
      <Skeleton height={110} />
      <Skeleton height={110} />
    </Stack>
  );
}
