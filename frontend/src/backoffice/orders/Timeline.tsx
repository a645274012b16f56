import { Text, Timeline as MantineTimeline } from '@mantine/core';
import type { Order } from '../../api/adminOrders';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { labelOf, orderStatusStyles, styleOf } from './labels';
import { Section } from './Section';

const actorLabels = { customer: 'the customer', staff: 'staff', system: 'the system' } as const;

/** Every status change with who made it, when, and the note: newest last, as it happened. */
export function OrderTimeline({ order }: { order: Order }) {
  const events = order.events ?? [];
  return (
    <Section title="Timeline">
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No events yet.
        </Text>
      ) : (
        <MantineTimeline active={events.length - 1} bulletSize={14} lineWidth={2} aria-label="Timeline">
          {events.map((event, i) => (
            <MantineTimeline.Item key={`${event.at}-${i}`} title={styleOf(orderStatusStyles, event.status).label}>
              <Text size="xs" c="dimmed">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · by {labelOf(actorLabels, event.actor)}
              </Text>
              {event.note ? (
                <Text size="sm" className={classes.breakWord}>
                  {event.note}
                </Text>
              ) : null}
            </MantineTimeline.Item>
          ))}
        </MantineTimeline>
      )}
    </Section>
  );
}
