import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconMail, IconMessage } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../api/errors';
import { orderMessagesQuery, type Message } from '../../api/messages';
import { formatDateTime } from '../../format';
import { channelLabels } from '../messages/status';
import { StatusBadge } from '../messages/StatusBadge';
import classes from '../lists.module.css';
import { Section } from './Section';

/**
 * "Messages": every SMS and email sent about this order — its status
 * notices, and status texts the customer asked for that list it — newest
 * first, with what they said and whether they arrived. The message log is
 * open to every staff role (`GET /admin/messages?order=`); each message opens
 * in the log for its full details.
 */
export function OrderMessages({ reference }: { reference: string }) {
  const list = useInfiniteQuery(orderMessagesQuery(reference));
  const messages = list.data?.pages.flatMap((p) => p.items) ?? [];

  if (list.isError && list.error instanceof ApiError && list.error.status === 403) {
    return null; // not for this role
  }
  return (
    <Section title="Messages">
      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading the messages">
          <Skeleton height={48} />
          <Skeleton height={48} />
        </Stack>
      ) : list.isError && messages.length === 0 ? (
        <Text size="sm" c="var(--mantine-color-error)">
          The messages could not be loaded: {describeError(list.error)}
        </Text>
      ) : messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          No SMS or email about this order yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Messages about ${reference}`}>
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </Stack>
      )}
      {list.hasNextPage ? (
        <Group>
          <Button variant="default" size="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}

function MessageItem({ message: m }: { message: Message }) {
  const Icon = m.channel === 'sms' ? IconMessage : IconMail;
  return (
    <Stack component="li" gap={4} data-testid="order-message" data-message-id={m.id} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" fw={600} className={classes.breakAnywhere}>
            {channelLabels[m.channel] ?? m.channel} to {m.to}
          </Text>
        </Group>
        <StatusBadge status={m.status} />
      </Group>
      <Text size="xs" c="dimmed">
        <Anchor component={Link} to={`/admin/messages?message=${encodeURIComponent(m.id)}`} size="xs">
          <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
        </Anchor>{' '}
        · {m.template}
      </Text>
      {m.subject ? (
        <Text size="sm" fw={500} className={classes.breakAnywhere}>
          {m.subject}
        </Text>
      ) : null}
      <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }} className={classes.breakAnywhere} data-testid="order-message-body">
        {m.body}
      </Text>
    </Stack>
  );
}
