import type { Order, ShipmentRequest } from '../../api/adminOrders';

/** The shipment form; quantities by SKU ('' while the box is empty). */
export interface ShipmentValues {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  note: string;
  quantities: Record<string, number | ''>;
}

/** The server's limits (ordering.ShipmentRequest). */
export const shipmentLimits = { carrier: 100, trackingNumber: 100, trackingUrl: 500, note: 1000 } as const;

/** Units of a line not shipped yet. */
export function leftToShip(line: Order['items'][number]): number {
  return Math.max(0, line.quantity - line.shipped_quantity);
}

/** A new form: every line defaults to what is left to ship. */
export function initialShipment(order: Order): ShipmentValues {
  return {
    carrier: '',
    trackingNumber: '',
    trackingUrl: '',
    note: '',
    quantities: Object.fromEntries(order.items.map((line) => [line.sku, leftToShip(line)])),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '';
  } catch {
    return false;
  }
}

/** Errors by form path (`quantities.SKU` for a line), the server's rules checked first in the browser. */
export function validateShipment(values: ShipmentValues, order: Order): Record<string, string> {
  const errors: Record<string, string> = {};
  const carrier = values.carrier.trim();
  if (!carrier) errors.carrier = 'Enter the carrier';
  else if (carrier.length > shipmentLimits.carrier) errors.carrier = `At most ${shipmentLimits.carrier} characters`;
  const tracking = values.trackingNumber.trim();
  if (!tracking) errors.trackingNumber = 'Enter the tracking number';
  else if (tracking.length > shipmentLimits.trackingNumber) errors.trackingNumber = `At most ${shipmentLimits.trackingNumber} characters`;
  const url = values.trackingUrl.trim();
  if (url && (!isHttpUrl(url) || url.length > shipmentLimits.trackingUrl)) {
    errors.trackingUrl = `Enter a web address starting with https:// (at most ${shipmentLimits.trackingUrl} characters), or leave it empty`;
  }
  if (values.note.trim().length > shipmentLimits.note) errors.note = `At most ${shipmentLimits.note} characters`;

  let total = 0;
  for (const line of order.items) {
    const left = leftToShip(line);
    if (left === 0) continue;
    const q = values.quantities[line.sku];
    const path = `quantities.${line.sku}`;
    if (q === '' || q === undefined) {
      errors[path] = 'Enter a quantity (0 leaves this line for a later shipment)';
    } else if (!Number.isInteger(q) || q < 0 || q > left) {
      errors[path] = `A whole number from 0 to ${left}`;
    } else {
      total += q;
    }
  }
  if (total === 0 && !Object.keys(errors).some((k) => k.startsWith('quantities.'))) {
    errors.quantities = 'Put at least one unit in the shipment';
  }
  return errors;
}

/** The request for valid values: only lines with units (the API wants 1 or more per listed line). */
export function shipmentRequest(values: ShipmentValues, order: Order): ShipmentRequest {
  const lines = order.items
    .filter((line) => leftToShip(line) > 0)
    .map((line) => ({ sku: line.sku, quantity: Number(values.quantities[line.sku] || 0) }))
    .filter((line) => line.quantity > 0);
  const url = values.trackingUrl.trim();
  return {
    carrier: values.carrier.trim(),
    tracking_number: values.trackingNumber.trim(),
    ...(url ? { tracking_url: url } : {}),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
    lines,
    version: order.version,
  };
}

/** The API's field ("lines[1].quantity") as a form path ("quantities.SKU"), for a 422. */
export function shipmentErrorPath(field: string, request: ShipmentRequest): string | undefined {
  const simple: Record<string, string> = { carrier: 'carrier', tracking_number: 'trackingNumber', tracking_url: 'trackingUrl', note: 'note' };
  if (simple[field]) return simple[field];
  const match = /^lines\[(\d+)\]/.exec(field);
  const sku = match ? request.lines?.[Number(match[1])]?.sku : undefined;
  return sku ? `quantities.${sku}` : undefined;
}
