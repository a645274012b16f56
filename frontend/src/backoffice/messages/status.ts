import type { MantineColor } from '@mantine/core';
import type { MessageChannel, MessageStatus } from '../../api/messages';

export interface StatusStyle {
  label: string;
  /** Filled badge colour; every shade keeps white text at WCAG AA contrast in both schemes. */
  color: MantineColor;
  /** What the status means, for the detail view and the badge's title. */
  description: string;
}

/** One colour per status; the label always says it too (colour is never the only cue). */
export const statusStyles: Record<MessageStatus, StatusStyle> = {
  queued: { label: 'Queued', color: 'gray.7', description: 'Waiting for the sender to pick it up.' },
  sending: { label: 'Sending', color: 'blue.9', description: 'Being handed to the provider.' },
  sent: { label: 'Sent', color: 'cyan.9', description: 'The provider accepted it; delivery not confirmed yet.' },
  delivered: { label: 'Delivered', color: 'teal.9', description: 'The provider confirmed delivery.' },
  failed: { label: 'Failed', color: 'red.9', description: 'Sending failed after all retries.' },
  undeliverable: {
    label: 'Undeliverable',
    color: 'grape.9',
    description: 'The provider cannot deliver to this recipient; it will not be retried.',
  },
};

/** `undefined` for a status this build does not know (a newer server). */
export function statusStyle(status: MessageStatus): StatusStyle | undefined {
  return (statusStyles as Partial<Record<string, StatusStyle>>)[status];
}

export const channelLabels: Record<MessageChannel, string> = { sms: 'SMS', email: 'Email' };
