import type { Category } from '../../api/adminCatalog';

export interface CategoryNode {
  category: Category;
  /** 0 for a top-level category. */
  depth: number;
  children: CategoryNode[];
}

const byPosition = (a: CategoryNode, b: CategoryNode) =>
  a.category.position - b.category.position || a.category.name.localeCompare(b.category.name);

/**
 * The tree of the flat list the API sends (`parent_id` links). A category
 * whose parent is missing, or that sits in a loop, is shown at the top level
 * rather than dropped.
 */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map(categories.map((c) => [c.id, { category: c, depth: 0, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parent_id ? nodes.get(node.category.parent_id) : undefined;
    if (parent && !descendsFrom(parent, node, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (list: CategoryNode[], depth: number) => {
    list.sort(byPosition);
    for (const node of list) {
      node.depth = depth;
      settle(node.children, depth + 1);
    }
  };
  settle(roots, 0);
  return roots;
}

/** Whether `node` is `ancestor` or below it (following parent links up from `node`). */
function descendsFrom(node: CategoryNode, ancestor: CategoryNode, nodes: Map<string, CategoryNode>): boolean {
  const seen = new Set<string>();
  let current: CategoryNode | undefined = node;
  while (current && !seen.has(current.category.id)) {
    if (current === ancestor) return true;
    seen.add(current.category.id);
    current = current.category.parent_id ? nodes.get(current.category.parent_id) : undefined;
  }
  return false;
}

/** Depth-first, in display order. */
export function flattenTree(tree: readonly CategoryNode[]): CategoryNode[] {
  return tree.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** Options for a NativeSelect: children indented under their parent. */
export function categoryOptions(categories: readonly Category[], valueOf: (c: Category) => string = (c) => c.id) {
  return flattenTree(buildCategoryTree(categories)).map((node) => ({
    value: valueOf(node.category),
    label: `${'\u2003'.repeat(node.depth)}${node.category.name}`,
  }));
}
