import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import type { Backup } from '../../api/backups';
import { formatDateTime } from '../../format';

type Check = NonNullable<Backup['verification']>;

export const levelLabels: Record<Check['level'], string> = {
  full: 'full check',
  checksum: 'checksum only',
};

function levelLabel(level: Check['level']): string {
  return (levelLabels as Partial<Record<string, string>>)[level] ?? level;
}

/** The last check of an archive: OK or damaged, how thoroughly, and when. */
export function Verification({ check }: { check: Backup['verification'] }) {
  if (!check) {
    return (
      <Text size="sm" c="dimmed">
        Not verified
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={check.ok ? 'teal.9' : 'red.9'} variant="filled" style={{ flexShrink: 0 }}>
        {check.ok ? 'OK' : 'Damaged'}
      </Badge>
      <Text size="sm" c="dimmed">
        {levelLabel(check.level)} · <time dateTime={check.checked_at}>{formatDateTime(check.checked_at)}</time>
      </Text>
      {check.error ? (
        <Text size="sm" c="red.8" style={{ overflowWrap: 'anywhere' }}>
          <VisuallyHidden>Error: </VisuallyHidden>
          {check.error}
        </Text>
      ) : null}
    </Group>
  );
}

export { levelLabel };
