import { describe, expect, it } from 'vitest';
import type { Category } from '../../api/adminCatalog';
import { buildCategoryTree, categoryOptions, flattenTree } from './tree';

const cat = (id: string, name: string, parent: string | null = null, position = 0): Category => ({
  id,
  name,
  slug: name.toLowerCase(),
  parent_id: parent,
  position,
});

describe('category tree', () => {
  it('nests children under parents in position, then name, order', () => {
    const tree = buildCategoryTree([
      cat('3', 'Saws', '1', 2),
      cat('1', 'Tools'),
      cat('2', 'Drills', '1', 1),
      cat('4', 'Garden'),
      cat('5', 'Cordless', '2'),
    ]);
    expect(flattenTree(tree).map((n) => `${n.depth}:${n.category.name}`)).toEqual([
      '0:Garden',
      '0:Tools',
      '1:Drills',
      '2:Cordless',
      '1:Saws',
    ]);
  });

  it('keeps orphans and loops at the top level instead of dropping them', () => {
    const tree = buildCategoryTree([cat('a', 'A', 'b'), cat('b', 'B', 'a'), cat('c', 'C', 'missing')]);
    expect(flattenTree(tree).map((n) => n.category.name).sort()).toEqual(['A', 'B', 'C']);
  });

  it('makes indented select options', () => {
    expect(categoryOptions([cat('1', 'Tools'), cat('2', 'Drills', '1')], (c) => c.slug)).toEqual([
      { value: 'tools', label: 'Tools' },
      { value: 'drills', label: '\u2003Drills' },
    ]);
  });
});
