import { describe, expect, it } from 'vitest';
import type { CatalogDetail, CatalogProduct } from '../../api/adminCatalogs';
import { ApiError } from '../../api/errors';
import { problemTypes } from '../../api/problems';
import {
  catalogValues,
  formPath,
  isStale,
  moveTarget,
  newCatalogValues,
  serverErrors,
  toCatalogRequest,
  validateCatalog,
  type CatalogValues,
} from './catalogForm';

const values = (overrides: Partial<CatalogValues> = {}): CatalogValues => ({ ...newCatalogValues(), name: 'Spring trade', ...overrides });
const problem = (status: number, detail: string, errors?: { field: string; message: string }[], type = 'about:blank', subject?: string) =>
  new ApiError(status, { type, title: 'x', status, detail, errors, subject }, detail);

describe('validateCatalog', () => {
  it('accepts a minimal catalog and makes its slug from the name', () => {
    expect(validateCatalog(values())).toEqual({});
    expect(toCatalogRequest(values()).slug).toBe('spring-trade');
  });

  it('names every wrong field', () => {
    const errors = validateCatalog(
      values({
        name: ' ',
        slug: 'Not A Slug',
        validFrom: '2027-03-10T10:00',
        validTo: '2027-03-10T09:00',
        items: [
          { productId: 'a', price: '12.999', currency: 'USD' },
          { productId: 'b', price: '', currency: 'USD' },
          { productId: 'c', price: 'x', currency: 'JPY' },
        ],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['items.0.price', 'items.2.price', 'name', 'slug', 'validTo']);
    expect(errors.validTo).toBe('Must be after the start');
  });

  it('asks for a slug when the name has nothing to make one from', () => {
    expect(validateCatalog(values({ name: '!!!' })).slug).toMatch(/type one/);
  });
});

describe('toCatalogRequest', () => {
  it('sends minor units, items in order, dates in UTC and the version', () => {
    const body = toCatalogRequest(
      values({
        slug: 'spring',
        description: ' Bulk packs ',
        audience: 'b2b',
        groups: ['g1'],
        validFrom: '2027-03-01T00:00',
        items: [
          { productId: 'p2', price: '0.29', currency: 'USD' },
          { productId: 'p1', price: '', currency: 'USD' },
        ],
      }),
      4,
    );
    expect(body).toEqual({
      name: 'Spring trade',
      slug: 'spring',
      description: 'Bulk packs',
      audience: 'b2b',
      active: true,
      groups: ['g1'],
      items: [{ product_id: 'p2', price_amount: 29 }, { product_id: 'p1' }],
      valid_from: new Date(2027, 2, 1, 0, 0).toISOString(),
      version: 4,
    });
    expect(body).not.toHaveProperty('valid_to');
  });
});

describe('catalogValues', () => {
  it('shows catalog prices as decimals in the product’s currency', () => {
    const detail = {
      id: 'c1', name: 'N', slug: 'n', description: '', audience: 'b2b', active: false, groups: ['g'], version: 2, products: 2,
      updated_at: '', valid_from: null, valid_to: null,
      items: [{ product_id: 'p1', price: { amount: 1250, currency: 'EUR' } }, { product_id: 'p2', price: null }],
    } satisfies CatalogDetail;
    const products = new Map([['p2', { id: 'p2', list_price: { amount: 500, currency: 'JPY' } } as CatalogProduct]]);
    expect(catalogValues(detail, products).items).toEqual([
      { productId: 'p1', price: '12.50', currency: 'EUR' },
      { productId: 'p2', price: '', currency: 'JPY' },
    ]);
  });
});

describe('server errors', () => {
  it('maps API fields to inputs', () => {
    expect(formPath('valid_to')).toBe('validTo');
    expect(formPath('products[2].price')).toBe('items.2.price');
    expect(formPath('items[1].price_amount')).toBe('items.1.price');
    expect(formPath('products[0].product_id')).toBe('items.0.productId');
    expect(formPath('version')).toBeUndefined();
    const mapped = serverErrors(
      problem(422, 'invalid', [
        { field: 'valid_to', message: 'must be after valid_from' },
        { field: 'products[1].product_id', message: 'is not an existing product' },
        { field: 'version', message: 'is required' },
      ]),
    );
    expect(mapped.fields).toEqual({ validTo: 'Valid until must be after valid_from.', 'items.1.productId': 'Product is not an existing product.' });
    expect(mapped.other).toEqual(['Version is required.']);
  });

  it('tells a taken slug from a stale version', () => {
    const taken = problem(409, 'a catalog with this slug already exists', undefined, problemTypes.alreadyExists, 'slug');
    const stale = problem(409, 'the catalog was changed by someone else since you loaded it; reload and try again', undefined, problemTypes.staleVersion);
    expect(serverErrors(taken).fields).toEqual({ slug: 'A catalog with this slug already exists.' });
    expect(isStale(taken)).toBe(false);
    expect(isStale(stale)).toBe(true);
    expect(isStale(problem(422, 'x'))).toBe(false);
    // The type decides, not the wording.
    expect(isStale(problem(409, 'the slug was changed'))).toBe(false);
    expect(serverErrors(problem(409, 'slug', undefined, problemTypes.staleVersion)).fields).toEqual({});
  });
});

describe('moveTarget', () => {
  it('moves one step and stops at the ends', () => {
    expect(moveTarget(0, 'up', 3)).toBeUndefined();
    expect(moveTarget(0, 'down', 3)).toBe(1);
    expect(moveTarget(2, 'up', 3)).toBe(1);
    expect(moveTarget(2, 'down', 3)).toBeUndefined();
  });
});
