import { describe, expect, it } from 'vitest';
import type { Product } from '../../api/adminCatalog';
import { ApiError } from '../../api/errors';
import { problemTypes } from '../../api/problems';
import {
  isStale,
  newProductValues,
  newSpecRow,
  productValues,
  serverErrors,
  slugify,
  toRequest,
  validateProduct,
  type ProductValues,
} from './productForm';

const valid = (over: Partial<ProductValues> = {}): ProductValues => ({
  ...newProductValues(),
  sku: 'DRL-230',
  name: 'Cordless drill 18 V',
  price: '129.90',
  ...over,
});

function problem(status: number, detail: string, errors?: { field: string; message: string }[], type = 'about:blank', subject?: string) {
  return new ApiError(status, { type, title: 'x', status, detail, errors, subject }, detail);
}
const taken = (field: string, detail: string) => problem(409, detail, undefined, problemTypes.alreadyExists, field);

describe('validateProduct (mirrors the server)', () => {
  it('accepts a complete product', () => {
    expect(validateProduct(valid(), true)).toEqual({});
  });

  it.each([
    ['', 'Enter the SKU'],
    ['A', 'Use 2–40'],
    ['-AB', 'Use 2–40'],
    ['AB CD', 'Use 2–40'],
    ['A'.repeat(41), 'Use 2–40'],
  ])('SKU %j is refused', (sku, message) => {
    expect(validateProduct(valid({ sku }), true).sku).toContain(message);
  });

  it('takes a lower-case SKU as the server does (it upper-cases)', () => {
    expect(validateProduct(valid({ sku: 'drl-230.v2_x' }), true)).toEqual({});
  });

  it('requires a name and a price, and checks the currency and slug', () => {
    const errors = validateProduct(valid({ name: '  ', price: '12.345', currency: 'US', slug: 'Not A Slug' }), true);
    expect(errors).toMatchObject({
      name: 'Enter the product name',
      currency: 'Use a three-letter code like USD',
      slug: expect.stringContaining('lower-case'),
    });
    expect(validateProduct(valid({ price: '12.345' }), true).price).toBe('At most 2 decimal places for USD');
  });

  it('checks whole numbers, and stock only when creating', () => {
    const values = valid({ minOrderQty: 0, orderMultiple: 1.5, weightGrams: -1, stockOnHand: -2 });
    expect(Object.keys(validateProduct(values, true)).sort()).toEqual(['minOrderQty', 'orderMultiple', 'stockOnHand', 'weightGrams']);
    expect(validateProduct(values, false).stockOnHand).toBeUndefined();
  });

  it('allows the packed size empty, or whole millimetres from 0', () => {
    expect(validateProduct(valid({ lengthMm: '', widthMm: 0, heightMm: 250 }), true)).toEqual({});
    expect(validateProduct(valid({ lengthMm: -1, widthMm: 12.5, heightMm: 'abc' }), true)).toEqual({
      lengthMm: 'Enter a whole number of millimetres, or leave it empty',
      widthMm: 'Enter a whole number of millimetres, or leave it empty',
      heightMm: 'Enter a whole number of millimetres, or leave it empty',
    });
  });

  it('wants a name and value in every spec row that is not blank', () => {
    const specs = [newSpecRow({ group: 'Electrical', name: 'Voltage' }), newSpecRow(), newSpecRow({ value: '2 kg' })];
    expect(validateProduct(valid({ specs }), true)).toEqual({ 'specs.0.value': 'Enter a value', 'specs.2.name': 'Enter a name' });
  });
});

