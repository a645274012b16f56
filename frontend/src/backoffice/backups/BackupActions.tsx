import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { backupsKey, fetchBackupArchive, verifyBackup, type Backup } from '../../api/backups';
import { describeError } from '../../api/errors';
import { saveBlob } from '../../saveBlob';
import { formatBytes } from './format';
import { levelLabel } from './Verification';

/** Download and Verify for one backup, with the outcome of the last click shown right below. */
export function BackupActions({ backup, label }: { backup: Backup; label: string }) {
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: async () => saveBlob(await fetchBackupArchive(backup.id), backup.file_name),
  });
  const verify = useMutation({
    mutationFn: () => verifyBackup(backup.id),
    // The result is kept on the backup: the list shows it from now on.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const available = Boolean(backup.download_url);
  if (!available) {
    return null;
  }

  const result = verify.data;
  return (
    <Stack gap={6} align="flex-start">
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={download.isPending}
          onClick={() => download.mutate()}
          aria-label={`Download ${label}`}
        >
          Download
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconShieldCheck size={16} aria-hidden />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          aria-label={`Verify ${label}`}
        >
          Verify
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {result ? (
          result.ok ? (
            <Text size="sm" c="teal.9" fw={600}>
              Verified OK: {levelLabel(result.level)}, {result.parts} {result.parts === 1 ? 'part' : 'parts'},{' '}
              {formatBytes(result.bytes)} read.
            </Text>
          ) : (
            <Text size="sm" c="red.8" fw={600} style={{ overflowWrap: 'anywhere' }}>
              The archive is damaged: {result.error || 'verification failed'}.
            </Text>
          )
        ) : null}
        {verify.isPending ? (
          <Text size="sm" c="dimmed">
            Reading the whole archive…
          </Text>
        ) : null}
      </div>
      {verify.error || download.error ? (
        <Text size="sm" c="red.8" role="alert" style={{ overflowWrap: 'anywhere' }}>
          {verify.error ? `Could not verify: ${describeError(verify.error)}` : `Could not download: ${describeError(download.error)}`}
        </Text>
      ) : null}
    </Stack>
  );
}
