import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { cancelOrder, orderKey, ordersKey, type Order } from '../../api/orders';

interface Props {
  order: Order;
  customerId: string;
  opened: boolean;
  onClose: () => void;
}

/** "Cancel this order?" with an optional note; the server releases the stock. */
export function CancelDialog({ order, customerId, opened, onClose }: Props) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const cancel = useMutation({
    mutationFn: () => cancelOrder(order.reference, note),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: orderKey(customerId, order.reference) });
      void client.invalidateQueries({ queryKey: ordersKey(customerId) });
      close();
    },
  });

  const close = () => {
    cancel.reset();
    setNote('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Cancel order ${order.reference}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">Nothing will be sent or charged, and the products go back in stock. This cannot be undone.</Text>
        <Textarea
          label="Why are you cancelling? (optional)"
          description="Helps us improve; our team sees it."
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
          data-autofocus
        />
        {cancel.isError ? (
          <Alert color="red" variant="light" role="alert" title="The order was not cancelled">
            {describeError(cancel.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Keep the order
          </Button>
          <Button color="red.9" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Cancel the order
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
