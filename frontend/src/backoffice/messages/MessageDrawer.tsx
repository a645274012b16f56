import { Alert, Button, CopyButton, DataList, Drawer, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../api/errors';
import { messageQuery, type Message } from '../../api/messages';
import { formatDateTime } from '../../format';
import { channelLabels, statusStyle } from './status';
import { StatusBadge } from './StatusBadge';
import classes from './MessagesPage.module.css';

interface MessageDrawerProps {
  /** The message to show; the drawer is closed when null. */
  id: string | null;
  /** The row from the list, shown at once while the full record loads. */
  fromList: Message | undefined;
  onClose: () => void;
}

/** One message in full: the body (how staff read verification codes in console mode), subject, delivery. */
export function MessageDrawer({ id, fromList, onClose }: MessageDrawerProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const query = useQuery({ ...messageQuery(id ?? ''), enabled: id !== null, placeholderData: fromList });
  const message = query.data;
  const title = message ? `${channelLabels[message.channel] ?? message.channel} to ${message.to}` : 'Message';

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={isPhone ? '100%' : 'lg'}
      title={title}
      closeButtonProps={{ 'aria-label': 'Close message' }}
    >
      {query.isError && !message ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the message">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(query.error)}</Text>
            <Button
              size="xs"
              color="red"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => void query.refetch()}
              loading={query.isFetching}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {!message && query.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the message">
          <Skeleton height={22} width="40%" />
          <Skeleton height={80} />
          <Skeleton height={14} width="70%" />
          <Skeleton height={14} width="60%" />
        </Stack>
      ) : null}
      {message ? <MessageDetail message={message} /> : null}
    </Drawer>
  );
}

function MessageDetail({ message: m }: { message: Message }) {
  const style = statusStyle(m.status);
  const related = m.related_type ? `${m.related_type}${m.related_id ? ` ${m.related_id}` : ''}` : null;

  return (
    <Stack gap="lg">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <StatusBadge status={m.status} />
        {style ? (
          <Text size="sm" c="dimmed">
            {style.description}
          </Text>
        ) : null}
      </Group>

      {m.channel === 'email' ? (
        <Stack gap={4}>
          <Title order={3} size="h5">
            Subject
          </Title>
          <Text className={classes.breakAnywhere}>{m.subject || '(no subject)'}</Text>
        </Stack>
      ) : null}

      <Stack gap={6}>
        <Group justify="space-between" align="center">
          <Title order={3} size="h5">
            Body
          </Title>
          <CopyButton value={m.body}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? 'Copied' : 'Copy text'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
          <Text component="pre" ff="monospace" m={0} className={classes.body} data-testid="message-body">
            {m.body}
          </Text>
        </Paper>
      </Stack>

      <Stack gap={6}>
        <Title order={3} size="h5">
          Delivery
        </Title>
        <DataList labelWidth="9rem" withDivider>
          <Item label="Channel">{channelLabels[m.channel] ?? m.channel}</Item>
          <Item label="Recipient">{m.to}</Item>
          <Item label="Template">{m.template}</Item>
          <Item label="Provider">{m.provider}</Item>
          {m.provider_message_id ? <Item label="Provider’s ID">{m.provider_message_id}</Item> : null}
          <Item label="Attempts">{m.attempts}</Item>
          {m.error_code ? <Item label="Error code">{m.error_code}</Item> : null}
          {m.last_error ? <Item label="Last error">{m.last_error}</Item> : null}
          {related ? <Item label="Related to">{related}</Item> : null}
          <Item label="Created">{formatDateTime(m.created_at)}</Item>
          <Item label="Sent">{formatDateTime(m.sent_at)}</Item>
          <Item label="Delivered">{formatDateTime(m.delivered_at)}</Item>
          <Item label="Last change">{formatDateTime(m.updated_at)}</Item>
          <Item label="Message ID">{m.id}</Item>
        </DataList>
      </Stack>
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue className={classes.breakAnywhere}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
