import type { MantineColor } from '@mantine/core';
import type { DocumentKind, EntryChannel, OrderChannel, OrderPriority, OrderReturn, OrderStatus, QueueView, Shipment } from '../../api/adminOrders';

export interface BadgeStyle {
  label: string;
  /** Filled badge colour; white text stays at WCAG AA in both schemes (shade 7–9)… */
  color: MantineColor;
  /** …or a light colour with dark text (Mantine's autoContrast): orange.9 is too light for white text. */
  darkText?: boolean;
  description: string;
}

/** One colour per status; the label always says it too (colour is never the only cue). */
export const orderStatusStyles: Record<OrderStatus, BadgeStyle> = {
  placed: { label: 'Placed', color: 'blue.9', description: 'Placed by the customer (or for them); nobody has confirmed it yet.' },
  confirmed: { label: 'Confirmed', color: 'indigo.9', description: 'Accepted; waiting to be picked and packed.' },
  processing: { label: 'Processing', color: 'violet.9', description: 'Being picked and packed; shipments are entered now.' },
  shipped: { label: 'Shipped', color: 'cyan.9', description: 'Everything has left the warehouse.' },
  delivered: { label: 'Delivered', color: 'teal.9', description: 'Every shipment reached the customer.' },
  cancelled: { label: 'Cancelled', color: 'gray.7', description: 'Cancelled; its stock was released.' },
  returned: { label: 'Returned', color: 'grape.9', description: 'Everything shipped came back.' },
};

export const priorityStyles: Record<OrderPriority, BadgeStyle> = {
  urgent: { label: 'Urgent', color: 'red.9', description: 'First in the queue.' },
  express: { label: 'Express', color: 'orange.3', darkText: true, description: 'Before standard orders.' },
  standard: { label: 'Standard', color: 'gray.7', description: 'In the order it was placed.' },
};

export const channelLabels: Record<OrderChannel, string> = {
  web: 'Web shop',
  api: 'API',
  phone: 'Phone',
  email: 'Email',
  fax: 'Fax',
  staff: 'Staff',
};

export const entryChannelLabels: Record<EntryChannel, string> = {
  phone: 'Phone',
  email: 'Email',
  fax: 'Fax',
  staff: 'Staff (other)',
};

export const viewLabels: Record<QueueView, string> = {
  open: 'All open',
  to_confirm: 'To confirm',
  to_ship_today: 'To ship today',
  all: 'All orders',
};

/** The button that moves an order to a status. */
export const transitionLabels: Record<OrderStatus, string> = {
  placed: 'Back to placed',
  confirmed: 'Confirm',
  processing: 'Start processing',
  shipped: 'Mark all shipped (no tracking)',
  delivered: 'Mark all delivered',
  cancelled: 'Cancel order',
  returned: 'Mark returned',
};

export const shipmentStatusStyles: Record<Shipment['status'], BadgeStyle> = {
  shipped: { label: 'In transit', color: 'cyan.9', description: 'Handed to the carrier.' },
  delivered: { label: 'Delivered', color: 'teal.9', description: 'The carrier delivered it.' },
};

export const returnStatusStyles: Record<OrderReturn['status'], BadgeStyle> = {
  requested: { label: 'Requested', color: 'blue.9', description: 'The customer asked to send it back; accept or reject it.' },
  accepted: { label: 'Accepted', color: 'indigo.9', description: 'Accepted; waiting for the parcel to arrive.' },
  rejected: { label: 'Rejected', color: 'gray.7', description: 'Turned down; the customer was told why.' },
  received: { label: 'Received', color: 'teal.9', description: 'The goods came back.' },
};

export const documentLabels: Record<DocumentKind, string> = {
  confirmation: 'Order confirmation',
  invoice: 'Invoice',
};

/** A style for any value, also one a newer server sends that this build does not know. */
export function styleOf<K extends string>(styles: Record<K, BadgeStyle>, value: string): BadgeStyle {
  return (styles as Partial<Record<string, BadgeStyle>>)[value] ?? { label: value, color: 'gray.7', description: '' };
}

export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Partial<Record<string, string>>)[value] ?? value;
}
