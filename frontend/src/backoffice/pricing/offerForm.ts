import type { Offer, OfferAudience, OfferKind, OfferRequest, OfferScope } from '../../api/pricing';
import { basisPointsToPercent, decimalToMinor, formatMoney, formatPercent, minorToDecimal, parseWhole, percentToBasisPoints } from './amounts';
import { isoToLocalInput, localInputToIso, windowErrors } from './validity';

export interface OfferValues {
  name: string;
  /** Empty: the offer applies by itself; otherwise only when the coupon code is entered. */
  code: string;
  kind: OfferKind;
  /** "10" (%) for percent offers, "5.00" (currency) for fixed ones. */
  value: string;
  currency: string;
  scope: OfferScope;
  productId: string | null;
  categoryId: string | null;
  audience: OfferAudience;
  groupId: string | null;
  validFrom: string;
  validTo: string;
  minOrderAmount: string;
  minQuantity: string;
  maxUses: string;
  maxUsesPerCustomer: string;
  stackable: boolean;
  active: boolean;
}

export const offerLabels: Record<string, string> = {
  name: 'Name',
  code: 'Coupon code',
  kind: 'Kind',
  value: 'Discount',
  currency: 'Currency',
  scope: 'Applies to',
  productId: 'Product',
  categoryId: 'Category',
  audience: 'Audience',
  groupId: 'Customer group',
  validFrom: 'Valid from',
  validTo: 'Valid until',
  minOrderAmount: 'Minimum order amount',
  minQuantity: 'Minimum quantity',
  maxUses: 'Uses in total',
  maxUsesPerCustomer: 'Uses per customer',
};

export const kindLabels: Record<OfferKind, string> = { percent: 'Percent off', fixed: 'Amount off' };
export const scopeLabels: Record<OfferScope, string> = { product: 'A product', category: 'A category', order: 'The whole order' };
export const audienceLabels: Record<OfferAudience, string> = { both: 'Everyone', b2c: 'Consumers', b2b: 'Businesses' };

export function newOfferValues(): OfferValues {
  return {
    name: '', code: '', kind: 'percent', value: '', currency: 'USD', scope: 'order', productId: null, categoryId: null,
    audience: 'both', groupId: null, validFrom: '', validTo: '', minOrderAmount: '', minQuantity: '', maxUses: '',
    maxUsesPerCustomer: '', stackable: false, active: true,
  };
}

export function offerValues(o: Offer): OfferValues {
  const currency = o.currency ?? 'USD';
  return {
    name: o.name,
    code: o.code ?? '',
    kind: o.kind,
    value: o.kind === 'percent' ? basisPointsToPercent(o.value) : minorToDecimal(o.value, currency),
    currency,
    scope: o.scope,
    productId: o.product_id ?? null,
    categoryId: o.category_id ?? null,
    audience: o.audience,
    groupId: o.customer_group_id ?? null,
    validFrom: isoToLocalInput(o.valid_from),
    validTo: isoToLocalInput(o.valid_to),
    minOrderAmount: o.min_order_amount ? minorToDecimal(o.min_order_amount, currency) : '',
    minQuantity: o.min_quantity ? String(o.min_quantity) : '',
    maxUses: o.max_uses ? String(o.max_uses) : '',
    maxUsesPerCustomer: o.max_uses_per_customer ? String(o.max_uses_per_customer) : '',
    stackable: o.stackable,
    active: o.active,
  };
}

const moneyCurrency = (v: OfferValues) => v.currency.trim().toUpperCase() || 'USD';

function parseValue(v: OfferValues) {
  if (v.kind === 'percent') return percentToBasisPoints(v.value);
  const parsed = decimalToMinor(v.value, moneyCurrency(v));
  return parsed.ok && parsed.value < 1 ? { ok: false as const, error: 'The amount must be more than 0' } : parsed;
}

