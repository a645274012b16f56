import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { adminOrdersKey, entryChannels, enterOrder, orderPriorities, type Order, type StaffPlaceRequest } from '../../api/adminOrders';
import { ApiError } from '../../api/errors';
import { attemptFor, retrySameAttempt, type Attempt } from '../../shop/checkout/attempt';
import { mapServerErrors } from '../pricing/serverErrors';
import { EntryProblem } from './EntryProblem';
import { entryErrorPath, entryLimits, entryRequest, initialEntry, newLine, validateEntry, type EntryValues } from './entryForm';
import { today } from './format';
import { entryChannelLabels, priorityStyles } from './labels';
import { orderPath } from './OrderList';
import { Section } from './Section';

const labels: Record<string, string> = {
  customer: 'Customer',
  channel: 'Channel',
  'lines.*.sku': 'SKU',
  'lines.*.quantity': 'Quantity',
  lines: 'Products',
  priority: 'Priority',
  purchaseOrderNumber: 'PO number',
  requestedDeliveryDate: 'Requested delivery date',
  notes: 'Notes',
  'address.name': 'Name',
  'address.line1': 'Street and number',
  'address.line2': 'Address line 2',
  'address.city': 'City',
  'address.postal_code': 'Postal code',
  'address.country': 'Country',
  'address.phone': 'Phone',
};

/** What the page shows after the order is placed (read by the order page). */
export interface PlacedState {
  placed: true;
}

/**
 * Sends the order with one Idempotency-Key per attempt: a retry of the same
 * request after a failure with an unknown outcome (network, 5xx, still
 * running) sends the same key, so the order is never placed twice; any other
 * request (changed form, "place it anyway") is a new attempt with a new key.
 */
function useEnterOrder(onPlaced: (order: Order) => void) {
  const queryClient = useQueryClient();
  const pending = useRef<Attempt | null>(null);
  return useMutation({
    mutationFn: async (body: StaffPlaceRequest): Promise<Order> => {
      const attempt = attemptFor(pending.current, body);
      pending.current = attempt;
      try {
        const order = await enterOrder(body, attempt.key);
        pending.current = null;
        return order;
      } catch (error) {
        if (!retrySameAttempt(error)) pending.current = null;
        throw error;
      }
    },
    onSuccess: (order) => {
      void queryClient.invalidateQueries({ queryKey: adminOrdersKey });
      onPlaced(order);
    },
  });
}

