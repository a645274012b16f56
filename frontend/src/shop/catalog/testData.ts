import type { Category, Product, ProductPage } from '../../api/catalog';

/** Test fixtures shaped like the API's answers. */
export const categories: Category[] = [
  { id: 'c-power', parent_id: null, slug: 'power-tools', name: 'Power tools', position: 0 },
  { id: 'c-garden', parent_id: null, slug: 'garden', name: 'Garden', position: 5 },
  { id: 'c-drills', parent_id: 'c-power', slug: 'drills', name: 'Drills', position: 0 },
];

export function product(overrides: Partial<Product> = {}): Product {
  const slug = overrides.slug ?? 'cordless-drill-18v';
  return {
    id: `id-${slug}`,
    sku: 'PWR-001',
    slug,
    name: 'Cordless drill 18V',
    description: 'A **sturdy** drill.',
    category: { id: 'c-power', parent_id: null, slug: 'power-tools', name: 'Power tools', position: 0 },
    audience: 'both',
    status: 'active',
    price: { amount: 8999, currency: 'USD' },
    list_price: { amount: 8999, currency: 'USD' },
    price_explanation: [],
    tiers: [],
    tax_class: 'standard',
    stock: { available: 20 },
    min_order_qty: 1,
    order_multiple: 1,
    weight_grams: null,
    length_mm: null,
    width_mm: null,
    height_mm: null,
    specs: [],
    images: [],
    datasheets: [],
    videos: [],
    version: 1,
    updated_at: '2026-11-25T18:27:37Z',
    ...overrides,
  };
}

export function page(items: Product[], nextCursor: string | null = null): ProductPage {
  return { items, next_cursor: nextCursor };
}
