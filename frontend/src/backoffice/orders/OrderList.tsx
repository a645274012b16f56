import { Anchor, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Order } from '../../api/adminOrders';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { OrderStatusBadge, PriorityBadge } from './Badges';
import { formatAge, orderTotal, unitCount } from './format';
import { channelLabels, labelOf } from './labels';

export function orderPath(reference: string): string {
  return `/admin/orders/${encodeURIComponent(reference)}`;
}

/** Only orders the staff member may confirm now can be selected for "Confirm selected". */
export function canConfirm(order: Order): boolean {
  return order.allowed_transitions.includes('confirmed');
}

interface OrderListProps {
  orders: Order[];
  /** Stacked cards instead of a table (phones). */
  compact: boolean;
  /** Show the selection checkboxes (someone may confirm at least one order on the page). */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (reference: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
}

function Customer({ order }: { order: Order }) {
  const c = order.customer;
  if (!c) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" className={classes.breakWord}>
        {c.name}
      </Text>
      <Text size="xs" c="dimmed">
        {c.login_id}
      </Text>
    </Stack>
  );
}

function Placed({ order }: { order: Order }) {
  return (
    <Stack gap={0}>
      <Text size="sm" className={classes.nowrap}>
        <time dateTime={order.placed_at}>{formatDateTime(order.placed_at)}</time>
      </Text>
      <Text size="xs" c="dimmed">
        {formatAge(order.placed_at)}
      </Text>
    </Stack>
  );
}

function Items({ order }: { order: Order }) {
  const units = unitCount(order);
  return (
    <>
      {units} {units === 1 ? 'item' : 'items'}
    </>
  );
}

function SelectBox({ order, selected, onToggle }: { order: Order; selected: ReadonlySet<string>; onToggle: OrderListProps['onToggle'] }) {
  const allowed = canConfirm(order);
  return (
    <Checkbox
      aria-label={`Select ${order.reference}`}
      checked={allowed && selected.has(order.reference)}
      disabled={!allowed}
      title={allowed ? undefined : 'Cannot be confirmed now'}
      onChange={(event) => onToggle(order.reference, event.currentTarget.checked)}
    />
  );
}

/** The queue in the server's order (priority, then age): a table from 992 px up, cards below. */
export function OrderList({ orders, compact, selectable, selected, onToggle, onToggleAll }: OrderListProps) {
  const confirmable = orders.filter(canConfirm);
  const allChecked = confirmable.length > 0 && confirmable.every((o) => selected.has(o.reference));
  const someChecked = confirmable.some((o) => selected.has(o.reference));

  if (compact) {
    return (
      <Stack gap="sm">
        {selectable ? (
          <Checkbox
            label="Select every order that can be confirmed"
            checked={allChecked}
            indeterminate={someChecked && !allChecked}
            onChange={(event) => onToggleAll(event.currentTarget.checked)}
          />
        ) : null}
        <Stack gap="sm" component="ul" className={classes.cards} aria-label="Orders">
          {orders.map((order) => (
            <Card key={order.reference} component="li" withBorder padding="sm" data-reference={order.reference}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="xs" wrap="nowrap">
                    {selectable ? <SelectBox order={order} selected={selected} onToggle={onToggle} /> : null}
                    <Anchor component={Link} to={orderPath(order.reference)} fw={600}>
                      {order.reference}
                    </Anchor>
                  </Group>
                  <OrderStatusBadge status={order.status} />
                </Group>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap="xs" wrap="wrap">
                    <PriorityBadge priority={order.priority} />
                    <Text size="sm">{labelOf(channelLabels, order.channel)}</Text>
                  </Group>
                  <Text size="sm" fw={600} className={classes.nowrap}>
                    {orderTotal(order)}
                  </Text>
                </Group>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Customer order={order} />
                  <Text size="sm" className={classes.nowrap}>
                    <Items order={order} />
                  </Text>
                </Group>
                <Placed order={order} />
              </Stack>
            </Card>
          ))}
        </Stack>
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Orders">
        <Table.Thead>
          <Table.Tr>
            {selectable ? (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label="Select every order that can be confirmed"
                  checked={allChecked}
                  indeterminate={someChecked && !allChecked}
                  onChange={(event) => onToggleAll(event.currentTarget.checked)}
                />
              </Table.Th>
            ) : null}
            <Table.Th scope="col">Priority</Table.Th>
            <Table.Th scope="col">Reference</Table.Th>
            <Table.Th scope="col">Customer</Table.Th>
            <Table.Th scope="col">Placed</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Channel</Table.Th>
            <Table.Th scope="col" ta="right">
              Total
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Items
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.reference} data-reference={order.reference}>
              {selectable ? (
                <Table.Td>
                  <SelectBox order={order} selected={selected} onToggle={onToggle} />
                </Table.Td>
              ) : null}
              <Table.Td>
                <PriorityBadge priority={order.priority} />
              </Table.Td>
              <Table.Td className={classes.nowrap}>
                <Anchor component={Link} to={orderPath(order.reference)} fw={600} size="sm">
                  {order.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Customer order={order} />
              </Table.Td>
              <Table.Td>
                <Placed order={order} />
              </Table.Td>
              <Table.Td>
                <OrderStatusBadge status={order.status} />
              </Table.Td>
              <Table.Td>{labelOf(channelLabels, order.channel)}</Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                {orderTotal(order)}
              </Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                <Items order={order} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
