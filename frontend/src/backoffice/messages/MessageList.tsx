import { Anchor, Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Message } from '../../api/messages';
import { formatDateTime } from '../../format';
import { channelLabels } from './status';
import { StatusBadge } from './StatusBadge';
import classes from './MessagesPage.module.css';

interface MessageListProps {
  messages: Message[];
  /** The search part of the URL that opens a message in the drawer. */
  linkTo: (id: string) => string;
  /** Stacked cards instead of a table (phones). */
  compact: boolean;
}

function errorText(m: Message): string {
  return [m.error_code, m.last_error].filter(Boolean).join(' · ');
}

/** A click anywhere on a row or card opens the message; the time is the keyboard's way in. */
function useOpenOnClick(linkTo: (id: string) => string) {
  const navigate = useNavigate();
  return (id: string) => (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) {
      return;
    }
    void navigate({ search: linkTo(id) });
  };
}

function TimeLink({ message, linkTo }: { message: Message; linkTo: (id: string) => string }) {
  return (
    <Anchor component={Link} to={{ search: linkTo(message.id) }} fw={500} size="sm">
      <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
    </Anchor>
  );
}

export function MessageList({ messages, linkTo, compact }: MessageListProps) {
  const open = useOpenOnClick(linkTo);

  if (compact) {
    return (
      <Stack gap="sm" component="ul" className={classes.cards} aria-label="Messages">
        {messages.map((m) => {
          const error = errorText(m);
          return (
            <Card
              key={m.id}
              component="li"
              withBorder
              padding="sm"
              className={classes.clickable}
              onClick={open(m.id)}
              data-message-id={m.id}
            >
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <TimeLink message={m} linkTo={linkTo} />
                  <StatusBadge status={m.status} />
                </Group>
                <Text size="sm" className={classes.breakAnywhere}>
                  <Text span fw={600} size="sm">
                    {channelLabels[m.channel] ?? m.channel}
                  </Text>{' '}
                  to {m.to}
                </Text>
                <Text size="sm" c="dimmed">
                  {m.template} · {m.attempts} {m.attempts === 1 ? 'attempt' : 'attempts'}
                </Text>
                {error ? (
                  <Text size="sm" className={classes.breakAnywhere}>
                    Error: {error}
                  </Text>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Messages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Channel</Table.Th>
            <Table.Th scope="col">Recipient</Table.Th>
            <Table.Th scope="col">Template</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" ta="right">
              Attempts
            </Table.Th>
            <Table.Th scope="col">Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => {
            const error = errorText(m);
            return (
              <Table.Tr key={m.id} className={classes.clickable} onClick={open(m.id)} data-message-id={m.id}>
                <Table.Td className={classes.nowrap}>
                  <TimeLink message={m} linkTo={linkTo} />
                </Table.Td>
                <Table.Td>{channelLabels[m.channel] ?? m.channel}</Table.Td>
                <Table.Td className={classes.breakAnywhere}>{m.to}</Table.Td>
                <Table.Td>{m.template}</Table.Td>
                <Table.Td>
                  <StatusBadge status={m.status} />
                </Table.Td>
                <Table.Td ta="right">{m.attempts}</Table.Td>
                <Table.Td className={classes.errorCell} title={error || undefined}>
                  {error ? (
                    <Text size="sm" lineClamp={2}>
                      {error}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      <span aria-hidden>—</span>
                      <VisuallyHidden>none</VisuallyHidden>
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
