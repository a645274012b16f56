import { Badge } from '@mantine/core';
import type { MessageStatus } from '../../api/messages';
import { statusStyle } from './status';

export function StatusBadge({ status }: { status: MessageStatus }) {
  const style = statusStyle(status);
  // An unknown status from a newer server still shows, in neutral grey.
  return (
    <Badge
      color={style?.color ?? 'gray.7'}
      variant="filled"
      title={style?.description}
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {style?.label ?? status}
    </Badge>
  );
}
