import { Alert, Card, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { describeError } from '../../api/errors';
import { notificationPrefsKey, notificationPrefsQuery, setNotificationPrefs, type NotificationPrefs } from '../../api/orders';

/**
 * "Order notifications": whether status updates of orders come by email and
 * by SMS. The message that an order was placed always goes.
 */
export function OrderNotifications({ customerId }: { customerId: string }) {
  const titleId = useId();
  const client = useQueryClient();
  const prefs = useQuery(notificationPrefsQuery(customerId));
  const save = useMutation({
    mutationFn: setNotificationPrefs,
    onMutate: async (next: NotificationPrefs) => {
      await client.cancelQueries({ queryKey: notificationPrefsKey(customerId) });
      const before = client.getQueryData<NotificationPrefs>(notificationPrefsKey(customerId));
      client.setQueryData(notificationPrefsKey(customerId), next);
      return { before };
    },
    onError: (_error, _next, context) => {
      if (context?.before) client.setQueryData(notificationPrefsKey(customerId), context.before);
    },
    onSuccess: (saved) => client.setQueryData(notificationPrefsKey(customerId), saved),
  });

  const toggle = (channel: keyof NotificationPrefs, on: boolean) => {
    if (!prefs.data) return;
    save.mutate({ ...prefs.data, [channel]: on });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          Order notifications
        </Title>
        <Text size="sm" c="dimmed">
          How we tell you when an order is confirmed, shipped or delivered. The confirmation that an order was placed is always sent.
        </Text>
        {prefs.isPending ? (
          <Stack gap="sm" role="status" aria-label="Loading your notification settings">
            <Skeleton height={24} width={220} />
            <Skeleton height={24} width={220} />
          </Stack>
        ) : prefs.isError ? (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {describeError(prefs.error)}
          </Text>
        ) : (
          <Stack gap="sm">
            <Switch
              label="Email"
              description="To the email address of your account"
              checked={prefs.data.email}
              onChange={(event) => toggle('email', event.currentTarget.checked)}
              disabled={save.isPending}
            />
            <Switch
              label="SMS"
              description="To the mobile phone of your account"
              checked={prefs.data.sms}
              onChange={(event) => toggle('sms', event.currentTarget.checked)}
              disabled={save.isPending}
            />
          </Stack>
        )}
        <div role="status" aria-live="polite">
          {save.isSuccess ? <Text size="sm">Saved.</Text> : null}
        </div>
        {save.isError ? (
          <Alert color="red" variant="light" role="alert" title="Not saved">
            {describeError(save.error)}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
