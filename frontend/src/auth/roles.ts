import type { Me } from './session';

const roleLabels: Record<string, string> = {
  admin: 'Admin',
  support: 'Support',
  fulfilment: 'Fulfilment',
  sales: 'Sales',
  customer: 'Customer',
};

/** "fulfilment" → "Fulfilment"; unknown roles are shown capitalised. */
export function roleLabel(role: string): string {
  return roleLabels[role] ?? role.charAt(0).toUpperCase() + role.slice(1);
}

export function isStaff(me: Me | undefined): boolean {
  return me?.type === 'staff';
}

export function hasRole(me: Me | undefined, role: string): boolean {
  return me?.roles.includes(role) ?? false;
}
