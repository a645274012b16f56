import type { Audience, Product, ProductRequest, ProductStatus } from '../../api/adminCatalog';
import { ApiError, sentence } from '../../api/errors';
import { hasProblemType, problemTypes, takenField } from '../../api/problems';
import { minorToDecimal, parseMoney } from './money';

/** One specification row as edited; `key` only keeps React's list stable across reorders. */
export interface SpecRow {
  key: string;
  group: string;
  name: string;
  value: string;
  unit: string;
}

/** Whole numbers are typed in NumberInputs, which give '' while empty. */
type Whole = number | string;

/** The editor's values: strings as typed, converted by `toRequest`. */
export interface ProductValues {
  sku: string;
  name: string;
  slug: string;
  description: string;
  categoryId: string;
  status: ProductStatus;
  audience: Audience;
  price: string;
  currency: string;
  taxClass: string;
  minOrderQty: Whole;
  orderMultiple: Whole;
  weightGrams: Whole;
  /** The packed size in millimetres; each may be left empty. */
  lengthMm: Whole;
  widthMm: Whole;
  heightMm: Whole;
  /** Only when creating: later changes go through "Adjust stock". */
  stockOnHand: Whole;
  specs: SpecRow[];
}

export const fieldLabels: Record<string, string> = {
  sku: 'SKU',
  name: 'Name',
  slug: 'Slug',
  description: 'Description',
  categoryId: 'Category',
  status: 'Status',
  audience: 'Audience',
  price: 'Price',
  currency: 'Currency',
  taxClass: 'Tax class',
  minOrderQty: 'Minimum order quantity',
  orderMultiple: 'Order multiple',
  weightGrams: 'Weight',
  lengthMm: 'Length (mm)',
  widthMm: 'Width (mm)',
  heightMm: 'Height (mm)',
  stockOnHand: 'Stock on hand',
};

/** The order of the inputs on the page: the first invalid one gets the focus. */
export const fieldOrder = [
  'sku',
  'name',
  'slug',
  'description',
  'categoryId',
  'status',
  'audience',
  'price',
  'currency',
  'taxClass',
  'minOrderQty',
  'orderMultiple',
  'weightGrams',
  'lengthMm',
  'widthMm',
  'heightMm',
  'stockOnHand',
] as const;

let nextKey = 0;
export function newSpecRow(partial: Partial<Omit<SpecRow, 'key'>> = {}): SpecRow {
  nextKey += 1;
  return { key: `spec-${nextKey}`, group: '', name: '', value: '', unit: '', ...partial };
}

export const emptyProduct: Omit<ProductValues, 'specs'> = {
  sku: '',
  name: '',
  slug: '',
  description: '',
  categoryId: '',
  status: 'draft',
  audience: 'both',
  price: '',
  currency: 'USD',
  taxClass: 'standard',
  minOrderQty: 1,
  orderMultiple: 1,
  weightGrams: '',
  lengthMm: '',
  widthMm: '',
  heightMm: '',
  stockOnHand: 0,
};

export function newProductValues(): ProductValues {
  return { ...emptyProduct, specs: [] };
}

export function productValues(p: Product): ProductValues {
  return {
    sku: p.sku,
    name: p.name,
    slug: p.slug,
    description: p.description,
    categoryId: p.category?.id ?? '',
    status: p.status,
    audience: p.audience,
    // The base price (what is edited); `price` is what the viewer would pay.
    price: minorToDecimal(basePrice(p).amount ?? 0, basePrice(p).currency),
    currency: basePrice(p).currency,
    taxClass: p.tax_class,
    minOrderQty: p.min_order_qty,
    orderMultiple: p.order_multiple,
    weightGrams: p.weight_grams ?? '',
    lengthMm: p.length_mm ?? '',
    widthMm: p.width_mm ?? '',
    heightMm: p.height_mm ?? '',
    stockOnHand: p.stock.on_hand ?? 0,
    specs: p.specs.map((s) => newSpecRow({ group: s.group ?? '', name: s.name, value: s.value, unit: s.unit ?? '' })),
  };
}

export function basePrice(p: Product) {
  return p.list_price ?? p.price;
}

// The server's rules (catalog.ProductInput.normalize), checked before sending.
export const skuPattern = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The server's slug for a name: lower-case letters and digits joined by single dashes. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function whole(value: Whole): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? n : NaN;
}

