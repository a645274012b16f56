import type { CatalogAudience, CatalogDetail, CatalogProduct, CatalogRequest } from '../../api/adminCatalogs';
import { ApiError, sentence } from '../../api/errors';
import { hasProblemType, problemTypes, takenField } from '../../api/problems';
import { isoToLocalInput, localInputToIso } from './dates';
import { catalogPriceText, parseCatalogPrice } from './price';
import { slugify, slugPattern } from './slug';

/** One product of the catalog, in display order. */
export interface CatalogItemValue {
  productId: string;
  /** The catalog's own price as typed ('' = the product's usual price). */
  price: string;
  /** The product's currency: the catalog price is in it. */
  currency: string;
}

/** The editor's form values: strings as typed, converted only when sending. */
export interface CatalogValues {
  name: string;
  slug: string;
  description: string;
  audience: CatalogAudience;
  /** `datetime-local` values in the browser's time zone; '' = open-ended. */
  validFrom: string;
  validTo: string;
  active: boolean;
  groups: string[];
  items: CatalogItemValue[];
}

export const fieldLabels: Record<string, string> = {
  name: 'Name',
  slug: 'Slug',
  description: 'Description',
  audience: 'Audience',
  validFrom: 'Valid from',
  validTo: 'Valid until',
  groups: 'Customer groups',
};

/** Inputs in page order, to focus the first invalid one. */
export const fieldOrder = ['name', 'slug', 'description', 'audience', 'validFrom', 'validTo', 'groups'] as const;

export const maxName = 120;
export const maxDescription = 5000;

export function newCatalogValues(): CatalogValues {
  return { name: '', slug: '', description: '', audience: 'b2b', validFrom: '', validTo: '', active: true, groups: [], items: [] };
}

/** `products` supplies the currency of items that have no catalog price (their Money carries none). */
export function catalogValues(detail: CatalogDetail, products: ReadonlyMap<string, CatalogProduct>): CatalogValues {
  return {
    name: detail.name,
    slug: detail.slug,
    description: detail.description,
    audience: detail.audience,
    validFrom: isoToLocalInput(detail.valid_from),
    validTo: isoToLocalInput(detail.valid_to),
    active: detail.active,
    groups: [...detail.groups],
    items: detail.items.map((item) => {
      const currency = item.price?.currency || products.get(item.product_id)?.list_price.currency || 'USD';
      return { productId: item.product_id, currency, price: item.price ? catalogPriceText(item.price.amount ?? 0, currency) : '' };
    }),
  };
}

export function itemFromProduct(product: CatalogProduct): CatalogItemValue {
  return { productId: product.id, price: '', currency: product.list_price.currency };
}

/** The slug that will be saved: the typed one, or one made from the name. */
export function effectiveSlug(values: Pick<CatalogValues, 'name' | 'slug'>): string {
  return values.slug.trim() || slugify(values.name);
}

/** The same checks as the server, so most mistakes are caught before sending. */
export function validateCatalog(values: CatalogValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Enter a name, e.g. “Spring 2027 trade catalog”';
  else if (name.length > maxName) errors.name = `At most ${maxName} characters`;

  const slug = effectiveSlug(values);
  if (values.slug.trim() && !slugPattern.test(values.slug.trim())) {
    errors.slug = 'Use lower-case letters and digits joined by single dashes, e.g. spring-2027-trade';
  } else if (name && !slug) {
    errors.slug = 'The name has no letters or digits to make a slug from: type one';
  } else if (slug.length > maxName) {
    errors.slug = `At most ${maxName} characters`;
  }
  if (values.description.length > maxDescription) errors.description = `At most ${maxDescription} characters`;

  const from = values.validFrom ? localInputToIso(values.validFrom) : undefined;
  const to = values.validTo ? localInputToIso(values.validTo) : undefined;
  if (values.validFrom && !from) errors.validFrom = 'Enter a date and time, or leave it empty';
  if (values.validTo && !to) errors.validTo = 'Enter a date and time, or leave it empty';
  if (from && to && Date.parse(to) <= Date.parse(from)) errors.validTo = 'Must be after the start';

  values.items.forEach((item, i) => {
    const price = parseCatalogPrice(item.price, item.currency);
    if (!price.ok) errors[`items.${i}.price`] = price.error;
  });
  return errors;
}

/** The request body; call only with values that passed `validateCatalog`. */
export function toCatalogRequest(values: CatalogValues, version?: number): CatalogRequest {
  const body: CatalogRequest = {
    name: values.name.trim(),
    slug: effectiveSlug(values),
    description: values.description.trim(),
    audience: values.audience,
    active: values.active,
    groups: values.groups,
    items: values.items.map((item) => {
      const price = parseCatalogPrice(item.price, item.currency);
      const amount = price.ok ? price.amount : undefined;
      return amount === undefined ? { product_id: item.productId } : { product_id: item.productId, price_amount: amount };
    }),
  };
  const from = values.validFrom ? localInputToIso(values.validFrom) : undefined;
  const to = values.validTo ? localInputToIso(values.validTo) : undefined;
  if (from) body.valid_from = from;
  if (to) body.valid_to = to;
  if (version !== undefined) body.version = version;
  return body;
}

/** The form path of an API field: "valid_to" → "validTo", "products[2].price" → "items.2.price". */
export function formPath(field: string): string | undefined {
  const simple: Record<string, string> = {
    name: 'name',
    slug: 'slug',
    description: 'description',
    audience: 'audience',
    valid_from: 'validFrom',
    valid_to: 'validTo',
    groups: 'groups',
  };
  if (simple[field]) return simple[field];
  const item = /^(?:products|items)\[(\d+)\]\.(\w+)$/.exec(field);
  if (item) {
    const [, index, column] = item;
    return column === 'product_id' ? `items.${index}.productId` : `items.${index}.price`;
  }
  return undefined;
}

export interface MappedErrors {
  /** Keyed by form path. */
  fields: Record<string, string>;
  /** Errors no input shows. */
  other: string[];
}

/** A 422's field errors on the inputs; a 409 about the slug on the slug input. */
export function serverErrors(error: unknown): MappedErrors {
  const result: MappedErrors = { fields: {}, other: [] };
  if (!(error instanceof ApiError)) return result;
  if (error.status === 409) {
    if (takenField(error) === 'slug') result.fields.slug = sentence(error.problem?.detail || 'A catalog with this slug already exists');
    return result;
  }
  if (error.status !== 422 && error.status !== 400) return result;
  for (const { field, message } of error.problem?.errors ?? []) {
    const path = formPath(field);
    if (path) {
      const label = fieldLabels[path] ?? (path.endsWith('.price') ? 'Catalog price' : 'Product');
      const text = sentence(`${label} ${message}`);
      result.fields[path] = result.fields[path] ? `${result.fields[path]} ${text}` : text;
    } else {
      result.other.push(sentence(`${field} ${message}`));
    }
  }
  return result;
}

/** The 409 that says the catalog changed since it was loaded. */
export function isStale(error: unknown): boolean {
  return hasProblemType(error, problemTypes.staleVersion);
}

/** Where an item goes when moved one step; undefined at either end. */
export function moveTarget(index: number, direction: 'up' | 'down', length: number): number | undefined {
  const to = direction === 'up' ? index - 1 : index + 1;
  return to < 0 || to >= length ? undefined : to;
}
