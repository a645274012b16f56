import { Alert, Button, EmptyState, Group, Loader, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconInbox, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { applicationListQuery, registrationStatuses, type RegistrationStatus } from '../../api/registrations';
import { formatTime } from '../../format';
import { registrationStatusStyles } from './labels';
import { RegistrationList } from './RegistrationList';

type View = RegistrationStatus | 'all';
const views: readonly View[] = [...registrationStatuses, 'all'];

/** `?status=` → the view; none (or an unknown one) means the review queue. */
export function readView(params: URLSearchParams): View {
  const value = params.get('status');
  return (views as readonly string[]).includes(value ?? '') ? (value as View) : 'pending_review';
}

function viewLabel(view: View): string {
  return view === 'all' ? 'All' : registrationStatusStyles[view].label;
}

const emptyText: Record<View, string> = {
  pending_review: 'Nothing to review. New applications appear here once both codes are verified.',
  pending_verification: 'No application is waiting for its codes.',
  approved: 'No approved applications yet.',
  rejected: 'No rejected applications.',
  all: 'No applications yet.',
};

/** `/admin/registrations`: applications by status, the review queue first. */
export function RegistrationsPage() {
  useDocumentTitle('Registrations · OMS Back office');
  const [params, setParams] = useSearchParams();
  const view = readView(params);

  const select = (next: string | null) => {
    const value = (views as readonly string[]).includes(next ?? '') ? (next as View) : 'pending_review';
    setParams(value === 'pending_review' ? {} : { status: value }, { replace: true });
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Registrations</Title>
        <Text>
          People and companies applying to become customers. Verified consumers without risk flags are approved
          automatically; businesses and flagged applications wait here for a decision.
        </Text>
      </Stack>

      <Tabs value={view} onChange={select} keepMounted={false}>
        <Tabs.List aria-label="Applications by status">
          {views.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {viewLabel(v)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {views.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            {v === view ? <ApplicationsView view={v} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ApplicationsView({ view }: { view: View }) {
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const list = useInfiniteQuery(applicationListQuery(view === 'all' ? null : view));
  const applications = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  return (
    <Stack gap="sm" aria-busy={list.isPending || list.isPlaceholderData}>
      {list.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the applications">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(list.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()} loading={list.isFetching}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading applications">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : null}

      {list.data && applications.length === 0 ? (
        <EmptyState icon={<IconInbox aria-hidden />} title="No applications" description={emptyText[view]} withIndicatorBackground />
      ) : null}

      {applications.length > 0 ? (
        <>
          <RegistrationList applications={applications} compact={compact} withStatus={view === 'all'} />
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {applications.length} {applications.length === 1 ? 'application' : 'applications'} · updated{' '}
                {formatTime(list.dataUpdatedAt)}
              </Text>
              {list.isFetching && !list.isFetchingNextPage ? <Loader size={14} aria-hidden /> : null}
            </Group>
            <Group gap="xs">
              <Button variant="subtle" size="compact-sm" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
                Refresh
              </Button>
              {list.hasNextPage ? (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : null}
            </Group>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
