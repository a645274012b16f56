import { Alert, Button, EmptyState, Group, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconMailOff, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { messageListQuery, messagesKey, messagesRefreshMs, type MessageFilters } from '../../api/messages';
import { hasRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { filterParams, hasFilters, readFilters, withFilters } from './filters';
import { formatTime } from '../../format';
import { MessageDrawer } from './MessageDrawer';
import { MessageFiltersBar } from './MessageFilters';
import { MessageList } from './MessageList';
import { TestMessageForm } from './TestMessageForm';

/** `/admin/messages`: every SMS and email, newest first, refreshed while the page is visible. */
export function MessagesPage() {
  useDocumentTitle('Messages · OMS Back office');
  const session = useSession();
  const canSendTest = hasRole(session?.me, 'admin');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const openId = params.get(filterParams.message);
  const logTitleId = useId();
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });

  const list = useInfiniteQuery(messageListQuery(filters));
  const messages = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  const updateFilters = (patch: Partial<MessageFilters>) => {
    // Filters replace the history entry: Back leaves the page rather than undoing each keystroke.
    setParams((prev) => withFilters(prev, { ...patch }), { replace: true });
  };
  const linkTo = (id: string) => {
    const next = new URLSearchParams(search);
    next.set(filterParams.message, id);
    return `?${next.toString()}`;
  };
  const closeDrawer = () => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete(filterParams.message);
        return next;
      },
      { replace: true },
    );
  };

  // A filter the API rejects (e.g. an incomplete phone number) is shown at the filter.
  const filterErrors =
    list.error instanceof ApiError && list.error.status === 422
      ? fieldErrors(list.error, { to: 'Recipient', status: 'Status', channel: 'Channel' })
      : {};
  const rejectedFilter = Object.keys(filterErrors).length > 0;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Messages</Title>
        <Text>
          Every SMS and email the system sends, newest first. With the console provider, this is where you read the
          verification codes sent to customers.
        </Text>
      </Stack>

      {canSendTest ? (
        <TestMessageForm onQueued={() => void queryClient.invalidateQueries({ queryKey: messagesKey })} />
      ) : null}

      <Stack gap="md" component="section" aria-labelledby={logTitleId}>
        <Title order={2} size="h4" id={logTitleId}>
          Message log
        </Title>
        <MessageFiltersBar filters={filters} onChange={updateFilters} errors={filterErrors} />

        <Stack gap="sm" aria-busy={list.isPending || list.isPlaceholderData}>
          {list.isError && !rejectedFilter ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the messages">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{describeError(list.error)}</Text>
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconRefresh size={16} aria-hidden />}
                  onClick={() => void list.refetch()}
                  loading={list.isFetching}
                >
                  Try again
                </Button>
              </Stack>
            </Alert>
          ) : null}

          {list.isPending ? <ListSkeleton /> : null}

          {rejectedFilter ? (
            <Text c="dimmed">No messages to show: correct the highlighted filter.</Text>
          ) : list.data && messages.length === 0 ? (
            <EmptyState
              icon={<IconMailOff aria-hidden />}
              title={hasFilters(filters) ? 'No messages match these filters' : 'No messages yet'}
              description={
                hasFilters(filters)
                  ? 'Try another channel or status, or check the recipient.'
                  : 'Messages appear here as soon as the system sends an SMS or email.'
              }
              withIndicatorBackground
            >
              {hasFilters(filters) ? (
                <EmptyState.Actions>
                  <Button variant="default" onClick={() => updateFilters({ channel: null, status: null, to: '' })}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              ) : null}
            </EmptyState>
          ) : null}

          {!rejectedFilter && messages.length > 0 ? (
            <>
              <MessageList messages={messages} linkTo={linkTo} compact={compact} />
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed">
                    {messages.length} {messages.length === 1 ? 'message' : 'messages'} · updated{' '}
                    {formatTime(list.dataUpdatedAt)} · refreshes every {messagesRefreshMs / 1000} s
                  </Text>
                  {list.isFetching && !list.isFetchingNextPage ? <Loader size={14} aria-hidden /> : null}
                </Group>
                {list.hasNextPage ? (
                  <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                    Load more
                  </Button>
                ) : null}
              </Group>
            </>
          ) : null}
        </Stack>
      </Stack>

      <MessageDrawer id={openId} fromList={messages.find((m) => m.id === openId)} onClose={closeDrawer} />
    </Stack>
  );
}

function ListSkeleton() {
  return (
    <Stack gap="xs" role="status" aria-label="Loading messages">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} height={36} />
      ))}
    </Stack>
  );
}