/** `/admin/orders/new`: an order taken by phone, email or fax, entered for the customer. */
export function NewOrderPage() {
  useDocumentTitle('New order · Orders · OMS Back office');
  const navigate = useNavigate();
  const [messages, setMessages] = useState<string[]>([]);
  const [onFields, setOnFields] = useState(false);
  const lastBody = useRef<StaffPlaceRequest | null>(null);
  const form = useForm<EntryValues>({
    initialValues: initialEntry(),
    validate: (values) => validateEntry(values, today()),
  });
  const place = useEnterOrder((order) => {
    const state: PlacedState = { placed: true };
    void navigate(orderPath(order.reference), { state });
  });

  const send = (body: StaffPlaceRequest) => {
    lastBody.current = body;
    setMessages([]);
    setOnFields(false);
    place.mutate(body, {
      onError: (error) => {
        if (error instanceof ApiError && (error.status === 422 || error.status === 400)) {
          const mapped = mapServerErrors(error, entryErrorPath, labels);
          form.setErrors(mapped.fields);
          setMessages(mapped.other);
          setOnFields(Object.keys(mapped.fields).length > 0);
        }
      },
    });
  };
  const submit = form.onSubmit((values) => send(entryRequest(values)));
  const retry = () => lastBody.current && send(lastBody.current);
  const confirmDuplicate = () => lastBody.current && send({ ...lastBody.current, confirm_duplicate: true });

  const lines = form.values.lines;
  const busy = place.isPending;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/orders" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Orders
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>New order</Title>
        <Text>
          An order that came in by phone, email or fax, entered for the customer. It is priced and checked exactly like an order
          from the shop, and the customer is sent the confirmation.
        </Text>
      </Stack>

      <form onSubmit={submit} noValidate aria-label="New order">
        <Stack gap="lg" maw={880}>
          <Section title="Customer">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Customer"
                description="Their Login ID (like C000123) or email."
                withAsterisk
                autoComplete="off"
                spellCheck={false}
                {...form.getInputProps('customer')}
              />
              <Radio.Group label="Channel" description="How the order came in." withAsterisk {...form.getInputProps('channel')}>
                <Group gap="md" mt={6} wrap="wrap">
                  {entryChannels.map((channel) => (
                    <Radio key={channel} value={channel} label={entryChannelLabels[channel]} />
                  ))}
                </Group>
              </Radio.Group>
            </SimpleGrid>
          </Section>

          <Section title="Products">
            <Text size="sm" c="dimmed">
              One line per product, by its SKU (the code on the product page and in the catalog).
            </Text>
            <Stack gap="xs" component="ol" aria-label="Order lines" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {lines.map((line, i) => (
                <Group key={line.key} component="li" gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput
                    label={i === 0 ? 'SKU' : undefined}
                    aria-label={`SKU, line ${i + 1}`}
                    placeholder="e.g. HAN-009"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={entryLimits.sku + 10}
                    style={{ flex: '1 1 0', minWidth: 0 }}
                    {...form.getInputProps(`lines.${i}.sku`)}
                  />
                  <NumberInput
                    label={i === 0 ? 'Quantity' : undefined}
                    aria-label={`Quantity, line ${i + 1}`}
                    min={1}
                    max={entryLimits.quantity}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    w={{ base: 96, xs: 140 }}
                    {...form.getInputProps(`lines.${i}.quantity`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    size="lg"
                    mt={i === 0 ? 25 : 0}
                    aria-label={`Remove line ${i + 1}`}
                    title="Remove this line"
                    disabled={lines.length === 1}
                    onClick={() => form.removeListItem('lines', i)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            {form.errors.lines ? (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {form.errors.lines}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem('lines', newLine())}
                disabled={lines.length >= entryLimits.lines}
              >
                Add a line
              </Button>
            </Group>
          </Section>

          <Section title="Delivery">
            <Stack gap="md">
              <Radio.Group label="Priority" {...form.getInputProps('priority')}>
                <Group gap="md" mt={6} wrap="wrap">
                  {[...orderPriorities].reverse().map((p) => (
                    <Radio key={p} value={p} label={priorityStyles[p].label} />
                  ))}
                </Group>
              </Radio.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput label="PO number (optional)" description="The customer's purchase order number." {...form.getInputProps('purchaseOrderNumber')} />
                <TextInput label="Requested delivery date (optional)" type="date" min={today()} {...form.getInputProps('requestedDeliveryDate')} />
              </SimpleGrid>
              <Checkbox
                label="Ship to another address than the customer's account address"
                {...form.getInputProps('shipElsewhere', { type: 'checkbox' })}
              />
              {form.values.shipElsewhere ? (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" role="group" aria-label="Shipping address">
                  <TextInput label="Name (optional)" description="Empty: the customer's name." {...form.getInputProps('address.name')} />
                  <TextInput label="Phone (optional)" type="tel" {...form.getInputProps('address.phone')} />
                  <TextInput label="Street and number" withAsterisk {...form.getInputProps('address.line1')} />
                  <TextInput label="Address line 2 (optional)" {...form.getInputProps('address.line2')} />
                  <TextInput label="Postal code" withAsterisk {...form.getInputProps('address.postal_code')} />
                  <TextInput label="City" withAsterisk {...form.getInputProps('address.city')} />
                  <TextInput label="Country" description="Two letters, like US." withAsterisk maxLength={2} {...form.getInputProps('address.country')} />
                </SimpleGrid>
              ) : null}
            </Stack>
          </Section>

          <Section title="Notes">
            <Textarea
              label="Notes (optional)"
              description="Printed on the order confirmation."
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('notes')}
            />
          </Section>

          {place.isError ? (
            <EntryProblem
              error={place.error}
              onRetry={retry}
              onConfirmDuplicate={confirmDuplicate}
              busy={busy}
              onFields={onFields}
              messages={messages}
            />
          ) : null}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" component={Link} to="/admin/orders">
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Place order
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
