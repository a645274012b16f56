import { Alert, Anchor, Button, DataList, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { adminOrderQuery, type Order } from '../../api/adminOrders';
import { ApiError, describeError } from '../../api/errors';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { OrderStatusBadge, PriorityBadge } from './Badges';
import { Documents } from './Documents';
import { addressLines, formatAge, formatDay } from './format';
import { channelLabels, labelOf } from './labels';
import type { PlacedState } from './NewOrderPage';
import { OrderItems } from './OrderItems';
import { OrderMessages } from './Messages';
import { Returns } from './Returns';
import { Section } from './Section';
import { ShipmentForm } from './ShipmentForm';
import { Shipments } from './Shipments';
import { StatusActions } from './StatusActions';
import { OrderTimeline } from './Timeline';

const paymentTermLabels: Record<string, string> = {
  prepaid: 'Prepaid',
  net_15: 'Net 15 days',
  net_30: 'Net 30 days',
  net_60: 'Net 60 days',
};

/**
 * `/admin/orders/:reference`: one order with what can be done to it now
 * (status changes, shipments, returns), its data, and the timeline beside it.
 */
export function OrderDetailPage() {
  const { reference = '' } = useParams();
  const query = useQuery(adminOrderQuery(reference));
  // Just entered on /admin/orders/new: say so above the order, once (not again after a reload).
  const location = useLocation();
  const navigate = useNavigate();
  const [placedRef] = useState(() => ((location.state as PlacedState | null)?.placed ? reference.toUpperCase() : null));
  useEffect(() => {
    if ((location.state as PlacedState | null)?.placed) void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);
  const order = query.data;
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  useDocumentTitle(`${order?.reference ?? reference.toUpperCase()} · Orders · OMS Back office`);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/orders" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Orders
        </Group>
      </Anchor>

      {query.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the order">
          <Skeleton height={36} width="40%" />
          <Skeleton height={200} />
        </Stack>
      ) : null}

      {query.isError && !order ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : null}

      {order ? (
        <>
          <Header order={order} />
          {placedRef === order.reference ? (
            <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />} title="Order placed">
              {order.reference} was placed for {order.customer?.name ?? 'the customer'}, who was sent the confirmation.
            </Alert>
          ) : null}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="lg">
                <StatusActions order={order} />
                {order.status === 'processing' ? <ShipmentEntry order={order} /> : null}
                <OrderItems order={order} compact={compact} />
                <Shipments order={order} />
                <Returns order={order} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="lg">
                <Details order={order} />
                <Documents order={order} />
                <OrderTimeline order={order} />
                <OrderMessages reference={order.reference} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      ) : null}
    </Stack>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="No such order">
        No order has this reference. Check it for typos, or search for it in the queue.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the order">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/** Only staff who may ship (processing → shipped) get the form; the others are told who does. */
function ShipmentEntry({ order }: { order: Order }) {
  if (!order.allowed_transitions.includes('shipped')) {
    return (
      <Section title="New shipment">
        <Text size="sm" c="dimmed">
          Fulfilment staff enter the shipments of this order.
        </Text>
      </Section>
    );
  }
  return <ShipmentForm order={order} />;
}

function Header({ order }: { order: Order }) {
  return (
    <Stack gap={6}>
      <Title order={1}>{order.reference}</Title>
      <Group gap="xs" wrap="wrap">
        <OrderStatusBadge status={order.status} />
        <PriorityBadge priority={order.priority} />
        <Text size="sm" c="dimmed">
          {labelOf(channelLabels, order.channel)} · placed <time dateTime={order.placed_at}>{formatDateTime(order.placed_at)}</time> (
          {formatAge(order.placed_at)})
        </Text>
      </Group>
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue className={classes.breakAnywhere}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Details({ order }: { order: Order }) {
  const c = order.customer;
  return (
    <Section title="Details">
      <DataList labelWidth="9rem" withDivider>
        <Item label="Customer">
          {c ? (
            <>
              {c.name}{' '}
              <Text span size="sm" c="dimmed">
                ({c.login_id})
              </Text>
            </>
          ) : (
            '—'
          )}
        </Item>
        <Item label="Channel">{labelOf(channelLabels, order.channel)}</Item>
        <Item label="PO number">{order.purchase_order_number || '—'}</Item>
        <Item label="Requested delivery">{formatDay(order.requested_delivery_date)}</Item>
        <Item label="Payment terms">{order.payment_terms ? (paymentTermLabels[order.payment_terms] ?? order.payment_terms.replace(/_/g, ' ')) : '—'}</Item>
        {order.coupon_code ? <Item label="Coupon">{order.coupon_code}</Item> : null}
        <Item label="Ship to">
          <span style={{ whiteSpace: 'pre-line' }}>{addressLines(order.shipping_address)}</span>
        </Item>
        <Item label="Notes">
          {order.notes ? <span style={{ whiteSpace: 'pre-line' }}>{order.notes}</span> : '—'}
        </Item>
        <Item label="Last change">{formatDateTime(order.updated_at)}</Item>
      </DataList>
    </Section>
  );
}
