import type { Address, OrderPriority } from '../../api/orders';

/** "1 Industrial Way, Oakland 94607, US" */
export function addressLine(a: Address): string {
  return [a.line1, a.line2, `${a.city} ${a.postal_code}`.trim(), a.country].filter(Boolean).join(', ');
}

export const priorityInfo: Record<OrderPriority, { label: string; description: string }> = {
  standard: { label: 'Standard', description: 'Handled in the order it arrives.' },
  express: { label: 'Express', description: 'Picked and packed ahead of standard orders.' },
  urgent: { label: 'Urgent', description: 'Handled first, the same working day where possible.' },
};

export const paymentTermLabels: Record<string, string> = { net_30: 'Net 30 (invoice)' };
