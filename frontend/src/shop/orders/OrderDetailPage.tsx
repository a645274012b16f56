import { Alert, Anchor, Button, Card, Grid, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowBackUp, IconFileTypePdf, IconRefresh, IconRepeat, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { cartKey, cartQuery } from '../../api/cart';
import { ApiError, describeError } from '../../api/errors';
import { fetchOrderDocument, orderQuery, type DocumentLink, type Order } from '../../api/orders';
import { CopyValue } from '../../components/CopyValue';
import { formatDateTime } from '../../format';
import { useShopper } from '../cart/useCart';
import { formatMoney } from '../catalog/money';
import { CancelDialog } from './CancelDialog';
import { addressLine, paymentTermLabel, priorityInfo } from './labels';
import { saveBlob } from '../../saveBlob';
import { OrderProgress } from './OrderProgress';
import { OrderTimeline } from './OrderTimeline';
import { OrderUpdates } from './OrderUpdates';
import { reorder, type ReorderState } from './reorder';
import { returnable } from './returnForm';
import { ReturnDialog } from './ReturnDialog';
import { Returns, Shipments } from './Shipments';
import { orderStatusStyle } from './status';
import { StatusBadge } from './StatusBadge';
import { TotalsTable } from './TotalsTable';
import { useOrderStream } from '../tracking/useOrderStream';

/**
 * `/orders/:reference`: one of my orders — status and what it means, the
 * actions it allows now, items, totals, address, timeline, shipments with
 * tracking, returns, and its documents; its progress with the promised
 * dates, and how updates about it are sent. Changes made by staff show
 * within seconds (the order stream). The link in every order email lands
 * here (after logging in when needed).
 */
export function OrderDetailPage() {
  useOrderStream();
  const { reference = '' } = useParams();
  const shopper = useShopper();
  const customerId = shopper.customerId ?? 'none';
  const order = useQuery({ ...orderQuery(customerId, reference), enabled: shopper.customerId !== null });
  useDocumentTitle(`Order ${reference.toUpperCase()} · Order Management System`);

  if (!shopper.customerId) {
    return (
      <Stack gap="md" align="flex-start">
        <Title order={1}>Order {reference.toUpperCase()}</Title>
        <Text>Orders are shown to the customer who placed them. Staff find orders in the back office.</Text>
        <Button component={Link} to={`/admin/orders/${encodeURIComponent(reference)}`} variant="default">
          Open it in the back office
        </Button>
      </Stack>
    );
  }
  if (order.isPending) {
    return (
      <Stack gap="lg" role="status" aria-label="Loading the order">
        <Skeleton height={40} width={280} />
        <Skeleton height={160} />
        <Skeleton height={220} />
      </Stack>
    );
  }
  if (order.isError) {
    if (order.error instanceof ApiError && order.error.status === 404) {
      return (
        <Stack gap="md" align="flex-start">
          <Title order={1}>Order not found</Title>
          <Text>
            There is no order {reference.toUpperCase()} on your account. Check the reference in your email, or find the order in your list.
          </Text>
          <Button component={Link} to="/orders">
            My orders
          </Button>
        </Stack>
      );
    }
    return (
      <Alert color="red" variant="light" title="Could not load the order" icon={<IconAlertTriangle aria-hidden />} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{describeError(order.error)}</Text>
          <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={order.isFetching} onClick={() => void order.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <OrderDetails order={order.data} customerId={customerId} />;
}

function OrderDetails({ order, customerId }: { order: Order; customerId: string }) {
  const status = orderStatusStyle(order.status);
  const canCancel = order.allowed_transitions.includes('cancelled');
  const max = returnable(order);
  const canReturn = order.status === 'delivered' && Object.values(max).some((n) => n > 0);
  const [cancelOpen, cancelDialog] = useDisclosure(false);
  const [returnOpen, returnDialog] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component={Link} to="/orders" size="sm">
          ← My orders
        </Anchor>
        <Group gap="sm" align="center" wrap="wrap">
          <Title order={1}>
            Order{' '}
            <Text span inherit ff="monospace" data-testid="order-reference">
              {order.reference}
            </Text>
          </Title>
          <CopyValue value={order.reference} label="Reference Number" />
        </Group>
        <Group gap="sm" wrap="wrap">
          <StatusBadge style={status} size="lg" />
          <Text size="sm">{status.description}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          Placed {formatDateTime(order.placed_at)}
        </Text>
      </Stack>

      <Actions order={order} customerId={customerId} canCancel={canCancel} canReturn={canReturn} onCancel={cancelDialog.open} onReturn={returnDialog.open} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Section title="Progress">
              <OrderProgress order={order} customerId={customerId} />
            </Section>
            {order.shipments?.length ? (
              <Section title="Shipments">
                <Shipments shipments={order.shipments} />
              </Section>
            ) : null}
            <Section title="Items">
              <Items order={order} />
              <TotalsTable totals={order.totals} caption="Order totals" />
            </Section>
            {order.returns?.length ? (
              <Section title="Returns">
                <Returns returns={order.returns} />
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Section title="Delivery">
              <Details order={order} />
            </Section>
            <Section title="Updates for this order">
              <OrderUpdates order={order} customerId={customerId} />
            </Section>
            <Section title="History">
              <OrderTimeline events={order.events ?? []} />
            </Section>
            {order.documents.length ? (
              <Section title="Documents">
                <Documents reference={order.reference} documents={order.documents} />
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>

      {canCancel ? <CancelDialog order={order} customerId={customerId} opened={cancelOpen} onClose={cancelDialog.close} /> : null}
      {canReturn ? <ReturnDialog order={order} customerId={customerId} max={max} opened={returnOpen} onClose={returnDialog.close} /> : null}
    </Stack>
  );
}

interface ActionsProps {
  order: Order;
  customerId: string;
  canCancel: boolean;
  canReturn: boolean;
  onCancel: () => void;
  onReturn: () => void;
}

/** Only what the order allows now: cancel (allowed_transitions), return (delivered), and reorder. */
function Actions({ order, customerId, canCancel, canReturn, onCancel, onReturn }: ActionsProps) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const again = useMutation({
    mutationFn: async () => reorder(order, await client.fetchQuery(cartQuery(customerId))),
    onSuccess: (result) => {
      if (result.cart) client.setQueryData(cartKey(customerId), result.cart);
      else void client.invalidateQueries({ queryKey: cartKey(customerId) });
      const state: ReorderState = { reorder: { reference: result.reference, added: result.added, skipped: result.skipped } };
      void navigate('/cart', { state });
    },
  });
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap" role="group" aria-label="Order actions">
        <Button variant="default" leftSection={<IconRepeat size={16} aria-hidden />} onClick={() => again.mutate()} loading={again.isPending}>
          Reorder
        </Button>
        {canReturn ? (
          <Button variant="default" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={onReturn}>
            Request a return
          </Button>
        ) : null}
        {canCancel ? (
          <Button variant="default" c="var(--mantine-color-error)" leftSection={<IconX size={16} aria-hidden />} onClick={onCancel}>
            Cancel order
          </Button>
        ) : null}
      </Group>
      {again.isError ? (
        <Alert color="red" variant="light" role="alert">
          {describeError(again.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Items({ order }: { order: Order }) {
  const money = (amount: { amount: number; currency: string }) => formatMoney(amount);
  const anyShipped = order.items.some((l) => l.shipped_quantity > 0);
  const anyReturned = order.items.some((l) => l.returned_quantity > 0);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label="Items" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            {anyShipped ? <Table.Th ta="right">Shipped</Table.Th> : null}
            {anyReturned ? <Table.Th ta="right">Returned</Table.Th> : null}
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.items.map((l) => (
            <Table.Tr key={l.sku}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {l.name}
                </Text>
                <Text size="xs" c="dimmed">
                  SKU {l.sku}
                  {l.explanation.filter(Boolean).length ? ` · ${l.explanation.filter(Boolean).join(' · ')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              {anyShipped ? <Table.Td ta="right">{l.shipped_quantity}</Table.Td> : null}
              {anyReturned ? <Table.Td ta="right">{l.returned_quantity}</Table.Td> : null}
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {money(l.unit_price)}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {money(l.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Details({ order }: { order: Order }) {
  const a = order.shipping_address;
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={600}>
          Ship to
        </Text>
        {a.name ? <Text size="sm">{a.name}</Text> : null}
        <Text size="sm">{addressLine(a)}</Text>
        {a.phone ? <Text size="sm">{a.phone}</Text> : null}
      </div>
      <Info label="Priority">{priorityInfo[order.priority]?.label ?? order.priority}</Info>
      {order.purchase_order_number ? <Info label="PO number">{order.purchase_order_number}</Info> : null}
      {order.requested_delivery_date ? <Info label="Requested delivery">{order.requested_delivery_date}</Info> : null}
      {order.payment_terms ? <Info label="Payment terms">{paymentTermLabel(order.payment_terms)}</Info> : null}
      {order.coupon_code ? <Info label="Coupon">{order.coupon_code}</Info> : null}
      {order.notes ? (
        <Info label="Notes">
          <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{order.notes}</span>
        </Info>
      ) : null}
    </Stack>
  );
}

function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** PDFs fetched with the session's token, then saved: a plain link would carry no token. */
function Documents({ reference, documents }: { reference: string; documents: DocumentLink[] }) {
  const download = useMutation({
    mutationFn: async (doc: DocumentLink) => saveBlob(await fetchOrderDocument(reference, doc.kind), `${reference}-${doc.kind}.pdf`),
  });
  return (
    <Stack gap="xs">
      {documents.map((doc) => (
        <Button
          key={doc.kind}
          variant="default"
          justify="flex-start"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
          onClick={() => download.mutate(doc)}
          loading={download.isPending && download.variables.kind === doc.kind}
        >
          {doc.title} (PDF)
        </Button>
      ))}
      {download.isError ? (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {describeError(download.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
