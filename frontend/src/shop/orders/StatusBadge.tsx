import { Badge, type MantineSize } from '@mantine/core';
import type { StatusStyle } from './status';

/** A filled badge: the label says the status, the colour only repeats it. */
export function StatusBadge({ style, size = 'md' }: { style: StatusStyle; size?: MantineSize }) {
  return (
    <Badge color={style.color} size={size} radius="sm" title={style.description || undefined} data-testid="status-badge">
      {style.label}
    </Badge>
  );
}
