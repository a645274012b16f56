import {
  IconBook,
  IconCategory,
  IconClipboardCheck,
  IconDatabaseExport,
  IconFileImport,
  IconGauge,
  IconHistory,
  IconMessages,
  IconPackage,
  IconReceipt2,
  IconShoppingCart,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { areaRoles } from '../auth/roles';
import { backupRoles } from './backups/access';
import { orderRoles } from './orders/access';

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
  { to: '/admin/orders', label: 'Orders', icon: IconShoppingCart, end: false, roles: orderRoles },
  { to: '/admin/registrations', label: 'Registrations', icon: IconClipboardCheck, end: false, roles: areaRoles.registrations },
  { to: '/admin/products', label: 'Products', icon: IconPackage, end: false, roles: areaRoles.products },
  { to: '/admin/categories', label: 'Categories', icon: IconCategory, end: false, roles: areaRoles.catalog },
  { to: '/admin/catalogs', label: 'Catalogs', icon: IconBook, end: false, roles: areaRoles.catalog },
  { to: '/admin/customer-groups', label: 'Customer groups', icon: IconUsersGroup, end: false, roles: areaRoles.catalog },
  { to: '/admin/products/import', label: 'Import / export', icon: IconFileImport, end: false, roles: areaRoles.catalog },
  { to: '/admin/pricing', label: 'Pricing', icon: IconReceipt2, end: false, roles: areaRoles.pricing },
  { to: '/admin/messages', label: 'Messages', icon: IconMessages, end: false },
  { to: '/admin/users', label: 'Staff', icon: IconUsers, end: false, roles: areaRoles.staff },
  { to: '/admin/audit', label: 'Audit log', icon: IconHistory, end: false, roles: areaRoles.audit },
  { to: '/admin/backups', label: 'Backups', icon: IconDatabaseExport, end: false, roles: backupRoles },
];
