import { Alert, Anchor, Button, Card, Checkbox, EmptyState, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconMapPin, IconPackage, IconRefresh, IconSearch, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { myOrdersQuery, type Order, type OrderListQuery, type OrderStatus } from '../../api/orders';
import { CustomersOnly } from '../cart/CustomersOnly';
import { useShopper } from '../cart/useCart';
import { formatMoney } from '../catalog/money';
import { maxReferences, trackPath } from '../tracking/references';
import { StatusSmsButton, StatusSmsOutcome, useStatusSms, type StatusSmsMutation } from '../tracking/StatusSms';
import { useOrderStream } from '../tracking/useOrderStream';
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
 * reference (both in the URL), a page at a time. Several can be selected to
 * track them together (`/track?r=…`) or to get their status by SMS. Statuses
 * update live (the order stream).
 */
export function OrdersPage() {
  useDocumentTitle('My orders · Order Management System');
  useOrderStream();
  const shopper = useShopper();
  const [selected, setSelected] = useState<string[]>([]);
  const sms = useStatusSms();
  const select = (next: string[]) => {
    setSelected(next);
    sms.reset();
  };
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
          <SelectionBar selected={selected} onClear={() => select([])} sms={sms} />
          {compact ? (
            <OrderCards orders={items} selected={selected} onSelect={select} />
          ) : (
            <OrderTable orders={items} selected={selected} onSelect={select} />
          )}
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

interface SelectionProps {
  selected: string[];
  onSelect: (references: string[]) => void;
}

function toggle(selected: string[], reference: string, on: boolean): string[] {
  return on ? [...selected.filter((r) => r !== reference), reference] : selected.filter((r) => r !== reference);
}

/**
 * What to do with the selected orders: see them together on the tracking
 * board, or get one SMS with their statuses (to the account's verified phone).
 */
function SelectionBar({ selected, onClear, sms }: { selected: string[]; onClear: () => void; sms: StatusSmsMutation }) {
  const navigate = useNavigate();
  const count = selected.length;
  const tooMany = count > maxReferences;
  return (
    <Stack gap="xs">
      <Card withBorder padding="sm" role="group" aria-label="Selected orders" data-testid="selection-bar">
        <Group gap="sm" wrap="wrap" justify="space-between">
          <Text size="sm" aria-live="polite">
            {count === 0 ? 'Select orders to track them together or get their status by SMS.' : `${count} selected`}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Button size="sm" leftSection={<IconMapPin size={16} aria-hidden />} disabled={count === 0 || tooMany} onClick={() => void navigate(trackPath(selected))}>
              Track selected
            </Button>
            <StatusSmsButton sms={sms} references={tooMany ? [] : selected} size="sm" />
            {count ? (
              <Button variant="subtle" size="sm" leftSection={<IconX size={16} aria-hidden />} onClick={onClear}>
                Clear selection
              </Button>
            ) : null}
          </Group>
        </Group>
      </Card>
      {tooMany ? (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          At most {maxReferences} orders at a time: clear {count - maxReferences} of them.
        </Text>
      ) : null}
      <StatusSmsOutcome sms={sms} />
    </Stack>
  );
}

function OrderTable({ orders, selected, onSelect }: { orders: Order[] } & SelectionProps) {
  const shown = orders.map((o) => o.reference);
  const chosen = shown.filter((r) => selected.includes(r)).length;
  return (
    <Table aria-label="Orders" highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>
            <Checkbox
              aria-label="Select all orders shown"
              checked={chosen > 0 && chosen === shown.length}
              indeterminate={chosen > 0 && chosen < shown.length}
              onChange={(event) =>
                onSelect(
                  event.currentTarget.checked
                    ? [...selected, ...shown.filter((r) => !selected.includes(r))]
                    : selected.filter((r) => !shown.includes(r)),
                )
              }
            />
          </Table.Th>
          <Table.Th>Reference</Table.Th>
          <Table.Th>Placed</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Items</Table.Th>
          <Table.Th ta="right">Total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {orders.map((o) => (
          <Table.Tr key={o.reference} data-reference={o.reference} bg={selected.includes(o.reference) ? 'var(--mantine-color-default-hover)' : undefined}>
            <Table.Td>
              <Checkbox
                aria-label={`Select ${o.reference}`}
                checked={selected.includes(o.reference)}
                onChange={(event) => onSelect(toggle(selected, o.reference, event.currentTarget.checked))}
              />
            </Table.Td>
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

function OrderCards({ orders, selected, onSelect }: { orders: Order[] } & SelectionProps) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Orders">
      {orders.map((o) => (
        <Card key={o.reference} component="li" withBorder padding="sm" data-reference={o.reference}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Checkbox
              aria-label={`Select ${o.reference}`}
              checked={selected.includes(o.reference)}
              onChange={(event) => onSelect(toggle(selected, o.reference, event.currentTarget.checked))}
              mt={2}
            />
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
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
