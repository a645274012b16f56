import type { Tracking } from '../../api/tracking';

/** A tracking view shaped like the API's answer. */
export function tracking(overrides: Partial<Tracking> = {}): Tracking {
  return {
    reference: 'ORD-7K3F-9QXM',
    status: 'confirmed',
    priority: 'standard',
    placed_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T12:00:00Z',
    items: [{ sku: 'POW-001', name: 'Cordless drill 18V', quantity: 2, shipped_quantity: 0 }],
    events: [
      { status: 'placed', at: '2026-11-25T10:00:00Z', note: '' },
      { status: 'confirmed', at: '2026-11-25T12:00:00Z', note: '' },
    ],
    shipments: [],
    promise: { dispatch_by: '2026-11-27', deliver_by: '2026-12-02' },
    next: 'Your order is confirmed and will leave our warehouse by 27 Nov 2026.',
    ...overrides,
  };
}
