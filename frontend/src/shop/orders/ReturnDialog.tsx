import { Alert, Button, Group, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/errors';
import { orderKey, ordersKey, requestReturn, type Order } from '../../api/orders';
import { returnProblems, toReturnRequest, type ReturnValues } from './returnForm';

interface Props {
  order: Order;
  customerId: string;
  max: Record<string, number>;
  opened: boolean;
  onClose: () => void;
}

/** "Request a return": which products, how many of each, and why. */
export function ReturnDialog({ order, customerId, max, opened, onClose }: Props) {
  const client = useQueryClient();
  const lines = order.items.filter((l) => (max[l.sku] ?? 0) > 0);
  const blank = (): ReturnValues => ({ quantities: Object.fromEntries(lines.map((l) => [l.sku, 0])), reason: '' });
  const [values, setValues] = useState<ReturnValues>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const send = useMutation({
    mutationFn: () => requestReturn(order.reference, toReturnRequest(values)),
    onSuccess: (updated) => {
      client.setQueryData(orderKey(customerId, order.reference), updated);
      void client.invalidateQueries({ queryKey: ordersKey(customerId) });
      close();
    },
  });

  const close = () => {
    send.reset();
    setValues(blank());
    setProblems({});
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = returnProblems(values, max);
    setProblems(found);
    if (Object.keys(found).length === 0) send.mutate();
  };

  const serverFields = send.error instanceof ApiError ? (send.error.problem?.errors ?? []) : [];
  return (
    <Modal opened={opened} onClose={close} title="Request a return" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate aria-label="Request a return">
        <Stack gap="md">
          <Text size="sm">Choose how many of each product you want to send back. We answer every request, usually within a working day.</Text>
          <Table aria-label="Products to return" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Units to return</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l) => (
                <Table.Tr key={l.sku}>
                  <Table.Td>
                    <Text size="sm">{l.name}</Text>
                    <Text size="xs" c="dimmed">
                      Up to {max[l.sku]}
                    </Text>
                  </Table.Td>
                  <Table.Td w={130}>
                    <NumberInput
                      aria-label={`Units of ${l.name} to return`}
                      min={0}
                      max={max[l.sku]}
                      allowDecimal={false}
                      allowNegative={false}
                      clampBehavior="strict"
                      value={values.quantities[l.sku] ?? 0}
                      onChange={(v) => setValues((prev) => ({ ...prev, quantities: { ...prev.quantities, [l.sku]: typeof v === 'number' ? v : 0 } }))}
                      error={problems[`lines.${l.sku}`]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {problems.lines ? (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {problems.lines}
            </Text>
          ) : null}
          <Textarea
            label="Reason"
            required
            placeholder="Two of them arrived broken"
            value={values.reason}
            onChange={(event) => {
              const reason = event.currentTarget.value;
              setValues((prev) => ({ ...prev, reason }));
            }}
            error={problems.reason}
            maxLength={1000}
            autosize
            minRows={2}
          />
          {send.isError ? (
            <Alert color="red" variant="light" role="alert" title="The request was not sent">
              <Stack gap={2}>
                <Text size="sm">{describeError(send.error)}</Text>
                {serverFields.map((f) => (
                  <Text size="sm" key={`${f.field}-${f.message}`}>
                    {f.message}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Not now
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send the request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
