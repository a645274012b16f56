import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId } from 'react';
import type { BackupStatus } from '../../api/backups';
import { formatDateTime } from '../../format';
import { formatAgeSeconds } from './format';
import classes from './backups.module.css';

export function retentionText(r: BackupStatus['retention']): string {
  if (r.daily === 0 && r.weekly === 0 && r.monthly === 0) {
    return 'Never pruned: every backup is kept.';
  }
  return `Keeps the newest backup of each of the last ${r.daily} days, ${r.weekly} weeks and ${r.monthly} months.`;
}

export function lastSuccessText(status: BackupStatus): string {
  if (status.last_success_age_seconds == null) {
    return 'None yet';
  }
  const at = status.last_success?.finished_at ?? status.last_success?.created_at;
  return `${formatAgeSeconds(status.last_success_age_seconds)}${at ? ` (${formatDateTime(at)})` : ''}`;
}

/** The warning when no backup succeeded for too long (two schedule intervals, a day without a schedule). */
export function StaleWarning({ status }: { status: BackupStatus }) {
  if (!status.stale) {
    return null;
  }
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Backups are overdue">
      <Text size="sm">
        {status.last_success_age_seconds == null
          ? 'No backup has succeeded yet.'
          : `The last successful backup was ${formatAgeSeconds(status.last_success_age_seconds)}.`}{' '}
        {status.last_failure?.error ? `The last attempt failed: ${status.last_failure.error}. ` : ''}
        Back up now, and check the server’s log if it fails again.
      </Text>
    </Alert>
  );
}

/** Schedule, next run, retention, off-site copy and encryption, as the server is configured. */
export function StatusSummary({ status }: { status: BackupStatus }) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          Backup status
        </Title>
        <StaleWarning status={status} />
        <dl className={classes.details}>
          <dt>Last successful backup</dt>
          <dd>{lastSuccessText(status)}</dd>
          {status.last_failure ? (
            <>
              <dt>Last failure</dt>
              <dd>
                {formatDateTime(status.last_failure.finished_at ?? status.last_failure.created_at)}
                {status.last_failure.error ? (
                  <Text span size="sm" c="red.8" display="block">
                    {status.last_failure.error}
                  </Text>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>Schedule</dt>
          <dd>{status.schedule ? <code>{status.schedule}</code> : 'Off: no automatic backups'}</dd>
          <dt>Next run</dt>
          <dd>{status.next_run_at ? formatDateTime(status.next_run_at) : '—'}</dd>
          <dt>Retention</dt>
          <dd>{retentionText(status.retention)}</dd>
          <dt>Off-site copy</dt>
          <dd>{status.offsite ? 'On: every backup is also copied to the off-site bucket' : 'Off: backups stay on this server'}</dd>
          <dt>Encryption</dt>
          <dd>{status.encrypted ? 'On: archives are encrypted with age' : 'Off: archives are not encrypted'}</dd>
          <dt>Directory</dt>
          <dd>
            <code>{status.directory}</code>
          </dd>
        </dl>
      </Stack>
    </Card>
  );
}
