import { Text, Timeline } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { OrderEvent } from '../../api/orders';
import { formatDateTime } from '../../format';
import { orderStatusStyle } from './status';

const actorLabels: Record<OrderEvent['actor'], string> = { customer: 'by you', staff: 'by our team', system: 'automatically' };

/** The order's history, oldest first: each status it reached, when, by whom, and the note. */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  if (events.length === 0) {
    return <Text size="sm">No history yet.</Text>;
  }
  return (
    <Timeline active={events.length - 1} bulletSize={22} lineWidth={2} aria-label="Order history">
      {events.map((e, i) => (
        <Timeline.Item
          key={`${e.at}-${i}`}
          bullet={<IconCircleCheck size={14} aria-hidden />}
          title={
            <Text fw={600} size="sm">
              {orderStatusStyle(e.status).label}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {actorLabels[e.actor] ?? e.actor}
          </Text>
          {e.note ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {e.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
