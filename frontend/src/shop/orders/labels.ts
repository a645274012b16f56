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

/** "net_30" → "Net 30 (invoice)"; "prepaid" → "Prepaid"; anything else as readable words. */
export function paymentTermLabel(terms: string): string {
  const known = paymentTermLabels[terms];
  if (known) return known;
  const net = /^net_(\d+)$/.exec(terms);
  if (net) return `Net ${net[1]} (invoice)`;
  const words = terms.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the terms mean for the buyer, in a few words. */
export function paymentTermDescription(terms: string): string {
  const net = /^net_(\d+)$/.exec(terms);
  if (net) return `Invoice, payable within ${net[1]} days`;
  return terms === 'prepaid' ? 'Paid before the order is sent' : 'As agreed for your account';
}
