/**
 * A URL slug from a name, the way the server makes one ("Spring 2027 — trade"
 * → "spring-2027-trade"). Accents are dropped first, so "Café" gives "cafe"
 * rather than "caf".
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Lower-case letters and digits joined by single dashes (the server's pattern for slugs and group codes). */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
