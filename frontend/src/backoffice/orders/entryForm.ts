import type { EntryChannel, OrderPriority, StaffPlaceRequest } from '../../api/adminOrders';

/** One line of the entry form; `key` keeps React rows stable while lines come and go. */
export interface EntryLine {
  key: string;
  sku: string;
  quantity: number | '';
}

export interface EntryAddress {
  name: string;
  line1: string;
  line2: string;
  city: string;
  postal_code: string;
  country: string;
  phone: string;
}

export interface EntryValues {
  /** Login ID or email. */
  customer: string;
  channel: EntryChannel | '';
  lines: EntryLine[];
  priority: OrderPriority;
  purchaseOrderNumber: string;
  /** YYYY-MM-DD or ''. */
  requestedDeliveryDate: string;
  notes: string;
  /** Ship somewhere else than the customer's account address. */
  shipElsewhere: boolean;
  address: EntryAddress;
}

/** The server's limits (ordering.PlaceRequest, pricing). */
export const entryLimits = {
  customer: 254,
  lines: 200,
  sku: 40,
  quantity: 1_000_000,
  purchaseOrderNumber: 64,
  notes: 2000,
  addressField: 200,
  phone: 40,
} as const;

let lineSeq = 0;
export function newLine(sku = '', quantity: number | '' = 1): EntryLine {
  lineSeq += 1;
  return { key: `line-${lineSeq}`, sku, quantity };
}

export function initialEntry(): EntryValues {
  return {
    customer: '',
    channel: '',
    lines: [newLine()],
    priority: 'standard',
    purchaseOrderNumber: '',
    requestedDeliveryDate: '',
    notes: '',
    shipElsewhere: false,
    address: { name: '', line1: '', line2: '', city: '', postal_code: '', country: '', phone: '' },
  };
}

/** SKUs are matched without regard to case or surrounding spaces (the server upper-cases them). */
export function normalizeSku(sku: string): string {
  return sku.trim().toUpperCase();
}

/** The catalog's SKU rule: 2–40 of A–Z, 0–9, '.', '_', '-', starting with a letter or digit. */
const skuPattern = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;

/** Errors by form path (`lines.0.sku`, `address.city`): the server's rules, checked in the browser first. */
export function validateEntry(values: EntryValues, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const customer = values.customer.trim();
  if (!customer) errors.customer = 'Enter the customer’s Login ID or email';
  else if (customer.length > entryLimits.customer) errors.customer = `At most ${entryLimits.customer} characters`;
  else if (customer.includes('@') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customer)) errors.customer = 'This email address is not complete';
  if (!values.channel) errors.channel = 'Choose how the order came in';

  if (values.lines.length === 0) errors.lines = 'Add at least one product';
  if (values.lines.length > entryLimits.lines) errors.lines = `At most ${entryLimits.lines} lines: split the order`;
  const seen = new Map<string, number>();
  values.lines.forEach((line, i) => {
    const sku = normalizeSku(line.sku);
    if (!sku) errors[`lines.${i}.sku`] = 'Enter a SKU';
    else if (sku.length > entryLimits.sku) errors[`lines.${i}.sku`] = `At most ${entryLimits.sku} characters`;
    else if (!skuPattern.test(sku)) errors[`lines.${i}.sku`] = 'Not a SKU: 2–40 letters, digits, “.”, “_” or “-”';
    else if (seen.has(sku)) errors[`lines.${i}.sku`] = `Already on line ${seen.get(sku)! + 1}: put the total quantity there`;
    else seen.set(sku, i);
    const q = line.quantity;
    if (q === '' || !Number.isInteger(q) || q < 1 || q > entryLimits.quantity) {
      errors[`lines.${i}.quantity`] = `A whole number from 1 to ${entryLimits.quantity.toLocaleString('en')}`;
    }
  });

  if (values.purchaseOrderNumber.trim().length > entryLimits.purchaseOrderNumber) {
    errors.purchaseOrderNumber = `At most ${entryLimits.purchaseOrderNumber} characters`;
  }
  const date = values.requestedDeliveryDate;
  if (date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.requestedDeliveryDate = 'Enter a date like 2027-03-01';
    else if (date < today) errors.requestedDeliveryDate = 'Must not be in the past';
  }
  if (values.notes.trim().length > entryLimits.notes) errors.notes = `At most ${entryLimits.notes} characters`;

  if (values.shipElsewhere) {
    const a = values.address;
    const required: [keyof EntryAddress, string][] = [
      ['line1', 'Enter the street and number'],
      ['city', 'Enter the city'],
      ['postal_code', 'Enter the postal code'],
    ];
    for (const [field, message] of required) {
      const value = a[field].trim();
      if (!value) errors[`address.${field}`] = message;
      else if (value.length > entryLimits.addressField) errors[`address.${field}`] = `At most ${entryLimits.addressField} characters`;
    }
    for (const field of ['name', 'line2'] as const) {
      if (a[field].trim().length > entryLimits.addressField) errors[`address.${field}`] = `At most ${entryLimits.addressField} characters`;
    }
    if (!/^[A-Za-z]{2}$/.test(a.country.trim())) errors['address.country'] = 'A two-letter country code like US';
    if (a.phone.trim().length > entryLimits.phone) errors['address.phone'] = `At most ${entryLimits.phone} characters`;
  }
  return errors;
}

/** The request for valid values; empty optional fields are left out. */
export function entryRequest(values: EntryValues, confirmDuplicate = false): StaffPlaceRequest {
  const a = values.address;
  const body: StaffPlaceRequest = {
    customer: values.customer.trim(),
    channel: values.channel as EntryChannel,
    items: values.lines.map((line) => ({ sku: normalizeSku(line.sku), quantity: Number(line.quantity) })),
    priority: values.priority,
  };
  if (values.purchaseOrderNumber.trim()) body.purchase_order_number = values.purchaseOrderNumber.trim();
  if (values.requestedDeliveryDate) body.requested_delivery_date = values.requestedDeliveryDate;
  if (values.notes.trim()) body.notes = values.notes.trim();
  if (values.shipElsewhere) {
    body.shipping_address = {
      name: a.name.trim(),
      line1: a.line1.trim(),
      line2: a.line2.trim(),
      city: a.city.trim(),
      postal_code: a.postal_code.trim(),
      country: a.country.trim().toUpperCase(),
      phone: a.phone.trim(),
    };
  }
  if (confirmDuplicate) body.confirm_duplicate = true;
  return body;
}

/** The API's field name as a form path ("items[2].sku" → "lines.2.sku"), for a 422. */
export function entryErrorPath(field: string): string | undefined {
  const item = /^items\[(\d+)\]\.(sku|quantity)$/.exec(field);
  if (item) return `lines.${item[1]}.${item[2]}`;
  if (field === 'items') return 'lines';
  const address = /^shipping_address\.(name|line1|line2|city|postal_code|country|phone)$/.exec(field);
  if (address) return `address.${address[1]}`;
  const simple: Record<string, string> = {
    customer: 'customer',
    channel: 'channel',
    priority: 'priority',
    purchase_order_number: 'purchaseOrderNumber',
    requested_delivery_date: 'requestedDeliveryDate',
    notes: 'notes',
  };
  return simple[field];
}
