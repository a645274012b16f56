import { Alert, Button, EmptyState, Group, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArchive, IconDatabaseExport, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { backupListQuery, backupStatusQuery, backupsKey, backupsRefreshMs, isActive, startBackup } from '../../api/backups';
import { describeError, sentence } from '../../api/errors';
import { formatTime } from '../../format';
import { BackupList } from './BackupList';
import { StatusSummary } from './StatusSummary';

function LoadError({ title, error, onRetry, retrying }: { title: string; error: unknown; onRetry: () => void; retrying: boolean }) {
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={title}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{sentence(describeError(error))}</Text>
        <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry} loading={retrying}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/** `/admin/backups` (admins): the backup state, "Back up now", and every backup with Download and Verify. */
export function BackupsPage() {
  useDocumentTitle('Backups · OMS Back office');
  const queryClient = useQueryClient();
  const listTitleId = useId();
  const compact = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false });

  const status = useQuery(backupStatusQuery);
  const list = useInfiniteQuery(backupListQuery);
  const backups = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  const start = useMutation({
    mutationFn: startBackup,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const running = (status.data?.active.length ?? 0) > 0 || backups.some(isActive);
  const polling = running && !start.isPending;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Backups</Title>
          <Text>Archives of the database, media and uploads. Download one to keep it elsewhere; verify one to check it can be restored.</Text>
        </Stack>
        <Button
          leftSection={<IconDatabaseExport size={18} aria-hidden />}
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={running}
        >
          Back up now
        </Button>
      </Group>

      <div role="status" aria-live="polite">
        {running ? (
          <Group gap="xs" wrap="nowrap">
            <Loader size={14} aria-hidden />
            <Text size="sm">A backup is being made; this page checks every {backupsRefreshMs / 1000} s.</Text>
          </Group>
        ) : null}
      </div>
      {start.isError ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not start a backup">
          <Text size="sm">{sentence(describeError(start.error))}</Text>
        </Alert>
      ) : null}

      {status.isError ? (
        <LoadError title="Could not load the backup status" error={status.error} onRetry={() => void status.refetch()} retrying={status.isFetching} />
      ) : null}
      {status.isPending ? <Skeleton height={220} radius="md" aria-label="Loading the backup status" /> : null}
      {status.data ? <StatusSummary status={status.data} /> : null}

      <Stack gap="md" component="section" aria-labelledby={listTitleId} aria-busy={list.isPending}>
        <Title order={2} size="h4" id={listTitleId}>
          All backups
        </Title>
        {list.isError ? (
          <LoadError title="Could not load the backups" error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : null}
        {list.isPending ? <Skeleton height={160} radius="md" aria-label="Loading the backups" /> : null}
        {list.data && backups.length === 0 ? (
          <EmptyState
            icon={<IconArchive aria-hidden />}
            title="No backups yet"
            description="Scheduled backups, ones made here and ones made with `omsd backup` all appear in this list."
            withIndicatorBackground
          />
        ) : null}
        {backups.length > 0 ? (
          <>
            <BackupList backups={backups} compact={compact} />
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm" c="dimmed">
                {backups.length} {backups.length === 1 ? 'backup' : 'backups'} · updated {formatTime(list.dataUpdatedAt)}
                {polling ? ` · refreshes every ${backupsRefreshMs / 1000} s` : ''}
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
