import type { Category } from '../../api/catalog';

export interface CategoryNode {
  category: Category;
  /** 0 for a top-level category. */
  depth: number;
}

/**
 * The API lists categories flat with `parent_id`; this orders them as a tree
 * (each parent followed by its children, siblings by position then name).
 * A category whose parent is missing is shown at the top level; a cycle in
 * the data cannot loop forever.
 */
export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | null, Category[]>();
  for (const c of categories) {
    const parent = c.parent_id && ids.has(c.parent_id) && c.parent_id !== c.id ? c.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  }
  const out: CategoryNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ category: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  // Categories only reachable through a cycle: shown at the top level rather than lost.
  for (const c of categories) {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push({ category: c, depth: 0 });
      walk(c.id, 1);
    }
  }
  return out;
}

/** The category with `slug` and its ancestors, top first (for breadcrumbs). */
export function categoryPath(categories: readonly Category[], slug: string): Category[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const path: Category[] = [];
  let current = categories.find((c) => c.slug === slug);
  while (current && !path.includes(current)) {
    path.unshift(current);
    current = current.parent_id ? byId.get(current.parent_id) : undefined;
  }
  return path;
}
