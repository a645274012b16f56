import type { CatalogDetail, CatalogProduct, CatalogSummary } from '../../api/adminCatalogs';
import type { CustomerGroup, GroupMember } from '../../api/customerGroups';
import type { Me } from '../../auth/session';
import { adminMe } from '../../test/session';

/** Shared by the catalog, customer group and import page tests. */
export const salesMe: Me = { ...adminMe, id: '01a21375-0100-7000-8000-0000000000b1', name: 'Sasha Sales', email: 'sales@oms.example.com', roles: ['sales'] };

export const trade: CustomerGroup = {
  id: 'g0000000-0000-7000-8000-000000000001',
  code: 'trade',
  name: 'Trade customers',
  description: 'Approved business buyers',
  members: 1,
  created_at: '2027-01-01T00:00:00Z',
};

export const northwind: GroupMember = {
  id: 'u0000000-0000-7000-8000-000000000002',
  login_id: 'C000002',
  name: 'Blake Buyer',
  email: 'purchasing@northwind.example.com',
  type: 'business',
};

export function product(id: string, name: string, overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id,
    sku: name.toUpperCase().replace(/[^A-Z0-9]+/g, '-').slice(0, 12),
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    description: '',
    category: null,
    status: 'active',
    audience: 'both',
    price: { amount: 1000, currency: 'USD' },
    list_price: { amount: 1000, currency: 'USD' },
    price_explanation: [],
    tax_class: 'standard',
    stock: { available: 1, on_hand: 1, reserved: 0 },
    min_order_qty: 1,
    order_multiple: 1,
    weight_grams: null,
    specs: [],
    tiers: [],
    images: [],
    videos: [],
    datasheets: [],
    version: 1,
    updated_at: '2027-01-01T00:00:00Z',
    ...overrides,
  } as CatalogProduct;
}

export const drill = product('p0000000-0000-7000-8000-000000000001', 'Cordless drill', { sku: 'DRL-230' });
export const saw = product('p0000000-0000-7000-8000-000000000002', 'Circular saw', { sku: 'SAW-190', audience: 'b2c' });
export const bits = product('p0000000-0000-7000-8000-000000000003', 'Drill bit set', { sku: 'BIT-10', status: 'draft' });

export const catalogId = 'a0000000-0000-7000-8000-000000000001';

export function detail(overrides: Partial<CatalogDetail> = {}): CatalogDetail {
  return {
    id: catalogId,
    name: 'Spring trade',
    slug: 'spring-trade',
    description: 'Bulk packs',
    audience: 'b2b',
    active: true,
    groups: [trade.id],
    valid_from: '2027-03-01T00:00:00Z',
    valid_to: null,
    products: 2,
    version: 3,
    updated_at: '2027-02-01T00:00:00Z',
    items: [
      { product_id: drill.id, price: { amount: 950, currency: 'USD' } },
      { product_id: saw.id, price: null },
    ],
    ...overrides,
  };
}

export function summary(overrides: Partial<CatalogSummary> = {}): CatalogSummary {
  const { id, name, slug, description, audience, valid_from, valid_to, products, active } = detail();
  return { id, name, slug, description, audience, valid_from, valid_to, products, active, ...overrides };
}

export const page = (items: CatalogProduct[]) => ({ status: 200, body: { items, next_cursor: '' } });
