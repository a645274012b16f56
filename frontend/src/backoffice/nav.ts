import { IconGauge, IconMessages, type Icon } from '@tabler/icons-react';

export interface BackofficeNavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Active only on an exact match (for the area's index page). */
  end: boolean;
}

/** Only pages that exist are listed; new back-office pages add themselves here. */
export const backofficeNav: BackofficeNavItem[] = [
  { to: '/admin', label: 'Dashboard', icon: IconGauge, end: true },
  { to: '/admin/messages', label: 'Messages', icon: IconMessages, end: false },
];