/** Errors by form path ("sku", "specs.2.name"); empty when the values can be sent. */
export function validateProduct(values: ProductValues, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  const sku = values.sku.trim().toUpperCase();
  if (!sku) errors.sku = 'Enter the SKU';
  else if (!skuPattern.test(sku))
    errors.sku = 'Use 2–40 characters: A–Z, 0–9, dot, underscore or dash, starting with a letter or digit';
  const name = values.name.trim();
  if (!name) errors.name = 'Enter the product name';
  else if (name.length > 200) errors.name = 'At most 200 characters';
  const slug = values.slug.trim() || slugify(name);
  if (slug && (!slugPattern.test(slug) || slug.length > 120))
    errors.slug = 'Use lower-case words joined by dashes, e.g. cordless-drill-18v';
  if (values.description.length > 20000) errors.description = 'At most 20,000 characters';
  const currency = values.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'Use a three-letter code like USD';
  const price = parseMoney(values.price, currency || 'USD');
  if (!price.ok) errors.price = price.error;
  if (values.taxClass.trim().length > 40) errors.taxClass = 'At most 40 characters';
  for (const field of ['minOrderQty', 'orderMultiple'] as const) {
    const n = whole(values[field]);
    if (n !== null && !(n >= 1)) errors[field] = 'Enter a whole number of at least 1';
  }
  const weight = whole(values.weightGrams);
  if (weight !== null && !(weight >= 0)) errors.weightGrams = 'Enter a whole number of grams, or leave it empty';
  for (const field of ['lengthMm', 'widthMm', 'heightMm'] as const) {
    const n = whole(values[field]);
    if (n !== null && !(n >= 0)) errors[field] = 'Enter a whole number of millimetres, or leave it empty';
  }
  if (creating) {
    const stock = whole(values.stockOnHand);
    if (stock !== null && !(stock >= 0)) errors.stockOnHand = 'Enter a whole number of at least 0';
  }
  values.specs.forEach((row, i) => {
    const blank = !row.group.trim() && !row.name.trim() && !row.value.trim() && !row.unit.trim();
    if (blank) return; // empty rows are dropped when saving
    if (!row.name.trim()) errors[`specs.${i}.name`] = 'Enter a name';
    if (!row.value.trim()) errors[`specs.${i}.value`] = 'Enter a value';
  });
  if (values.specs.length > 200) errors.specs = 'At most 200 rows';
  return errors;
}

/** The request body for valid values (call `validateProduct` first). */
export function toRequest(values: ProductValues, creating: boolean, version?: number): ProductRequest {
  const currency = values.currency.trim().toUpperCase();
  const price = parseMoney(values.price, currency);
  const body: ProductRequest = {
    sku: values.sku.trim().toUpperCase(),
    name: values.name.trim(),
    slug: values.slug.trim(),
    description: values.description,
    status: values.status,
    audience: values.audience,
    price: { amount: price.ok ? price.amount : 0, currency },
    tax_class: values.taxClass.trim(),
    min_order_qty: whole(values.minOrderQty) ?? 1,
    order_multiple: whole(values.orderMultiple) ?? 1,
    specs: values.specs
      .map((s) => ({ group: s.group.trim(), name: s.name.trim(), value: s.value.trim(), unit: s.unit.trim() }))
      .filter((s) => s.group || s.name || s.value || s.unit),
  };
  if (values.categoryId) body.category_id = values.categoryId;
  const weight = whole(values.weightGrams);
  if (weight !== null) body.weight_grams = weight;
  const length = whole(values.lengthMm);
  if (length !== null) body.length_mm = length;
  const width = whole(values.widthMm);
  if (width !== null) body.width_mm = width;
  const height = whole(values.heightMm);
  if (height !== null) body.height_mm = height;
  if (creating) body.stock_on_hand = whole(values.stockOnHand) ?? 0;
  if (version !== undefined) body.version = version;
  return body;
}

/** The API's field names → the editor's form paths. */
const apiFields: Record<string, string> = {
  sku: 'sku',
  name: 'name',
  slug: 'slug',
  description: 'description',
  category_id: 'categoryId',
  status: 'status',
  audience: 'audience',
  price: 'price',
  'price.amount': 'price',
  'price.currency': 'currency',
  tax_class: 'taxClass',
  min_order_qty: 'minOrderQty',
  order_multiple: 'orderMultiple',
  weight_grams: 'weightGrams',
  length_mm: 'lengthMm',
  width_mm: 'widthMm',
  height_mm: 'heightMm',
  stock_on_hand: 'stockOnHand',
  specs: 'specs',
};

/** "specs[2]" → "specs.2.name" (the row's first input); "specs[2].value" → "specs.2.value". */
function formPath(field: string): string | null {
  const spec = /^specs\[(\d+)\](?:\.(group|name|value|unit))?$/.exec(field);
  if (spec) return `specs.${spec[1]}.${spec[2] ?? 'name'}`;
  return apiFields[field] ?? null;
}

export interface MappedErrors {
  /** Messages under inputs, by form path. */
  fields: Record<string, string>;
  /** Messages for fields the form has no input for (shown above the form). */
  other: string[];
}

/**
 * A 422's field errors placed on the editor's inputs, and the 409s that are
 * about one field (SKU or slug taken). Anything else is not a field error.
 */
export function serverErrors(error: unknown): MappedErrors {
  const result: MappedErrors = { fields: {}, other: [] };
  if (!(error instanceof ApiError)) return result;
  if (error.status === 409) {
    const field = takenField(error);
    if (field === 'sku' || field === 'slug') result.fields[field] = sentence(error.problem?.detail ?? `This ${field} is taken`);
    return result;
  }
  if (error.status !== 422 && error.status !== 400) return result;
  for (const { field, message } of error.problem?.errors ?? []) {
    const path = formPath(field);
    const label = path ? fieldLabels[path] : undefined;
    if (path) {
      const text = sentence(label ? `${label} ${message}` : message);
      result.fields[path] = result.fields[path] ? `${result.fields[path]} ${text}` : text;
    } else {
      result.other.push(sentence(`${field} ${message}`));
    }
  }
  return result;
}

/** True for the 409 that says the product changed since it was loaded (optimistic locking). */
export function isStale(error: unknown): boolean {
  return hasProblemType(error, problemTypes.staleVersion);
}
