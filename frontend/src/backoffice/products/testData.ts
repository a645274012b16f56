import type { Category, Media, Product } from '../../api/adminCatalog';
import { adminMe } from '../../test/session';
import type { Me } from '../../auth/session';

/** Shared by the product and category page tests. */
export const salesMe: Me = { ...adminMe, id: '01a21375-0100-7000-8000-0000000000a1', name: 'Sasha Sales', email: 'sales@oms.example.com', roles: ['sales'] };
export const fulfilmentMe: Me = { ...adminMe, id: '01a21375-0100-7000-8000-0000000000a2', name: 'Fran Fulfilment', email: 'fulfilment@oms.example.com', roles: ['fulfilment'] };

export const tools: Category = { id: 'c0000000-0000-7000-8000-000000000001', name: 'Tools', slug: 'tools', parent_id: null, position: 0 };
export const drills: Category = { id: 'c0000000-0000-7000-8000-000000000002', name: 'Drills', slug: 'drills', parent_id: tools.id, position: 0 };
export const garden: Category = { id: 'c0000000-0000-7000-8000-000000000003', name: 'Garden', slug: 'garden', parent_id: null, position: 1 };
export const categories = [drills, tools, garden];

export const productId = 'p0000000-0000-7000-8000-000000000001';

export function product(overrides: Partial<Product> = {}): Product {
  return {
    id: productId,
    sku: 'DRL-230',
    slug: 'cordless-drill',
    name: 'Cordless drill',
    description: 'A **strong** drill.',
    category: drills,
    status: 'active',
    audience: 'both',
    price: { amount: 12990, currency: 'USD' },
    list_price: { amount: 12990, currency: 'USD' },
    price_explanation: [],
    tax_class: 'standard',
    stock: { available: 8, on_hand: 10, reserved: 2 },
    min_order_qty: 1,
    order_multiple: 1,
    weight_grams: 1800,
    length_mm: 400,
    width_mm: 300,
    height_mm: 120,
    specs: [
      { group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' },
      { group: 'Electrical', name: 'Battery', value: '4', unit: 'Ah' },
      { group: 'Size', name: 'Weight', value: '1.8', unit: 'kg' },
    ],
    tiers: [],
    images: [],
    videos: [],
    datasheets: [],
    version: 3,
    updated_at: '2026-11-25T16:00:00Z',
    ...overrides,
  } as Product;
}

export const image = (id: string, alt = 'Drill, side view'): Media => ({
  id,
  kind: 'image',
  position: 0,
  url: `/media/img/${id}.jpg`,
  alt,
  width: 1200,
  height: 900,
  thumbnails: { small: `/media/img/${id}-160.jpg`, medium: `/media/img/${id}-480.jpg`, large: `/media/img/${id}-1024.jpg` },
});

export const datasheet = (id: string): Media => ({ id, kind: 'datasheet', position: 0, url: `/media/doc/${id}/sheet.pdf`, title: 'Safety sheet', bytes: 120_000 });
