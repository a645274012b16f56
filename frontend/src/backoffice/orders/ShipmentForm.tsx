import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { createShipment, type Order, type ShipmentRequest } from '../../api/adminOrders';
import { ApiError } from '../../api/errors';
import { mapServerErrors } from '../pricing/serverErrors';
import { ChangeError } from './ChangeError';
import { Section } from './Section';
import { initialShipment, leftToShip, shipmentErrorPath, shipmentLimits, shipmentRequest, validateShipment, type ShipmentValues } from './shipmentForm';
import { useOrderChange } from './useOrderChange';

const labels: Record<string, string> = {
  carrier: 'Carrier',
  trackingNumber: 'Tracking number',
  trackingUrl: 'Tracking link',
  note: 'Note',
};

/**
 * A parcel of an order that is processing: carrier, tracking number (and
 * link), and how many units of each line are in it (by default everything
 * left). The order becomes shipped once nothing is left to ship.
 */
export function ShipmentForm({ order }: { order: Order }) {
  const [other, setOther] = useState<string[]>([]);
  const [shipped, setShipped] = useState<number | null>(null);
  const form = useForm<ShipmentValues>({
    initialValues: initialShipment(order),
    validate: (values) => validateShipment(values, order),
  });
  // When the order changes under an untouched form (a reload, another parcel), start from what is left now.
  const formRef = useRef(form);
  formRef.current = form;
  useEffect(() => {
    if (!formRef.current.isDirty()) {
      formRef.current.setValues(initialShipment(order));
      formRef.current.resetDirty();
    }
  }, [order]);
  const change = useOrderChange(
    order.reference,
    (body: ShipmentRequest) => createShipment(order.reference, body),
    (answer) => {
      setShipped(answer.shipments?.at(-1)?.number ?? null);
      form.setValues(initialShipment(answer));
      form.resetDirty();
    },
  );

  const submit = form.onSubmit((values) => {
    setOther([]);
    setShipped(null);
    const body = shipmentRequest(values, order);
    change.mutate(body, {
      onError: (error) => {
        if (error instanceof ApiError && error.status === 422) {
          const lineLabels = Object.fromEntries(order.items.map((line) => [`quantities.${line.sku}`, 'Quantity']));
          const mapped = mapServerErrors(error, (field) => shipmentErrorPath(field, body), { ...labels, ...lineLabels });
          form.setErrors(mapped.fields);
          setOther(mapped.other);
        }
      },
    });
  });

  const open = order.items.filter((line) => leftToShip(line) > 0);
  const unprocessable = change.error instanceof ApiError && change.error.status === 422;

  return (
    <Section title="New shipment">
      <form onSubmit={submit} noValidate aria-label="New shipment">
        <Stack gap="sm">
          {shipped !== null ? (
            <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />}>
              Shipment {shipped} was recorded{order.status === 'shipped' ? ': everything has shipped.' : '.'}
            </Alert>
          ) : null}
          {!unprocessable ? <ChangeError error={change.error} reference={order.reference} onReloaded={() => change.reset()} /> : null}
          {other.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title="Not saved">
              {other.join(' ')}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Carrier" placeholder="UPS, DHL, own van…" withAsterisk maxLength={shipmentLimits.carrier + 20} {...form.getInputProps('carrier')} />
            <TextInput
              label="Tracking number"
              withAsterisk
              autoComplete="off"
              spellCheck={false}
              maxLength={shipmentLimits.trackingNumber + 20}
              {...form.getInputProps('trackingNumber')}
            />
          </SimpleGrid>
          <TextInput
            label="Tracking link (optional)"
            type="url"
            placeholder="https://…"
            description="Where the customer can follow the parcel."
            {...form.getInputProps('trackingUrl')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              In this parcel
            </Text>
            <Table.ScrollContainer minWidth={320}>
              <Table verticalSpacing={6} aria-label="Units in this shipment">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Product</Table.Th>
                    <Table.Th scope="col" ta="right">
                      Left
                    </Table.Th>
                    <Table.Th scope="col" w={130}>
                      Ship now
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {open.map((line) => (
                    <Table.Tr key={line.sku}>
                      <Table.Td>
                        <Text size="sm">{line.name}</Text>
                        <Text size="xs" c="dimmed">
                          {line.sku}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{leftToShip(line)}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={`Units of ${line.sku} to ship`}
                          min={0}
                          max={leftToShip(line)}
                          allowDecimal={false}
                          allowNegative={false}
                          clampBehavior="none"
                          {...form.getInputProps(`quantities.${line.sku}`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {form.errors.quantities ? (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {form.errors.quantities}
              </Text>
            ) : null}
          </Stack>
          <Textarea label="Note (optional)" autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconTruckDelivery size={16} aria-hidden />} loading={change.isPending}>
              Record shipment
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
