import { Alert, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../api/errors';
import {
  notificationPrefsQuery,
  orderKey,
  setOrderNotifications,
  type NotificationPrefs,
  type Order,
  type OrderNotifications,
} from '../../api/orders';

type Choice = 'default' | 'on' | 'off';
type Channel = keyof OrderNotifications & keyof NotificationPrefs;

function choiceOf(value: boolean | null | undefined): Choice {
  return value === true ? 'on' : value === false ? 'off' : 'default';
}

function valueOf(choice: Choice): boolean | null {
  return choice === 'on' ? true : choice === 'off' ? false : null;
}

const channels: { channel: Channel; label: string; description: string }[] = [
  { channel: 'email', label: 'Email', description: 'To the email address of your account' },
  { channel: 'sms', label: 'SMS', description: 'To your verified mobile phone' },
];

/**
 * "Updates for this order": per channel, follow the account's choice (My
 * account), or switch it on or off for this order only. Saved as soon as it
 * is chosen. The confirmation that the order was placed is always sent.
 */
export function OrderUpdates({ order, customerId }: { order: Order; customerId: string }) {
  const client = useQueryClient();
  const account = useQuery(notificationPrefsQuery(customerId));
  const current: OrderNotifications = { email: order.notifications.email ?? null, sms: order.notifications.sms ?? null };
  const save = useMutation({
    mutationFn: (next: OrderNotifications) => setOrderNotifications(order.reference, next),
    onSuccess: (saved) => {
      client.setQueryData<Order>(orderKey(customerId, order.reference), (old) => (old ? { ...old, notifications: saved } : old));
    },
  });
  const shown = save.isPending ? save.variables : current;

  const accountLabel = (channel: Channel) => {
    const on = account.data?.[channel];
    return on === undefined ? 'As in my account' : `As in my account (${on ? 'on' : 'off'})`;
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        How we tell you when this order is confirmed, shipped or delivered.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 1 }} spacing="sm">
        {channels.map(({ channel, label, description }) => (
          <NativeSelect
            key={channel}
            label={label}
            description={description}
            value={choiceOf(shown[channel])}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ ...current, [channel]: valueOf(event.currentTarget.value as Choice) })}
            data={[
              { value: 'default', label: accountLabel(channel) },
              { value: 'on', label: 'On for this order' },
              { value: 'off', label: 'Off for this order' },
            ]}
          />
        ))}
      </SimpleGrid>
      <div role="status" aria-live="polite">
        {save.isSuccess ? <Text size="sm">Saved.</Text> : null}
      </div>
      {save.isError ? (
        <Alert color="red" variant="light" role="alert" title="Not saved">
          {describeError(save.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
