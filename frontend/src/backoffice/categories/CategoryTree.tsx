import { Group, Text, Tree, useTree, type TreeNodeData } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Category } from '../../api/adminCatalog';
import { buildCategoryTree, type CategoryNode } from './tree';

function toData(nodes: CategoryNode[]): TreeNodeData[] {
  return nodes.map((n) => ({
    value: n.category.id,
    label: n.category.name,
    nodeProps: { slug: n.category.slug },
    children: n.children.length > 0 ? toData(n.children) : undefined,
  }));
}

interface CategoryTreeProps {
  categories: readonly Category[];
  /** Selected (the one just created). */
  selectedId?: string | null;
}

/** The categories as a tree (arrow keys move, Enter/Space fold), all expanded at first. */
export function CategoryTree({ categories, selectedId }: CategoryTreeProps) {
  const data = useMemo(() => toData(buildCategoryTree(categories)), [categories]);
  // Controlled, so categories added later start expanded too: open unless folded by the user.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const expandedState = useMemo(() => Object.fromEntries(categories.map((c) => [c.id, !folded.has(c.id)])), [categories, folded]);
  const [selected, setSelected] = useState<string[]>(selectedId ? [selectedId] : []);
  const [shownId, setShownId] = useState(selectedId);
  if (selectedId !== shownId) {
    // A category was just created: select it (state adjusted while rendering, no effect loop).
    setShownId(selectedId);
    setSelected(selectedId ? [selectedId] : []);
  }
  const tree = useTree({
    expandedState,
    onExpandedStateChange: (next) => setFolded(new Set(Object.keys(next).filter((id) => !next[id]))),
    selectedState: selected,
    onSelectedStateChange: setSelected,
  });

  return (
    <Tree
      data={data}
      tree={tree}
      aria-label="Categories"
      levelOffset="lg"
      withLines
      renderNode={({ node, expanded, hasChildren, elementProps }) => (
        <Group gap={6} wrap="nowrap" align="baseline" py={4} {...elementProps}>
          {hasChildren ? (
            <IconChevronDown size={16} aria-hidden style={{ flexShrink: 0, alignSelf: 'center', transform: expanded ? undefined : 'rotate(-90deg)' }} />
          ) : (
            <span style={{ width: 16, flexShrink: 0 }} />
          )}
          <Text size="sm" fw={500}>
            {node.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" truncate="end">
            {(node.nodeProps as { slug: string } | undefined)?.slug}
          </Text>
        </Group>
      )}
    />
  );
}
