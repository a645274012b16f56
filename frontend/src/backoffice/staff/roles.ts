import type { StaffRole } from '../../api/staff';

/** What each role may do, as the server enforces it today. */
export const roleDescriptions: Record<StaffRole, string> = {
  support: 'Reads messages and reviews registrations.',
  sales: 'Reviews registrations.',
  fulfilment: 'Works on orders and shipments.',
  admin: 'Everything, including staff accounts and the audit log.',
};
