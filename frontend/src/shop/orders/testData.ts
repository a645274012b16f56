import type { Cart, CartLine } from '../../api/cart';
import type { Order } from '../../api/orders';
import type { Me } from '../../auth/session';

/** Test fixtures shaped like the API's answers. */
export const casey: Me = {
  id: '01a21399-d8a0-7000-8000-000000000001',
  type: 'consumer',
  name: 'Casey Consumer',
  email: 'casey@example.com',
  roles: ['customer'],
  registration_id: 'REG-2026-000001',
  login_id: 'C000001',
  phone: '+14155550123',
};

export const blake: Me = {
  ...casey,
  id: '01a21399-d8a0-7000-8000-000000000002',
  type: 'business',
  name: 'Blake Buyer',
  email: 'purchasing@northwind.example.com',
  login_id: 'C000002',
};

const usd = (amount: number) => ({ amount, currency: 'USD' });

export function cartLine(overrides: Partial<CartLine> = {}): CartLine {
  return {
    product_id: 'p-drill',
    sku: 'POW-001',
    slug: 'cordless-drill-18v',
    name: 'Cordless drill 18V',
    quantity: 1,
    unit_price: usd(8999),
    list_unit_price: usd(8999),
    total: usd(10799),
    explanation: ['Catalog price'],
    available: 20,
    min_order_qty: 1,
    order_multiple: 1,
    warnings: [],
    ...overrides,
  };
}

export function cart(items: CartLine[], overrides: Partial<Cart> = {}): Cart {
  return {
    items,
    issues: [],
    totals: items.length ? { subtotal: 12998, discount: 0, tax: 2600, shipping: 0, total: 15598, currency: 'USD' } : null,
    ...overrides,
  };
}

export const twoLines = cart([
  cartLine(),
  cartLine({
    product_id: 'p-tape',
    sku: 'HAN-012',
    slug: 'tape-measure-8m-trade-pack',
    name: 'Tape measure 8m (trade pack)',
    quantity: 10,
    unit_price: usd(1104),
    list_unit_price: usd(1299),
    total: usd(13248),
    explanation: ['Trade price list', 'tier 10–49'],
    min_order_qty: 10,
    order_multiple: 5,
  }),
]);

export function order(overrides: Partial<Order> = {}): Order {
  return {
    reference: 'ORD-7K3F-9QXM',
    status: 'placed',
    priority: 'standard',
    channel: 'web',
    items: [
      {
        sku: 'POW-001',
        name: 'Cordless drill 18V',
        quantity: 2,
        unit_price: usd(8999),
        list_unit_price: usd(8999),
        discount: usd(0),
        tax: usd(3600),
        total: usd(21598),
        explanation: ['Catalog price'],
        shipped_quantity: 0,
        returned_quantity: 0,
      },
      {
        sku: 'HAN-009',
        name: 'Claw hammer 16oz',
        quantity: 1,
        unit_price: usd(1999),
        list_unit_price: usd(1999),
        discount: usd(0),
        tax: usd(400),
        total: usd(2399),
        explanation: [],
        shipped_quantity: 0,
        returned_quantity: 0,
      },
    ],
    totals: { subtotal: 19997, discount: 0, tax: 4000, shipping: 0, total: 23997, currency: 'USD' },
    shipping_address: { name: 'Casey Consumer', line1: '1 Market Street', city: 'San Francisco', postal_code: '94105', country: 'US' },
    notes: '',
    notifications: { email: null, sms: null },
    placed_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
    version: 1,
    allowed_transitions: ['cancelled'],
    documents: [{ kind: 'confirmation', title: 'Order confirmation', url: '/api/v1/orders/ORD-7K3F-9QXM/documents/confirmation' }],
    events: [{ status: 'placed', from: null, at: '2026-11-25T10:00:00Z', note: '', actor: 'customer' }],
    shipments: [],
    returns: [],
    ...overrides,
  };
}
