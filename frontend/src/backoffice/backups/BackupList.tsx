import { Card, Group, Stack, Table, Text } from '@mantine/core';
import type { Backup } from '../../api/backups';
import { formatDateTime } from '../../format';
import { BackupActions } from './BackupActions';
import { formatBytes, formatDuration } from './format';
import { triggerLabel } from './labels';
import { StateBadge } from './StateBadge';
import { Verification } from './Verification';
import classes from './backups.module.css';

interface BackupListProps {
  backups: Backup[];
  /** Stacked cards instead of a table (phones). */
  compact: boolean;
}

function Created({ backup }: { backup: Backup }) {
  return <time dateTime={backup.created_at}>{formatDateTime(backup.created_at)}</time>;
}

/** "backup of 12 Mar 2027, 03:00:00", for button names that say which row they act on. */
function actionLabel(backup: Backup): string {
  return `backup of ${formatDateTime(backup.created_at)}`;
}

function size(backup: Backup): string {
  return backup.status === 'succeeded' ? formatBytes(backup.size_bytes) : '—';
}

function Storage({ backup }: { backup: Backup }) {
  if (backup.status !== 'succeeded') {
    return <Text size="sm" c="dimmed">—</Text>;
  }
  return (
    <Stack gap={2}>
      <Text size="sm">{backup.encrypted ? 'Encrypted' : 'Not encrypted'}</Text>
      <Text size="sm">{backup.offsite ? 'Off-site copy' : 'Local only'}</Text>
      {backup.offsite_error ? (
        <Text size="sm" c="red.8" className={classes.breakAnywhere}>
          Off-site copy failed: {backup.offsite_error}
        </Text>
      ) : null}
    </Stack>
  );
}

function ErrorText({ backup }: { backup: Backup }) {
  return backup.error ? (
    <Text size="sm" c="red.8" className={classes.breakAnywhere}>
      Error: {backup.error}
    </Text>
  ) : null;
}

export function BackupList({ backups, compact }: BackupListProps) {
  if (compact) {
    return (
      <Stack gap="sm" component="ul" className={classes.cards} aria-label="Backups">
        {backups.map((b) => (
          <Card key={b.id} component="li" withBorder padding="sm" data-backup-id={b.id}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600} size="sm">
                  <Created backup={b} />
                </Text>
                <StateBadge state={b.status} />
              </Group>
              <dl className={classes.details}>
                <dt>Trigger</dt>
                <dd>{triggerLabel(b.trigger)}</dd>
                <dt>Size</dt>
                <dd>{size(b)}</dd>
                <dt>Duration</dt>
                <dd>{formatDuration(b.duration_seconds)}</dd>
                <dt>Storage</dt>
                <dd>
                  <Storage backup={b} />
                </dd>
                <dt>Verified</dt>
                <dd>
                  <Verification check={b.verification} />
                </dd>
              </dl>
              <ErrorText backup={b} />
              <BackupActions backup={b} label={actionLabel(b)} />
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" aria-label="Backups">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Trigger</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" ta="right">
              Size
            </Table.Th>
            <Table.Th scope="col">Storage</Table.Th>
            <Table.Th scope="col">Verification</Table.Th>
            <Table.Th scope="col" ta="right">
              Duration
            </Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((b) => (
            <Table.Tr key={b.id} data-backup-id={b.id}>
              <Table.Td className={classes.nowrap}>
                <Created backup={b} />
              </Table.Td>
              <Table.Td>{triggerLabel(b.trigger)}</Table.Td>
              <Table.Td miw={120}>
                <Stack gap={4} align="flex-start">
                  <StateBadge state={b.status} />
                  <ErrorText backup={b} />
                </Stack>
              </Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                {size(b)}
              </Table.Td>
              <Table.Td>
                <Storage backup={b} />
              </Table.Td>
              <Table.Td maw={240}>
                <Verification check={b.verification} />
              </Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                {formatDuration(b.duration_seconds)}
              </Table.Td>
              <Table.Td maw={260}>
                <BackupActions backup={b} label={actionLabel(b)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
