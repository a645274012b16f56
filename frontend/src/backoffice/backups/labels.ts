import type { MantineColor } from '@mantine/core';
import type { BackupState, BackupTrigger } from '../../api/backups';

export interface StateStyle {
  label: string;
  /** Filled badge colour; every shade keeps white text at WCAG AA contrast in both schemes. */
  color: MantineColor;
  description: string;
}

/** One colour per state; the label always says it too (colour is never the only cue). */
export const stateStyles: Record<BackupState, StateStyle> = {
  queued: { label: 'Queued', color: 'gray.7', description: 'Waiting for the backup worker to pick it up.' },
  running: { label: 'Running', color: 'blue.9', description: 'The archive is being written.' },
  succeeded: { label: 'Succeeded', color: 'teal.9', description: 'The archive is complete.' },
  failed: { label: 'Failed', color: 'red.9', description: 'No archive was made; the error says why.' },
};

/** `undefined` for a state this build does not know (a newer server). */
export function stateStyle(state: BackupState): StateStyle | undefined {
  return (stateStyles as Partial<Record<string, StateStyle>>)[state];
}

export const triggerLabels: Record<BackupTrigger, string> = {
  schedule: 'Scheduled',
  manual: 'Manual',
  cli: 'Command line',
};

export function triggerLabel(trigger: BackupTrigger): string {
  return (triggerLabels as Partial<Record<string, string>>)[trigger] ?? trigger;
}
