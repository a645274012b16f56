import type { Address, OrderPriority, PlaceRequest } from '../../api/orders';

/**
 * The checkout form. Field paths match the API's (`shipping_address.city`),
 * so a 422's errors land on their inputs as they are.
 *
 * `address` is the choice: an index into the address book ("0", "1", …),
 * "account" (no address sent: the server uses the account's), or "new".
 */
export interface CheckoutValues {
  address: string;
  shipping_address: { name: string; line1: string; line2: string; city: string; postal_code: string; country: string; phone: string };
  priority: OrderPriority;
  purchase_order_number: string;
  requested_delivery_date: string;
  notes: string;
  /** What is typed in the coupon box (applied or not). */
  coupon: string;
}

export const newAddress = 'new';
export const accountAddress = 'account';

export function emptyCheckout(country = ''): CheckoutValues {
  return {
    address: accountAddress,
    shipping_address: { name: '', line1: '', line2: '', city: '', postal_code: '', country, phone: '' },
    priority: 'standard',
    purchase_order_number: '',
    requested_delivery_date: '',
    notes: '',
    coupon: '',
  };
}

export const checkoutLabels: Record<string, string> = {
  'shipping_address.name': 'Recipient',
  'shipping_address.line1': 'Street address',
  'shipping_address.line2': 'Address line 2',
  'shipping_address.city': 'City',
  'shipping_address.postal_code': 'Postal code',
  'shipping_address.country': 'Country',
  'shipping_address.phone': 'Phone',
  priority: 'Priority',
  purchase_order_number: 'PO number',
  requested_delivery_date: 'Requested delivery date',
  notes: 'Notes',
  coupon_code: 'Coupon code',
};

/** The order fields appear in, to focus the first one with an error. */
export const checkoutFieldOrder = [
  'shipping_address.name',
  'shipping_address.line1',
  'shipping_address.line2',
  'shipping_address.city',
  'shipping_address.postal_code',
  'shipping_address.country',
  'shipping_address.phone',
  'purchase_order_number',
  'requested_delivery_date',
  'notes',
] as const;

/** Today in the browser's time zone, as YYYY-MM-DD (the date input's format). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const isNew = (values: CheckoutValues) => values.address === newAddress;

function requiredLine(what: string, max: number) {
  return (value: string, values: CheckoutValues) => {
    if (!isNew(values)) return null;
    if (!value.trim()) return `Enter ${what}`;
    return value.trim().length > max ? `At most ${max} characters` : null;
  };
}

function optionalLine(max: number) {
  return (value: string, values: CheckoutValues) => (isNew(values) && value.trim().length > max ? `At most ${max} characters` : null);
}

/** The server's checks, in the browser: it checks again. */
export function checkoutRules(today: () => string = () => todayIso()) {
  return {
    shipping_address: {
      name: optionalLine(200),
      line1: requiredLine('the street address', 200),
      line2: optionalLine(200),
      city: requiredLine('the city', 200),
      postal_code: requiredLine('the postal code', 20),
      country: (value: string, values: CheckoutValues) =>
        isNew(values) && !/^[A-Za-z]{2}$/.test(value.trim()) ? 'Choose the country' : null,
      phone: optionalLine(40),
    },
    purchase_order_number: (value: string) => (value.trim().length > 64 ? 'At most 64 characters' : null),
    requested_delivery_date: (value: string) => {
      if (!value) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'Enter a date like 2027-03-01';
      return value < today() ? 'Choose today or a later date' : null;
    },
    notes: (value: string) => (value.trim().length > 2000 ? 'At most 2000 characters' : null),
  };
}

/** The request body for the cart's items; empty optional fields are left out. */
export function toPlaceRequest(
  values: CheckoutValues,
  items: { sku: string; quantity: number }[],
  book: Address[],
  options: { business: boolean; coupon: string | null; confirmDuplicate?: boolean },
): PlaceRequest {
  const body: PlaceRequest = { items: items.map(({ sku, quantity }) => ({ sku, quantity })), priority: values.priority };
  if (values.address === newAddress) {
    const a = values.shipping_address;
    const address: Address = {
      line1: a.line1.trim(),
      city: a.city.trim(),
      postal_code: a.postal_code.trim(),
      country: a.country.trim().toUpperCase(),
    };
    if (a.name.trim()) address.name = a.name.trim();
    if (a.line2.trim()) address.line2 = a.line2.trim();
    if (a.phone.trim()) address.phone = a.phone.trim();
    body.shipping_address = address;
  } else if (values.address !== accountAddress) {
    const chosen = book[Number(values.address)];
    if (chosen) body.shipping_address = chosen;
  }
  if (options.business) {
    if (values.purchase_order_number.trim()) body.purchase_order_number = values.purchase_order_number.trim();
    if (values.requested_delivery_date) body.requested_delivery_date = values.requested_delivery_date;
  }
  if (options.coupon) body.coupon_code = options.coupon;
  if (values.notes.trim()) body.notes = values.notes.trim();
  if (options.confirmDuplicate) body.confirm_duplicate = true;
  return body;
}
