import type { MantineColor } from '@mantine/core';
import type { OrderReturn, OrderStatus, Shipment } from '../../api/orders';

export interface StatusStyle {
  label: string;
  /** Filled badge colour, shade 7–9: white text stays AA in both schemes. */
  color: MantineColor;
  /** What it means for the customer. */
  description: string;
}

export const orderStatuses: OrderStatus[] = ['placed', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'];

export const orderStatusStyles: Record<OrderStatus, StatusStyle> = {
  placed: { label: 'Placed', color: 'blue.9', description: 'We have your order; it will be confirmed shortly.' },
  confirmed: { label: 'Confirmed', color: 'indigo.9', description: 'Confirmed and waiting to be picked.' },
  processing: { label: 'Processing', color: 'cyan.9', description: 'Being picked and packed.' },
  shipped: { label: 'Shipped', color: 'violet.9', description: 'On its way: follow the parcel with the tracking link.' },
  delivered: { label: 'Delivered', color: 'teal.9', description: 'Delivered. Something wrong? Ask to return it from the order page.' },
  cancelled: { label: 'Cancelled', color: 'gray.7', description: 'Cancelled; nothing will be sent or charged.' },
  returned: { label: 'Returned', color: 'grape.9', description: 'Everything that was sent has come back.' },
};

/** A status this build does not know (a newer server) still gets a neutral badge. */
export function orderStatusStyle(status: string): StatusStyle {
  return (orderStatusStyles as Partial<Record<string, StatusStyle>>)[status] ?? { label: status, color: 'gray.7', description: '' };
}

export const returnStatusStyles: Record<OrderReturn['status'], StatusStyle> = {
  requested: { label: 'Requested', color: 'blue.9', description: 'We will look at your request and answer soon.' },
  accepted: { label: 'Accepted', color: 'teal.9', description: 'Accepted: send the products back.' },
  rejected: { label: 'Rejected', color: 'red.9', description: 'Not accepted; see the note.' },
  received: { label: 'Received', color: 'gray.7', description: 'We received the products back.' },
};

export const shipmentStatusStyles: Record<Shipment['status'], StatusStyle> = {
  shipped: { label: 'On its way', color: 'violet.9', description: '' },
  delivered: { label: 'Delivered', color: 'teal.9', description: '' },
};
