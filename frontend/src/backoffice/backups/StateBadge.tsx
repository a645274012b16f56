import { Badge } from '@mantine/core';
import type { BackupState } from '../../api/backups';
import { stateStyle } from './labels';

export function StateBadge({ state }: { state: BackupState }) {
  const style = stateStyle(state);
  // An unknown state from a newer server still shows, in neutral grey.
  return (
    <Badge color={style?.color ?? 'gray.7'} variant="filled" title={style?.description} data-status={state} style={{ flexShrink: 0 }}>
      {style?.label ?? state}
    </Badge>
  );
}
