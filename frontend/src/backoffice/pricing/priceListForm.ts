import type { PriceList, PriceListRequest } from '../../api/pricing';
import { minorToDecimal } from './amounts';
import { checkTiers, type TierRow } from './tiers';
import { isoToLocalInput, localInputToIso, windowErrors } from './validity';

export interface ItemValues {
  productId: string;
  tiers: TierRow[];
}

export interface PriceListValues {
  name: string;
  code: string;
  /** A group's list, or one customer's contract prices. */
  target: 'group' | 'customer';
  groupId: string | null;
  customerId: string;
  currency: string;
  validFrom: string;
  validTo: string;
  active: boolean;
  items: ItemValues[];
}

export const priceListLabels: Record<string, string> = {
  name: 'Name',
  code: 'Code',
  groupId: 'Customer group',
  customerId: 'Customer ID',
  currency: 'Currency',
  validFrom: 'Valid from',
  validTo: 'Valid until',
  'items.*.productId': 'Product',
  'items.*.tiers': 'Tiers',
  'items.*.tiers.*.minQty': 'Minimum quantity',
  'items.*.tiers.*.amount': 'Price',
};

export function newPriceListValues(): PriceListValues {
  return { name: '', code: '', target: 'group', groupId: null, customerId: '', currency: 'USD', validFrom: '', validTo: '', active: true, items: [] };
}

export function priceListValues(l: PriceList): PriceListValues {
  return {
    name: l.name,
    code: l.code,
    target: l.customer_id ? 'customer' : 'group',
    groupId: l.customer_group_id ?? null,
    customerId: l.customer_id ?? '',
    currency: l.currency,
    validFrom: isoToLocalInput(l.valid_from),
    validTo: isoToLocalInput(l.valid_to),
    active: l.active,
    items: (l.items ?? []).map((it) => ({
      productId: it.product_id,
      tiers: [...it.tiers]
        .sort((a, b) => a.min_qty - b.min_qty)
        .map((t) => ({ minQty: String(t.min_qty), amount: minorToDecimal(t.amount ?? 0, l.currency) })),
    })),
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Client checks that mirror the server's; keyed by form path for @mantine/form. */
export function validatePriceList(v: PriceListValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'Enter a name';
  else if (v.name.trim().length > 120) errors.name = 'At most 120 characters';
  if (!/^[A-Z0-9_-]{2,40}$/.test(v.code.trim().toUpperCase())) errors.code = '2–40 characters: A–Z, 0–9, “_” or “-”';
  if (v.target === 'group' && !v.groupId) errors.groupId = 'Choose a customer group';
  if (v.target === 'customer' && !uuid.test(v.customerId.trim())) errors.customerId = 'Enter the customer’s ID (like 0194f3c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e)';
  if (!/^[A-Za-z]{3}$/.test(v.currency.trim())) errors.currency = 'A three-letter code like USD';
  Object.assign(errors, windowErrors(v.validFrom, v.validTo));
  const currency = v.currency.trim().toUpperCase() || 'USD';
  v.items.forEach((item, i) => {
    for (const [key, message] of Object.entries(checkTiers(item.tiers, currency).errors)) {
      errors[key === 'rows' ? `items.${i}.tiers` : `items.${i}.tiers.${key}`] = message;
    }
  });
  return errors;
}

/** The whole list as the API takes it (tiers parsed from their strings; run after validatePriceList). */
export function toPriceListRequest(v: PriceListValues, version?: number): PriceListRequest {
  const currency = v.currency.trim().toUpperCase();
  const body: PriceListRequest = {
    name: v.name.trim(),
    code: v.code.trim().toUpperCase(),
    currency,
    active: v.active,
    items: v.items.map((it) => ({ product_id: it.productId, tiers: checkTiers(it.tiers, currency).tiers })),
  };
  if (v.target === 'group' && v.groupId) body.customer_group_id = v.groupId;
  if (v.target === 'customer') body.customer_id = v.customerId.trim();
  const from = localInputToIso(v.validFrom);
  const to = localInputToIso(v.validTo);
  if (from) body.valid_from = from;
  if (to) body.valid_to = to;
  if (version !== undefined) body.version = version;
  return body;
}

const apiFields: Record<string, string> = {
  name: 'name',
  code: 'code',
  customer_group_id: 'groupId',
  customer_id: 'customerId',
  currency: 'currency',
  valid_from: 'validFrom',
  valid_to: 'validTo',
};

/** "items[0].tiers[1].min_qty" → "items.0.tiers.1.minQty"; undefined for fields no input shows. */
export function priceListPath(field: string, v: Pick<PriceListValues, 'target'>): string | undefined {
  if (field === 'customer_group_id' && v.target === 'customer') return 'customerId';
  if (apiFields[field]) return apiFields[field];
  const m = /^items\[(\d+)\](?:\.tiers(?:\[(\d+)\](?:\.(min_qty|amount))?)?|\.product_id)?$/.exec(field);
  if (!m) return undefined;
  const [, i, j, col] = m;
  if (field.endsWith('.product_id')) return `items.${i}.productId`;
  if (j !== undefined && col) return `items.${i}.tiers.${j}.${col === 'min_qty' ? 'minQty' : 'amount'}`;
  return `items.${i}.tiers`;
}
