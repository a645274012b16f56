import { IconClipboardCheck, IconGauge, IconHistory, IconMessages, IconUsers, type Icon } from '@tabler/icons-react';
import { areaRoles } from '../auth/roles';

export interface BackofficeNavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Active only on an exact match (for the area's index page). */
  end: boolean;
  /** Shown only to staff with one of these roles; every staff member when absent. */
  roles?: readonly string[];
}

/** Only pages that exist are listed; new back-office pages add themselves here. */
export const backofficeNav: BackofficeNavItem[] = [
  { to: '/admin', label: 'Dashboard', icon: IconGauge, end: true },
  { to: '/admin/registrations', label: 'Registrations', icon: IconClipboardCheck, end: false, roles: areaRoles.registrations },
  { to: '/admin/messages', label: 'Messages', icon: IconMessages, end: false },
  { to: '/admin/users', label: 'Staff', icon: IconUsers, end: false, roles: areaRoles.staff },
  { to: '/admin/audit', label: 'Audit log', icon: IconHistory, end: false, roles: areaRoles.audit },
];
