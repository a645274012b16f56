/** Backups hold all the shop's data: admins only (the server enforces the same). */
export const backupRoles = ['admin'] as const;
