import { Alert, Anchor, Button, Card, EmptyState, Grid, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconRefresh, IconShoppingCart } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { cartKey, type Cart } from '../../api/cart';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { addressBookQuery, checkoutOptionsQuery, type Address, type CheckoutOptions, type Order, type OrderPriority, type PlaceRequest } from '../../api/orders';
import { CustomersOnly } from '../cart/CustomersOnly';
import { blockingLines, useCart } from '../cart/useCart';
import { formatMoney } from '../catalog/money';
import { paymentTermDescription, paymentTermLabel, priorityInfo } from '../orders/labels';
import { TotalsTable } from '../orders/TotalsTable';
import { AddressSection } from './AddressSection';
import { outOfStock } from './attempt';
import {
  checkoutFieldOrder,
  checkoutLabels,
  checkoutRules,
  emptyCheckout,
  accountAddress,
  todayIso,
  toPlaceRequest,
  type CheckoutValues,
} from './checkoutForm';
import { CouponSection, type AppliedCoupon } from './CouponSection';
import { PlaceProblem } from './PlaceProblem';
import { PrioritySection } from './PrioritySection';
import { usePlaceOrder } from './usePlaceOrder';

/**
 * The surcharge of each priority, formatted, from the checkout options; a
 * priority without one shows none.
 */
function formatSurcharges(options: CheckoutOptions | undefined, currency: string | undefined): Partial<Record<OrderPriority, string>> {
  const out: Partial<Record<OrderPriority, string>> = {};
  if (!options || !currency) return out;
  for (const { priority, surcharge } of options.priorities) {
    if (surcharge > 0) out[priority] = formatMoney({ amount: surcharge, currency });
  }
  return out;
}

/**
 * `/checkout`: where to ship, how fast, (business) PO number and delivery
 * date, a coupon previewed with the server's quote, notes, and "Place order".
 * Each attempt carries its own Idempotency-Key (see attempt.ts), so a retry
 * after a network error can never place the order twice.
 */
