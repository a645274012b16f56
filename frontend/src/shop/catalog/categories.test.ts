import { describe, expect, it } from 'vitest';
import type { Category } from '../../api/catalog';
import { categoryPath, categoryTree } from './categories';

const cat = (id: string, parent: string | null, position: number, name = id): Category => ({ id, parent_id: parent, slug: id, name, position });

describe('category tree', () => {
  it('puts children right after their parent, siblings by position then name', () => {
    const tree = categoryTree([cat('garden', null, 2), cat('drills', 'power', 1), cat('power', null, 1), cat('saws', 'power', 0), cat('hand', null, 1, 'Hand')]);
    expect(tree.map((n) => `${'-'.repeat(n.depth)}${n.category.id}`)).toEqual(['hand', 'power', '-saws', '-drills', 'garden']);
  });

  it('shows orphans at the top level and survives a cycle', () => {
    const tree = categoryTree([cat('a', 'b', 0), cat('b', 'a', 0), cat('orphan', 'gone', 0)]);
    expect(tree.map((n) => n.category.id).sort()).toEqual(['a', 'b', 'orphan']);
    expect(tree.find((n) => n.category.id === 'orphan')?.depth).toBe(0);
  });

  it('finds the path to a category for breadcrumbs', () => {
    const all = [cat('power', null, 0), cat('drills', 'power', 0), cat('sds', 'drills', 0)];
    expect(categoryPath(all, 'sds').map((c) => c.id)).toEqual(['power', 'drills', 'sds']);
    expect(categoryPath(all, 'nope')).toEqual([]);
  });
});
