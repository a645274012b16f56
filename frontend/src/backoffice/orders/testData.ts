import type { Order, OrderLine, Shipment } from '../../api/adminOrders';
import type { Me } from '../../auth/session';
import { adminMe } from '../../test/session';

/** Shared by the order page tests. */
export const salesMe: Me = { ...adminMe, id: '01a21375-0100-7000-8000-0000000000c1', name: 'Sasha Sales', email: 'sales@oms.example.com', roles: ['sales'] };
export const fulfilmentMe: Me = {
  ...adminMe,
  id: '01a21375-0100-7000-8000-0000000000c2',
  name: 'Fran Fulfilment',
  email: 'fulfilment@oms.example.com',
  roles: ['fulfilment'],
};

const usd = (amount: number) => ({ amount, currency: 'USD' });

export function line(sku: string, name: string, quantity: number, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    sku,
    name,
    quantity,
    unit_price: usd(1000),
    list_unit_price: usd(1000),
    discount: usd(0),
    tax: usd(0),
    total: usd(1000 * quantity),
    explanation: [],
    shipped_quantity: 0,
    returned_quantity: 0,
    ...overrides,
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  const reference = overrides.reference ?? 'ORD-7K3F-9QXM';
  return {
    reference,
    status: 'placed',
    priority: 'standard',
    channel: 'web',
    items: [line('DRL-230', 'Cordless drill', 2), line('BIT-10', 'Drill bit set', 1)],
    totals: { subtotal: 3000, discount: 0, tax: 240, shipping: 500, total: 3740, currency: 'USD' },
    shipping_address: { name: 'Casey Consumer', line1: '500 Howard Street', line2: '', city: 'San Francisco', postal_code: '94105', country: 'US', phone: '' },
    purchase_order_number: null,
    requested_delivery_date: null,
    payment_terms: null,
    coupon_code: null,
    notes: '',
    notifications: {},
    placed_at: '2026-01-05T09:30:00Z',
    updated_at: '2026-01-05T09:30:00Z',
    version: 1,
    allowed_transitions: ['confirmed', 'cancelled'],
    documents: [{ kind: 'confirmation', title: 'Order confirmation', url: `/api/v1/admin/orders/${reference}/documents/confirmation` }],
    events: [{ from: null, status: 'placed', at: '2026-01-05T09:30:00Z', note: '', actor: 'customer' }],
    shipments: [],
    returns: [],
    customer_id: 'u0000000-0000-7000-8000-000000000001',
    customer: { id: 'u0000000-0000-7000-8000-000000000001', login_id: 'C000001', name: 'Casey Consumer' },
    ...overrides,
  };
}

export function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    number: 1,
    carrier: 'UPS',
    tracking_number: '1Z999AA10123456784',
    tracking_url: null,
    status: 'shipped',
    shipped_at: '2026-01-06T10:00:00Z',
    delivered_at: null,
    lines: [{ sku: 'DRL-230', name: 'Cordless drill', quantity: 2 }],
    ...overrides,
  };
}
