import { Anchor, Badge, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconExternalLink, IconTruckDelivery } from '@tabler/icons-react';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Shipment } from '../../api/orders';
import type { Tracking } from '../../api/tracking';
import { priorityInfo } from '../orders/labels';
import { formatDay, orderPath } from '../orders/OrdersPage';
import { safeUrl } from '../orders/Shipments';
import { orderStatusStyle } from '../orders/status';
import { StatusBadge } from '../orders/StatusBadge';
import { ProgressTimeline } from './ProgressTimeline';
import { formatPromiseDay, promiseOpen } from './progress';

interface Props {
  tracking: Tracking;
  /** Link the reference to the order page (logged-in customers; guests cannot open it). */
  linkToOrder: boolean;
}

/**
 * One order on the tracking board: reference, status, priority, the promised
 * dates, what happens next, a compact timeline and the parcels with their
 * carriers' tracking links.
 */
export function TrackingCard({ tracking: t, linkToOrder }: Props) {
  const titleId = useId();
  const priority = priorityInfo[t.priority]?.label ?? t.priority;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId} data-testid="tracking-card" data-reference={t.reference} h="100%">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Title order={3} size="h5" id={titleId} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {linkToOrder ? (
              <Anchor component={Link} to={orderPath(t.reference)} inherit>
                {t.reference}
              </Anchor>
            ) : (
              t.reference
            )}
          </Title>
          <StatusBadge style={orderStatusStyle(t.status)} size="md" />
        </Group>
        <Group gap="xs" wrap="wrap">
          <Badge variant="default" size="sm" radius="sm" data-testid="priority">
            {priority}
          </Badge>
          <Text size="xs" c="dimmed">
            Placed <time dateTime={t.placed_at}>{formatDay(t.placed_at)}</time>
          </Text>
        </Group>
        {t.next ? (
          <Text size="sm" fw={500} data-testid="next">
            {t.next}
          </Text>
        ) : null}
        {promiseOpen(t.status) ? (
          <Text size="xs" c="dimmed" data-testid="promise">
            {t.status !== 'shipped' ? (
              <>
                Dispatch by <time dateTime={t.promise.dispatch_by}>{formatPromiseDay(t.promise.dispatch_by)}</time> ·{' '}
              </>
            ) : null}
            Delivery by <time dateTime={t.promise.deliver_by}>{formatPromiseDay(t.promise.deliver_by)}</time>
          </Text>
        ) : null}
        <ProgressTimeline tracking={t} compact />
        {t.shipments.length ? <Parcels shipments={t.shipments} /> : null}
        {t.items.length ? (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {t.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function Parcels({ shipments }: { shipments: Shipment[] }) {
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Parcels">
      {shipments.map((s) => {
        const link = safeUrl(s.tracking_url);
        return (
          <Group key={s.number} component="li" gap={6} wrap="nowrap" align="flex-start">
            <IconTruckDelivery size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {s.carrier}{' '}
              {link ? (
                <Anchor href={link} target="_blank" rel="noopener noreferrer" size="sm" ff="monospace">
                  {s.tracking_number}
                  <IconExternalLink size={12} aria-hidden style={{ marginLeft: 2, verticalAlign: '-1px' }} />
                  <VisuallyHidden> (track the parcel with {s.carrier}; opens a new tab)</VisuallyHidden>
                </Anchor>
              ) : (
                <Text span size="sm" ff="monospace">
                  {s.tracking_number}
                </Text>
              )}
              {s.status === 'delivered' ? ' · delivered' : ''}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
