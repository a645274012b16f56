import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { describeError } from '../../api/errors';
import type { Order } from '../../api/orders';
import { orderTrackingQuery } from '../../api/tracking';
import { ProgressTimeline } from '../tracking/ProgressTimeline';
import { formatPromiseDay, promiseOpen } from '../tracking/progress';

/**
 * Where the order is: what happens next, the promised dispatch and delivery
 * dates of its priority, and the way from placed to delivered with the steps
 * reached. Read from the tracking view; asked again whenever the order
 * changes (its version), so it never lags behind the rest of the page.
 */
export function OrderProgress({ order, customerId }: { order: Order; customerId: string }) {
  const base = orderTrackingQuery(customerId, order.reference);
  const tracking = useQuery({ ...base, queryKey: [...base.queryKey, `v${order.version}`], placeholderData: keepPreviousData });

  if (tracking.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading the progress">
        <Skeleton height={20} width="70%" />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (tracking.isError) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text size="sm">The progress could not be loaded: {describeError(tracking.error)}</Text>
        <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={tracking.isFetching} onClick={() => void tracking.refetch()}>
          Try again
        </Button>
      </Stack>
    );
  }
  const t = tracking.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Stack gap="sm">
        {t.next ? (
          <Text fw={600} data-testid="order-next">
            {t.next}
          </Text>
        ) : null}
        {promiseOpen(t.status) ? (
          <Group gap="sm" wrap="wrap" data-testid="order-promise">
            {t.status !== 'shipped' ? <PromiseDate label="Dispatch by" day={t.promise.dispatch_by} /> : null}
            <PromiseDate label="Delivery by" day={t.promise.deliver_by} />
          </Group>
        ) : null}
      </Stack>
      <ProgressTimeline tracking={t} />
    </SimpleGrid>
  );
}

function PromiseDate({ label, day }: { label: string; day: string }) {
  return (
    <Paper withBorder radius="md" px="sm" py={6}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        <time dateTime={day}>{formatPromiseDay(day)}</time>
      </Text>
    </Paper>
  );
}
