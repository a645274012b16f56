import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { messageStatuses, type MessageStatus } from '../../api/messages';
import { renderWithProviders } from '../../test/render';
import { statusStyle, statusStyles } from './status';
import { StatusBadge } from './StatusBadge';

describe('status badge mapping', () => {
  it('gives each status its own label and colour', () => {
    expect(Object.fromEntries(messageStatuses.map((s) => [s, [statusStyles[s].label, statusStyles[s].color]]))).toEqual({
      queued: ['Queued', 'gray.7'],
      sending: ['Sending', 'blue.9'],
      sent: ['Sent', 'cyan.9'],
      delivered: ['Delivered', 'teal.9'],
      failed: ['Failed', 'red.9'],
      undeliverable: ['Undeliverable', 'grape.9'],
    });
    expect(new Set(messageStatuses.map((s) => statusStyles[s].color)).size).toBe(messageStatuses.length);
  });

  it('renders the label, with the meaning as a tooltip', () => {
    renderWithProviders(<StatusBadge status="failed" />);
    const badge = screen.getByText('Failed').closest('[data-status]');
    expect(badge).toHaveAttribute('data-status', 'failed');
    expect(badge).toHaveAttribute('title', 'Sending failed after all retries.');
  });

  it('still shows a status this build does not know', () => {
    expect(statusStyle('bounced' as MessageStatus)).toBeUndefined();
    renderWithProviders(<StatusBadge status={'bounced' as MessageStatus} />);
    expect(screen.getByText('bounced')).toBeInTheDocument();
  });
});
