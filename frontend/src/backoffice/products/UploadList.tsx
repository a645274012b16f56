import { ActionIcon, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconX } from '@tabler/icons-react';
import { formatBytes } from './media';
import classes from './products.module.css';
import type { Upload } from './useUploads';

interface UploadListProps {
  uploads: Upload[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}

/** Files on their way up (a progress bar each) and files that were refused (with why). */
export function UploadList({ uploads, onCancel, onDismiss }: UploadListProps) {
  if (uploads.length === 0) return null;
  return (
    <Stack gap="xs" component="ul" className={classes.plainList} aria-label="Uploads">
      {uploads.map((u) => (
        <li key={u.id} data-upload={u.name}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              <Group gap={6} justify="space-between" wrap="nowrap">
                <Text size="sm" fw={500} truncate="end">
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed" className={classes.nowrap}>
                  {u.status === 'failed'
                    ? 'Not uploaded'
                    : u.status === 'queued'
                      ? 'Waiting'
                      : u.progress >= 1
                        ? 'Processing…'
                        : `${Math.round(u.progress * 100)}% of ${formatBytes(u.size)}`}
                </Text>
              </Group>
              {u.status === 'failed' ? (
                <Group gap={6} wrap="nowrap" align="flex-start" role="alert">
                  <IconAlertTriangle size={16} aria-hidden color="var(--mantine-color-error)" style={{ flexShrink: 0, marginTop: 2 }} />
                  <Text size="sm" c="var(--mantine-color-error)">
                    {u.error}
                  </Text>
                </Group>
              ) : (
                <Progress
                  value={u.progress * 100}
                  size="md"
                  animated={u.progress >= 1}
                  aria-label={`Uploading ${u.name}`}
                  transitionDuration={150}
                />
              )}
            </Stack>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => (u.status === 'failed' ? onDismiss(u.id) : onCancel(u.id))}
              aria-label={u.status === 'failed' ? `Dismiss ${u.name}` : `Cancel uploading ${u.name}`}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </li>
      ))}
    </Stack>
  );
}
