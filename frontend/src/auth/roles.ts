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

export function hasAnyRole(me: Me | undefined, roles: readonly string[]): boolean {
  return roles.some((role) => hasRole(me, role));
}

/** Who may use each back-office area; the server enforces the same sets. */
export const areaRoles = {
  registrations: ['support', 'sales', 'admin'],
  staff: ['admin'],
  audit: ['admin'],
  /** Edit products and categories. */
  catalog: ['sales', 'admin'],
  /** Adjust stock on hand. */
  stock: ['fulfilment', 'admin'],
  /** Open the product pages: editors, and stock keepers (read-only apart from stock). */
  products: ['sales', 'fulfilment', 'admin'],
  /** Price lists, offers and coupons; tax rates read-only (admins change them). */
  pricing: ['sales', 'admin'],
} as const satisfies Record<string, readonly string[]>;
