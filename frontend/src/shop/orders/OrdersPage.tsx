import { Alert, Anchor, Button, Card, EmptyState, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconPackage, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { myOrdersQuery, type Order, type OrderListQuery, type OrderStatus } from '../../api/orders';
import { CustomersOnly } from '../cart/CustomersOnly';
import { useShopper } from '../cart/useCart';
import { formatMoney } from '../catalog/money';
import { orderStatuses, orderStatusStyle, orderStatusStyles } from './status';
import { StatusBadge } from './StatusBadge';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

export function orderPath(reference: string): string {
  return `/orders/${encodeURIComponent(reference)}`;
}

function readFilters(params: URLSearchParams): { status: OrderStatus | ''; q: string } {
  const status = params.get('status') ?? '';
  return {
    status: (orderStatuses as string[]).includes(status) ? (status as OrderStatus) : '',
    q: params.get('q') ?? '',
  };
}

/**
 * `/orders`: my orders, newest first, filtered by status and found by
 * reference (both in the URL), a page at a time.
 */
export function OrdersPage() {
  useDocumentTitle('My orders · Order Management System');
  const shopper = useShopper();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const compact = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });

  const query: Omit<OrderListQuery, 'cursor'> = { page_size: 20 };
  if (filters.status) query.status = [filters.status];
  if (filters.q.trim()) query.q = filters.q.trim().toUpperCase();
  const orders = useInfiniteQuery({ ...myOrdersQuery(shopper.customerId ?? 'none', query), enabled: shopper.customerId !== null });

  const change = (next: Partial<{ status: string; q: string }>) => {
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(next)) {
          if (value) out.set(key, value);
          else out.delete(key);
        }
        return out;
      },
      { replace: 'q' in next },
    );
  };

  if (!shopper.customerId) {
    return <CustomersOnly title="My orders" />;
  }
  const items: Order[] = orders.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = filters.status !== '' || filters.q.trim() !== '';

  return (
    <Stack gap="lg">
      <Title order={1}>My orders</Title>
      <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Find orders">
        <ReferenceSearch value={filters.q} onChange={(q) => change({ q })} />
        <NativeSelect
          label="Status"
          value={filters.status}
          onChange={(event) => change({ status: event.currentTarget.value })}
          data={[{ value: '', label: 'All statuses' }, ...orderStatuses.map((s) => ({ value: s, label: orderStatusStyles[s].label }))]}
        />
      </Group>

      {orders.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading your orders">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={48} />
          ))}
        </Stack>
      ) : orders.isError && items.length === 0 ? (
        <Alert color="red" variant="light" title="Could not load your orders" icon={<IconAlertTriangle aria-hidden />} role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(orders.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={orders.isFetching} onClick={() => void orders.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconPackage size={32} aria-hidden />}
          withIndicatorBackground
          title={filtered ? 'No orders match' : 'No orders yet'}
          description={filtered ? 'Check the reference, or choose another status.' : 'When you place an order, it shows up here with its status.'}
          py="xl"
        >
          <EmptyState.Actions>
            {filtered ? (
              <Button variant="default" onClick={() => setParams({})}>
                Show all orders
              </Button>
            ) : (
              <Button component={Link} to="/shop">
                Browse the shop
              </Button>
            )}
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <Stack gap="md" aria-busy={orders.isFetching && orders.isPlaceholderData} style={{ opacity: orders.isPlaceholderData ? 0.6 : 1 }}>
          {compact ? <OrderCards orders={items} /> : <OrderTable orders={items} />}
          {orders.isFetchNextPageError ? (
            <Alert color="red" variant="light" role="alert" title="Could not load more orders">
              {describeError(orders.error)}
            </Alert>
          ) : null}
          {orders.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" loading={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()}>
                Load more
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

/** The reference box: typing updates the URL after a pause, not on every key. */
function ReferenceSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const push = useDebouncedCallback(onChange, 350);
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      label="Reference"
      placeholder="ORD-7K3F"
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        push(event.currentTarget.value);
      }}
      type="search"
      autoComplete="off"
      style={{ flex: '1 1 220px', maxWidth: 320 }}
    />
  );
}

function OrderTable({ orders }: { orders: Order[] }) {
  return (
    <Table aria-label="Orders" highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Reference</Table.Th>
          <Table.Th>Placed</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Items</Table.Th>
          <Table.Th ta="right">Total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {orders.map((o) => (
          <Table.Tr key={o.reference} data-reference={o.reference}>
            <Table.Td>
              <Anchor component={Link} to={orderPath(o.reference)} ff="monospace" fw={600}>
                {o.reference}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <time dateTime={o.placed_at}>{formatDay(o.placed_at)}</time>
            </Table.Td>
            <Table.Td>
              <StatusBadge style={orderStatusStyle(o.status)} size="sm" />
            </Table.Td>
            <Table.Td ta="right">{o.items.reduce((n, l) => n + l.quantity, 0)}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney({ amount: o.totals.total, currency: o.totals.currency })}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function OrderCards({ orders }: { orders: Order[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Orders">
      {orders.map((o) => (
        <Card key={o.reference} component="li" withBorder padding="sm" data-reference={o.reference}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Anchor component={Link} to={orderPath(o.reference)} ff="monospace" fw={600}>
                {o.reference}
              </Anchor>
              <Text size="sm" c="dimmed">
                <time dateTime={o.placed_at}>{formatDay(o.placed_at)}</time>
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              <StatusBadge style={orderStatusStyle(o.status)} size="sm" />
              <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatMoney({ amount: o.totals.total, currency: o.totals.currency })}
              </Text>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
