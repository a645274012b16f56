import { Text, Timeline, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconCircleDot } from '@tabler/icons-react';
import type { Tracking } from '../../api/tracking';
import { formatDateTime } from '../../format';
import { orderStatusStyle } from '../orders/status';
import { formatPromiseDay, progressSteps, type ProgressStep } from './progress';

const stateWords: Record<ProgressStep['state'], string> = { done: 'done', current: 'now', upcoming: 'to come' };

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function shortDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

interface Props {
  tracking: Pick<Tracking, 'reference' | 'status' | 'events' | 'promise'>;
  /** Smaller, dates only: for the cards of the tracking board. */
  compact?: boolean;
}

/**
 * Where the order is on its way: the steps it reached (when), the one it is
 * at, and those to come with the promised dates. The state is said in words
 * too, not only by colour and line style.
 */
export function ProgressTimeline({ tracking, compact = false }: Props) {
  const steps = progressSteps(tracking);
  const active = steps.findIndex((s) => s.state === 'current');
  const size = compact ? 18 : 24;
  const icon = compact ? 11 : 14;
  return (
    <Timeline
      active={active}
      bulletSize={size}
      lineWidth={2}
      color={tracking.status === 'cancelled' ? 'gray.7' : 'teal.9'}
      role="list"
      aria-label={`Progress of ${tracking.reference}`}
      data-testid="progress"
    >
      {steps.map((step, i) => {
        const style = orderStatusStyle(step.status);
        const when = step.at ? (compact ? shortDay(step.at) : formatDateTime(step.at)) : null;
        return (
          <Timeline.Item
            key={step.status}
            role="listitem"
            data-state={step.state}
            lineVariant={i >= active ? 'dashed' : 'solid'}
            bullet={
              step.state === 'done' ? (
                <IconCheck size={icon} aria-hidden />
              ) : step.state === 'current' ? (
                <IconCircleDot size={icon} aria-hidden />
              ) : (
                <IconCircleDashed size={icon} aria-hidden />
              )
            }
            title={
              <Text size={compact ? 'xs' : 'sm'} fw={step.state === 'current' ? 700 : 600} c={step.state === 'upcoming' ? 'dimmed' : undefined} lh={1.3}>
                {style.label}
                <VisuallyHidden> ({stateWords[step.state]})</VisuallyHidden>
              </Text>
            }
          >
            {when ? (
              <Text size="xs" c="dimmed">
                <time dateTime={step.at}>{when}</time>
              </Text>
            ) : null}
            {step.promise ? (
              <Text size="xs" c="dimmed">
                {step.promise.what} <time dateTime={step.promise.day}>{formatPromiseDay(step.promise.day)}</time>
              </Text>
            ) : null}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
