import type { CustomerGroup } from '../../api/customerGroups';
import type { Offer, PriceList, PricedProduct } from '../../api/pricing';
import type { Me } from '../../auth/session';
import { adminMe } from '../../test/session';

export const salesMe: Me = { ...adminMe, id: '01a21375-0100-7000-8000-0000000000c1', name: 'Sasha Sales', email: 'sales@oms.example.com', roles: ['sales'] };

export const trade: CustomerGroup = {
  id: '0194f3c2-0000-7000-8000-000000000001',
  code: 'trade',
  name: 'Trade customers',
  description: '',
  members: 1,
  created_at: '2027-01-01T00:00:00Z',
};

export const drill: PricedProduct = {
  id: '0194f3c2-0000-7000-8000-0000000000d1',
  sku: 'DRL-230',
  slug: 'cordless-drill',
  name: 'Cordless drill',
  description: '',
  category: null,
  status: 'active',
  audience: 'both',
  price: { amount: 12000, currency: 'USD' },
  list_price: { amount: 12000, currency: 'USD' },
  price_explanation: [],
  tax_class: 'standard',
  stock: { available: 1, on_hand: 1, reserved: 0 },
} as unknown as PricedProduct;

export const listId = '0194f3c2-0000-7000-8000-00000000a001';

export function priceList(overrides: Partial<PriceList> = {}): PriceList {
  return {
    id: listId,
    name: 'Trade',
    code: 'TRADE',
    currency: 'USD',
    customer_group_id: trade.id,
    customer_id: null,
    active: true,
    valid_from: '2027-01-01T00:00:00Z',
    valid_to: null,
    products: 1,
    version: 3,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    items: [{ product_id: drill.id, tiers: [{ min_qty: 1, amount: 11000 }, { min_qty: 10, amount: 10000 }] }],
    ...overrides,
  };
}

export const offerId = '0194f3c2-0000-7000-8000-00000000b001';

export function offer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: offerId,
    name: 'Welcome',
    code: 'WELCOME10',
    kind: 'percent',
    value: 1000,
    scope: 'order',
    audience: 'both',
    active: true,
    stackable: false,
    label: 'Coupon WELCOME10 −10%',
    min_order_amount: 0,
    min_quantity: 0,
    uses: 2,
    max_uses: 100,
    version: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    ...overrides,
  };
}