describe('toRequest', () => {
  it('sends minor units, trims, upper-cases and drops blank spec rows', () => {
    const body = toRequest(
      valid({
        sku: ' drl-230 ',
        price: '0.29',
        currency: 'eur',
        categoryId: 'cat-1',
        weightGrams: 1800,
        lengthMm: 400,
        widthMm: 0,
        heightMm: '250',
        stockOnHand: 12,
        specs: [newSpecRow({ group: ' Electrical ', name: 'Voltage', value: '18', unit: 'V' }), newSpecRow()],
      }),
      true,
    );
    expect(body).toEqual({
      sku: 'DRL-230',
      name: 'Cordless drill 18 V',
      slug: '',
      description: '',
      status: 'draft',
      audience: 'both',
      price: { amount: 29, currency: 'EUR' },
      tax_class: 'standard',
      min_order_qty: 1,
      order_multiple: 1,
      category_id: 'cat-1',
      weight_grams: 1800,
      length_mm: 400,
      width_mm: 0,
      height_mm: 250,
      stock_on_hand: 12,
      specs: [{ group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' }],
    });
  });

  it('on update sends the version read and no stock (stock has its own endpoint)', () => {
    const body = toRequest(valid({ stockOnHand: 5 }), false, 7);
    expect(body.version).toBe(7);
    expect(body).not.toHaveProperty('stock_on_hand');
    expect(body).not.toHaveProperty('weight_grams');
    expect(body).not.toHaveProperty('length_mm');
    expect(body).not.toHaveProperty('width_mm');
    expect(body).not.toHaveProperty('height_mm');
    expect(body).not.toHaveProperty('category_id');
  });

  it('round-trips a product read from the API', () => {
    const product = {
      id: 'p1',
      sku: 'DRL-230',
      slug: 'drill',
      name: 'Drill',
      description: 'Strong.',
      category: { id: 'c1', name: 'Tools', slug: 'tools', position: 0 },
      status: 'active',
      audience: 'b2b',
      price: { amount: 900, currency: 'USD' },
      list_price: { amount: 1000, currency: 'USD' },
      tax_class: 'standard',
      stock: { available: 3, on_hand: 5, reserved: 2 },
      min_order_qty: 2,
      order_multiple: 2,
      weight_grams: null,
      length_mm: 400,
      width_mm: 300,
      height_mm: null,
      specs: [{ group: 'Size', name: 'Length', value: '30', unit: 'cm' }],
      images: [],
      videos: [],
      version: 4,
      updated_at: '2026-11-25T16:00:00Z',
    } as unknown as Product;
    const values = productValues(product);
    expect(values.price).toBe('10.00'); // the base price, not what staff would pay
    expect(values.specs[0]).toMatchObject({ group: 'Size', name: 'Length', value: '30', unit: 'cm' });
    expect(values).toMatchObject({ weightGrams: '', lengthMm: 400, widthMm: 300, heightMm: '' });
    const body = toRequest(values, false, product.version);
    expect(body).toMatchObject({
      price: { amount: 1000, currency: 'USD' },
      category_id: 'c1',
      min_order_qty: 2,
      length_mm: 400,
      width_mm: 300,
      specs: product.specs,
      version: 4,
    });
    // Empty stays empty: not sent, which the server stores as no value.
    expect(body).not.toHaveProperty('weight_grams');
    expect(body).not.toHaveProperty('height_mm');
  });
});

describe('serverErrors', () => {
  it('puts a 422’s fields on the inputs, with the label in front', () => {
    const mapped = serverErrors(
      problem(422, 'the product has invalid fields', [
        { field: 'sku', message: 'must be 2–40 characters' },
        { field: 'price.currency', message: 'must be a three-letter ISO code like USD' },
        { field: 'price.amount', message: 'must not be negative' },
        { field: 'specs[1]', message: 'needs a name and a value' },
        { field: 'specs[2].value', message: 'is required' },
        { field: 'length_mm', message: 'must be at least 0' },
        { field: 'colour', message: 'is not a product field' },
      ]),
    );
    expect(mapped.fields).toEqual({
      sku: 'SKU must be 2–40 characters.',
      currency: 'Currency must be a three-letter ISO code like USD.',
      price: 'Price must not be negative.',
      'specs.1.name': 'Needs a name and a value.',
      'specs.2.value': 'Is required.',
      lengthMm: 'Length (mm) must be at least 0.',
    });
    expect(mapped.other).toEqual(['Colour is not a product field.']);
  });

  it('places “SKU taken” and “slug taken” at their fields; a stale version is not a field error', () => {
    expect(serverErrors(taken('sku', 'a product with this SKU already exists')).fields).toEqual({
      sku: 'A product with this SKU already exists.',
    });
    expect(serverErrors(taken('slug', 'a product or category with this slug already exists')).fields).toHaveProperty('slug');
    const stale = problem(409, 'the product was changed by someone else since you loaded it; reload and try again', undefined, problemTypes.staleVersion);
    expect(serverErrors(stale).fields).toEqual({});
    expect(isStale(stale)).toBe(true);
    expect(isStale(taken('sku', 'a product with this SKU already exists'))).toBe(false);
    // The type decides, not the wording: an untyped 409 is neither.
    expect(serverErrors(problem(409, 'a product with this SKU already exists')).fields).toEqual({});
    expect(isStale(problem(409, 'the product was changed by someone else'))).toBe(false);
    expect(isStale(problem(422, 'x'))).toBe(false);
  });
});

it('slugify matches the server’s', () => {
  expect(slugify('  Cordless Drill — 18 V (Pro)! ')).toBe('cordless-drill-18-v-pro');
  expect(slugify('Über')).toBe('ber');
});
