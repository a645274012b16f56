import { Alert, Button, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconHistory, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { auditQuery, type AuditFilters } from '../../api/audit';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditList } from './AuditList';
import { auditSearch, hasAuditFilters, readAuditFilters } from './filters';

const filterLabels = { action: 'Action', entity_type: 'Entity type', entity_id: 'Entity ID', actor_id: 'Actor ID' };

/** `/admin/audit` (admins): who did what, when and from where; newest first. */
export function AuditPage() {
  useDocumentTitle('Audit log · OMS Back office');
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readAuditFilters(new URLSearchParams(search)), [search]);
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });
  const list = useInfiniteQuery(auditQuery(filters));
  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const apply = (next: AuditFilters) => setParams(auditSearch(next));
  const errors = list.error instanceof ApiError && list.error.status === 422 ? fieldErrors(list.error, filterLabels) : {};
  const rejected = Object.keys(errors).length > 0;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Audit log</Title>
        <Text>
          Every login attempt, staff change, registration decision and test message, with who did it, from which IP and
          what changed. Newest first.
        </Text>
      </Stack>

      <AuditFiltersForm filters={filters} onApply={apply} errors={errors} />

      <Stack gap="sm" aria-busy={list.isPending || list.isPlaceholderData}>
        {list.isError && !rejected ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the audit log">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{describeError(list.error)}</Text>
              <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void list.refetch()}>
                Try again
              </Button>
            </Stack>
          </Alert>
        ) : null}
        {list.isPending ? (
          <Stack gap="xs" role="status" aria-label="Loading the audit log">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={44} />
            ))}
          </Stack>
        ) : null}
        {rejected ? <Text c="dimmed">No entries to show: correct the highlighted filter.</Text> : null}
        {!rejected && list.data && entries.length === 0 ? (
          <EmptyState
            icon={<IconHistory aria-hidden />}
            title={hasAuditFilters(filters) ? 'No entries match these filters' : 'Nothing recorded yet'}
            description={hasAuditFilters(filters) ? 'Check the spelling, or clear the filters.' : 'Entries appear as people log in and make changes.'}
            withIndicatorBackground
          />
        ) : null}
        {!rejected && entries.length > 0 ? (
          <>
            <AuditList entries={entries} compact={compact} />
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed">
                {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
                {list.hasNextPage ? ' so far' : ''}
              </Text>
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
  );
}
