import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { changeOrderStatus, type Order, type OrderStatus } from '../../api/adminOrders';
import { ChangeError } from './ChangeError';
import { labelOf, orderStatusStyles, styleOf, transitionLabels } from './labels';
import { Section } from './Section';
import { useOrderChange } from './useOrderChange';

const noteLimit = 1000;

/** Moves to avoid by accident: asked once more before they are sent. */
const destructive: ReadonlySet<OrderStatus> = new Set(['cancelled']);
/** Shortcuts past the usual path (shipping without a shipment entry): shown, but not as the main button. */
const secondary: ReadonlySet<OrderStatus> = new Set(['shipped']);

interface Vars {
  status: OrderStatus;
  note: string;
  restock: boolean;
}

/**
 * The status changes this staff member may make now (the order's
 * `allowed_transitions`, nothing else), with an optional note for the
 * timeline; a return can put the units back on hand.
 */
export function StatusActions({ order }: { order: Order }) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [note, setNote] = useState('');
  const [restock, setRestock] = useState(true);
  const [asking, setAsking] = useState<OrderStatus | null>(null);
  const [done, setDone] = useState<OrderStatus | null>(null);
  const change = useOrderChange(
    order.reference,
    (v: Vars) =>
      changeOrderStatus(order.reference, {
        status: v.status as Exclude<OrderStatus, 'placed'>,
        note: v.note.trim(),
        version: order.version,
        ...(v.status === 'returned' ? { restock: v.restock } : {}),
      }),
    (answer) => {
      setDone(answer.status);
      setNote('');
    },
  );

  const allowed = order.allowed_transitions;
  const tooLong = note.trim().length > noteLimit;

  const run = (status: OrderStatus) => {
    if (tooLong) return;
    setAsking(null);
    setDone(null);
    change.mutate({ status, note, restock });
  };

  return (
    <Section title="Status">
      <Stack gap="sm">
        {done && done === order.status ? (
          <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />}>
            The order is now {styleOf(orderStatusStyles, done).label.toLowerCase()}.
          </Alert>
        ) : null}
        <ChangeError error={change.error} reference={order.reference} onReloaded={() => change.reset()} />
        {allowed.length === 0 ? (
          <Text size="sm" c="dimmed">
            {order.status === 'processing'
              ? 'Nothing to change here: enter the shipments below.'
              : 'There is no status change you can make now.'}
          </Text>
        ) : (
          <>
            <Textarea
              label="Note (optional)"
              description="Shown on the timeline and sent to the customer with the update."
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={6}
              error={tooLong ? `At most ${noteLimit} characters` : undefined}
            />
            {allowed.includes('returned') ? (
              <Checkbox
                label="Put the returned units back on hand (restock)"
                checked={restock}
                onChange={(event) => setRestock(event.currentTarget.checked)}
              />
            ) : null}
            <Group gap="xs" wrap="wrap">
              {allowed.map((status) => (
                <Button
                  key={status}
                  color={destructive.has(status) ? 'red.9' : undefined}
                  variant={destructive.has(status) ? 'outline' : secondary.has(status) ? 'default' : 'filled'}
                  loading={change.isPending && change.variables?.status === status}
                  disabled={change.isPending && change.variables?.status !== status}
                  onClick={() => (destructive.has(status) ? setAsking(status) : run(status))}
                  data-status={status}
                >
                  {labelOf(transitionLabels, status)}
                </Button>
              ))}
            </Group>
          </>
        )}
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={`Cancel ${order.reference}?`}
        fullScreen={isPhone}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          <Text size="sm">
            The customer is told, and the reserved stock goes back on sale. A cancelled order cannot be reopened.
          </Text>
          {note.trim() ? <Text size="sm">Note: {note.trim()}</Text> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setAsking(null)}>
              Keep the order
            </Button>
            <Button color="red.9" onClick={() => asking && run(asking)}>
              Cancel the order
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