/** Client checks that mirror the server's, keyed by form path. */
export function validateOffer(v: OfferValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'Enter a name';
  else if (v.name.trim().length > 120) errors.name = 'At most 120 characters';
  if (v.code.trim() && !/^[A-Z0-9_-]{2,40}$/.test(v.code.trim().toUpperCase())) errors.code = '2–40 characters: A–Z, 0–9, “_” or “-”';
  if (v.kind === 'fixed' && !/^[A-Za-z]{3}$/.test(v.currency.trim())) errors.currency = 'A three-letter code like USD';
  const value = parseValue(v);
  if (!value.ok) errors.value = value.error;
  if (v.scope === 'product' && !v.productId) errors.productId = 'Choose a product';
  if (v.scope === 'category' && !v.categoryId) errors.categoryId = 'Choose a category';
  Object.assign(errors, windowErrors(v.validFrom, v.validTo));
  if (v.scope === 'order' && v.minOrderAmount.trim()) {
    const m = decimalToMinor(v.minOrderAmount, moneyCurrency(v));
    if (!m.ok) errors.minOrderAmount = m.error;
  }
  const whole: [keyof OfferValues, number][] = [['minQuantity', 0], ['maxUses', 1], ['maxUsesPerCustomer', 1]];
  for (const [key, min] of whole) {
    const text = String(v[key]).trim();
    if (!text) continue;
    const n = parseWhole(text, min, offerLabels[key] ?? key);
    if (!n.ok) errors[key] = n.error;
  }
  return errors;
}

/** The offer as the API takes it (run after validateOffer). Optional fields left empty are left out. */
export function toOfferRequest(v: OfferValues, version?: number): OfferRequest {
  const value = parseValue(v);
  const body: OfferRequest = {
    name: v.name.trim(),
    kind: v.kind,
    value: value.ok ? value.value : 0,
    scope: v.scope,
    audience: v.audience,
    stackable: v.stackable,
    active: v.active,
  };
  if (v.code.trim()) body.code = v.code.trim().toUpperCase();
  if (v.kind === 'fixed') body.currency = moneyCurrency(v);
  if (v.scope === 'product' && v.productId) body.product_id = v.productId;
  if (v.scope === 'category' && v.categoryId) body.category_id = v.categoryId;
  if (v.groupId) body.customer_group_id = v.groupId;
  const from = localInputToIso(v.validFrom);
  const to = localInputToIso(v.validTo);
  if (from) body.valid_from = from;
  if (to) body.valid_to = to;
  if (v.scope === 'order' && v.minOrderAmount.trim()) {
    const m = decimalToMinor(v.minOrderAmount, moneyCurrency(v));
    if (m.ok && m.value > 0) body.min_order_amount = m.value;
  }
  if (v.minQuantity.trim()) body.min_quantity = Number(v.minQuantity.trim());
  if (v.maxUses.trim()) body.max_uses = Number(v.maxUses.trim());
  if (v.maxUsesPerCustomer.trim()) body.max_uses_per_customer = Number(v.maxUsesPerCustomer.trim());
  if (version !== undefined) body.version = version;
  return body;
}

const apiFields: Record<string, string> = {
  name: 'name', code: 'code', kind: 'kind', value: 'value', currency: 'currency', scope: 'scope', product_id: 'productId',
  category_id: 'categoryId', audience: 'audience', customer_group_id: 'groupId', valid_from: 'validFrom', valid_to: 'validTo',
  min_order_amount: 'minOrderAmount', min_quantity: 'minQuantity', max_uses: 'maxUses', max_uses_per_customer: 'maxUsesPerCustomer',
};

export const offerFieldPath = (field: string): string | undefined => apiFields[field];

/** "10%" or "$5.00": the discount as people read it. */
export function offerValueText(o: Pick<Offer, 'kind' | 'value' | 'currency'>): string {
  return o.kind === 'percent' ? formatPercent(o.value) : formatMoney(o.value, o.currency ?? 'USD');
}

/** "3 / 100", "3" (no limit). */
export function usesText(o: Pick<Offer, 'uses' | 'max_uses'>): string {
  return o.max_uses ? `${o.uses} / ${o.max_uses}` : String(o.uses);
}
