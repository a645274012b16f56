import { Alert, Button, Card, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { backupStatusQuery } from '../../api/backups';
import { describeError } from '../../api/errors';
import { formatDateTime } from '../../format';
import { lastSuccessText, StaleWarning } from './StatusSummary';

/** The dashboard's backup card (admins): how old the last good backup is, overdue in red, the last failure. */
export function BackupCard() {
  const titleId = useId();
  const status = useQuery(backupStatusQuery);
  const data = status.data;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} aria-busy={status.isPending}>
      <Stack gap="md">
        <Title order={2} size="h3" id={titleId}>
          Backups
        </Title>
        {status.isError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the backup status">
            <Text size="sm">{describeError(status.error)}</Text>
          </Alert>
        ) : null}
        {status.isPending ? <Skeleton height={60} aria-label="Loading the backup status" /> : null}
        {data ? (
          <>
            <StaleWarning status={data} />
            <Text size="sm">
              <Text span fw={600} size="sm">
                Last successful backup:
              </Text>{' '}
              {lastSuccessText(data)}
            </Text>
            {data.last_failure ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span fw={600} size="sm">
                  Last failure:
                </Text>{' '}
                {formatDateTime(data.last_failure.finished_at ?? data.last_failure.created_at)}
                {data.last_failure.error ? ` — ${data.last_failure.error}` : ''}
              </Text>
            ) : null}
            {data.active.length > 0 ? <Text size="sm">A backup is being made now.</Text> : null}
            <Text size="sm" c="dimmed">
              {data.next_run_at ? `Next scheduled backup: ${formatDateTime(data.next_run_at)}.` : 'No automatic backups are scheduled.'}
            </Text>
          </>
        ) : null}
        <Button
          component={Link}
          to="/admin/backups"
          size="sm"
          variant="light"
          leftSection={<IconDatabaseExport size={16} aria-hidden />}
          style={{ alignSelf: 'flex-start' }}
        >
          Back up now
        </Button>
      </Stack>
    </Card>
  );
}