export function CheckoutPage() {
  useDocumentTitle('Checkout · Order Management System');
  const { shopper, query } = useCart();

  if (!shopper.customerId) {
    return <CustomersOnly title="Checkout" />;
  }
  if (query.isPending) {
    return (
      <Stack gap="lg" role="status" aria-label="Loading your cart">
        <Skeleton height={36} width={200} />
        <Skeleton height={220} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="lg">
        <Title order={1}>Checkout</Title>
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
  if (query.data.items.length === 0) {
    return (
      <Stack gap="lg">
        <Title order={1}>Checkout</Title>
        <EmptyState
          icon={<IconShoppingCart size={32} aria-hidden />}
          withIndicatorBackground
          title="Your cart is empty"
          description="Add products to your cart first; then check out here."
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
  return <CheckoutForm cart={query.data} customerId={shopper.customerId} business={shopper.business} />;
}

interface FormProps {
  cart: Cart;
  customerId: string;
  business: boolean;
}

function CheckoutForm({ cart, customerId, business }: FormProps) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const book = useQuery(addressBookQuery(customerId));
  // Each priority's surcharge and the account's payment terms. Without them (an error), the
  // summary says the surcharge is added when placed, and business accounts get net 30.
  const options = useQuery(checkoutOptionsQuery(customerId));
  const [coupon, setCoupon] = useState<AppliedCoupon | null>(null);
  const [lastBody, setLastBody] = useState<PlaceRequest | null>(null);
  const [problemFields, setProblemFields] = useState<{ onFields: boolean; messages: string[] }>({ onFields: false, messages: [] });
  const form = useForm<CheckoutValues>({
    mode: 'controlled',
    initialValues: emptyCheckout(),
    validate: checkoutRules(),
  });

  const addresses: Address[] = book.data ?? [];
  // The book's first entry is the account's address: choose it when the book arrives.
  const bookReady = book.isSuccess && addresses.length > 0;
  useEffect(() => {
    if (bookReady && form.getValues().address === accountAddress) {
      form.setFieldValue('address', '0');
    }
    // Only when the book arrives: later the customer chooses.
  }, [bookReady]);

  const place = usePlaceOrder(customerId, (order: Order) => {
    void navigate(`/orders/${encodeURIComponent(order.reference)}/placed`, { state: { order } });
  });

  const items = cart.items.map(({ sku, quantity }) => ({ sku, quantity }));
  const blocking = blockingLines(cart);

  const send = (body: PlaceRequest) => {
    if (place.isPending) return;
    setLastBody(body);
    setProblemFields({ onFields: false, messages: [] });
    place.mutate(body, {
      onError: (error) => {
        if (outOfStock(error)) {
          void client.invalidateQueries({ queryKey: cartKey(customerId) });
        }
        if (!(error instanceof ApiError) || error.status !== 422) return;
        const errors = fieldErrors(error, checkoutLabels);
        const onFields: Record<string, string> = {};
        const messages: string[] = [];
        for (const [field, message] of Object.entries(errors)) {
          if ((checkoutFieldOrder as readonly string[]).includes(field)) onFields[field] = message;
          else if (field === 'coupon_code') onFields.coupon = message;
          else messages.push(message);
        }
        form.setErrors(onFields);
        focusFirstError(onFields);
        setProblemFields({ onFields: Object.keys(onFields).length > 0, messages });
      },
    });
  };

  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = checkoutFieldOrder.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit((values) => {
    const typed = values.coupon.trim().toUpperCase();
    if (typed && coupon?.code !== typed) {
      form.setFieldError('coupon', 'Apply the coupon, or clear the box to order without it');
      form.getInputNode('coupon')?.focus();
      return;
    }
    send(toPlaceRequest(values, items, addresses, { business, coupon: coupon?.code ?? null }));
  }, focusFirstError);

  const priority = form.values.priority;
  const base = coupon?.quote.totals ?? cart.totals ?? null;
  // The cart and the quote leave shipping out: it is the chosen priority's surcharge, not taxed.
  const surcharge = options.data?.priorities.find((p) => p.priority === priority)?.surcharge;
  const totals = base
    ? surcharge !== undefined
      ? { ...base, shipping: surcharge, total: base.total + surcharge }
      : { ...base, shipping: undefined }
    : null;
  const surcharges = formatSurcharges(options.data, base?.currency);
  const terms = options.data ? (options.data.payment_terms ?? null) : business ? 'net_30' : null;
  return (
    <Stack gap="lg">
      <Title order={1}>Checkout</Title>
      {blocking.length ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Some products cannot be ordered as they are">
          <Text size="sm">
            {blocking.join(', ')}: see the problem in{' '}
            <Anchor component={Link} to="/cart" inherit underline="always">
              your cart
            </Anchor>
            .
          </Text>
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate aria-label="Checkout">
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              <Section title="Shipping address">
                {book.isError ? (
                  <Text size="sm" c="dimmed">
                    Your earlier addresses could not be loaded; use your account address or enter a new one.
                  </Text>
                ) : null}
                <AddressSection form={form} book={book.isSuccess ? addresses : null} />
              </Section>
              <Section title="Delivery">
                <Stack gap="md">
                  <PrioritySection form={form} surcharges={surcharges} />
                  {business || terms ? (
                    <Stack gap="sm">
                      {business ? (
                        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                          <TextInput
                            label="PO number"
                            description="Your purchase order, printed on the invoice"
                            maxLength={64}
                            {...form.getInputProps('purchase_order_number')}
                          />
                          <TextInput
                            type="date"
                            label="Requested delivery date"
                            description="Optional"
                            min={todayIso()}
                            {...form.getInputProps('requested_delivery_date')}
                          />
                        </SimpleGrid>
                      ) : null}
                      {terms ? (
                        <TextInput label="Payment terms" description={paymentTermDescription(terms)} value={paymentTermLabel(terms)} readOnly variant="filled" />
                      ) : null}
                    </Stack>
                  ) : null}
                </Stack>
              </Section>
              <Section title="Coupon and notes">
                <Stack gap="md">
                  <CouponSection form={form} items={items} applied={coupon} onApplied={setCoupon} />
                  <Textarea
                    label="Notes"
                    description="Delivery instructions or anything we should know (optional)"
                    autosize
                    minRows={2}
                    maxRows={6}
                    maxLength={2000}
                    {...form.getInputProps('notes')}
                  />
                </Stack>
              </Section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Section title="Your order">
              <Stack gap="md">
                <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Products">
                  {(coupon?.quote.lines ?? []).length
                    ? coupon!.quote.lines.map((l) => (
                        <SummaryLine key={l.sku} name={l.name} quantity={l.quantity} total={formatMoney(l.total)} />
                      ))
                    : cart.items.map((l) => (
                        <SummaryLine key={l.sku} name={l.name} quantity={l.quantity} total={l.total ? formatMoney(l.total) : '—'} />
                      ))}
                </Stack>
                {totals ? (
                  <TotalsTable
                    totals={totals}
                    caption="Order totals"
                    shippingNote={priority === 'standard' ? 'No surcharge' : `${priorityInfo[priority].label} surcharge added when placed`}
                    totalLabel={surcharge !== undefined || priority === 'standard' ? 'Total' : 'Total before surcharge'}
                  />
                ) : null}
                {place.isError ? (
                  <PlaceProblem
                    error={place.error}
                    busy={place.isPending}
                    onFields={problemFields.onFields}
                    messages={problemFields.messages}
                    onRetry={() => lastBody && send(lastBody)}
                    onConfirmDuplicate={() => lastBody && send({ ...lastBody, confirm_duplicate: true })}
                  />
                ) : null}
                <Button type="submit" size="md" fullWidth loading={place.isPending} disabled={place.isPending || blocking.length > 0}>
                  Place order
                </Button>
                <Text size="xs" c="dimmed" ta="center">
                  Prices and stock are checked again when you place the order.
                </Text>
              </Stack>
            </Section>
          </Grid.Col>
        </Grid>
      </form>
    </Stack>
  );
}

function SummaryLine({ name, quantity, total }: { name: string; quantity: number; total: string }) {
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" style={{ minWidth: 0 }}>
        {quantity} × {name}
      </Text>
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {total}
      </Text>
    </Group>
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
