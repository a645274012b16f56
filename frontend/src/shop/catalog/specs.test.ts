import { describe, expect, it } from 'vitest';
import { compareSpecs, differs, formatWeight, groupSpecs, packedSize, shippingSpecs, specValue } from './specs';

describe('specifications', () => {
  it('groups rows by group in the seller’s order; rows without a group go under General', () => {
    const groups = groupSpecs([
      { group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' },
      { name: 'Colour', value: 'Blue' },
      { group: 'Mechanical', name: 'Torque', value: '60', unit: 'Nm' },
      { group: 'Electrical', name: 'Battery', value: '2.0', unit: 'Ah' },
      { group: '  ', name: 'Warranty', value: '2 years' },
    ]);
    expect(groups.map((g) => [g.name, g.specs.map((s) => s.name)])).toEqual([
      ['Electrical', ['Voltage', 'Battery']],
      ['General', ['Colour', 'Warranty']],
      ['Mechanical', ['Torque']],
    ]);
  });

  it('writes a value with its unit', () => {
    expect(specValue({ value: '230', unit: 'V' })).toBe('230 V');
    expect(specValue({ value: 'Blue', unit: '' })).toBe('Blue');
    expect(specValue({ value: 'Blue' })).toBe('Blue');
  });

  it('writes the shipping weight in grams, from a kilogram on in kilograms', () => {
    expect(formatWeight(0)).toBe('0 g');
    expect(formatWeight(850)).toBe('850 g');
    expect(formatWeight(1000)).toBe('1 kg');
    expect(formatWeight(1805)).toMatch(/^1[.,]805 kg$/);
  });

  it('writes the packed size as length × width × height, naming the sides when only some are recorded', () => {
    const none = { weight_grams: null, length_mm: null, width_mm: null, height_mm: null };
    expect(packedSize({ ...none, length_mm: 400, width_mm: 300, height_mm: 250 })).toBe('400 × 300 × 250 mm');
    expect(packedSize({ ...none, length_mm: 0, width_mm: 0, height_mm: 0 })).toBe('0 × 0 × 0 mm');
    expect(packedSize({ ...none, width_mm: 300 })).toBe('Width 300 mm');
    expect(packedSize({ ...none, length_mm: 400, height_mm: 250 })).toBe('Length 400 mm, height 250 mm');
    expect(packedSize(none)).toBeNull();
    expect(packedSize({})).toBeNull();
  });

  it('makes specification rows of the weight and packed size that are recorded', () => {
    expect(shippingSpecs({ weight_grams: 850, length_mm: 400, width_mm: 300, height_mm: 250 })).toEqual([
      { group: 'Shipping', name: 'Shipping weight', value: '850 g' },
      { group: 'Shipping', name: 'Packed size', value: '400 × 300 × 250 mm' },
    ]);
    expect(shippingSpecs({ weight_grams: 850 })).toEqual([{ group: 'Shipping', name: 'Shipping weight', value: '850 g' }]);
    expect(shippingSpecs({ height_mm: 90 })).toEqual([{ group: 'Shipping', name: 'Packed size', value: 'Height 90 mm' }]);
    expect(shippingSpecs({ weight_grams: null })).toEqual([]);
  });

  it('lines up the specs of several products and marks the rows that differ', () => {
    const groups = compareSpecs([
      { specs: [{ group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' }, { group: 'Electrical', name: 'Battery', value: '2.0', unit: 'Ah' }] },
      { specs: [{ group: 'Electrical', name: 'Voltage', value: '18', unit: 'V' }, { group: 'Mechanical', name: 'Torque', value: '60', unit: 'Nm' }] },
      { specs: [{ group: 'Electrical', name: 'Voltage', value: '18 ', unit: 'v' }, { group: 'Electrical', name: 'Battery', value: '4.0', unit: 'Ah' }] },
    ]);
    expect(groups).toEqual([
      {
        name: 'Electrical',
        rows: [
          { name: 'Voltage', values: ['18 V', '18 V', '18  v'], differs: false },
          { name: 'Battery', values: ['2.0 Ah', null, '4.0 Ah'], differs: true },
        ],
      },
      { name: 'Mechanical', rows: [{ name: 'Torque', values: [null, '60 Nm', null], differs: true }] },
    ]);
  });

  it('compares nothing for products without specs', () => {
    expect(compareSpecs([{ specs: [] }, { specs: [] }])).toEqual([]);
  });

  it('a row of one value never differs; a missing value always does', () => {
    expect(differs(['a'])).toBe(false);
    expect(differs(['a', 'A '])).toBe(false);
    expect(differs(['a', null])).toBe(true);
    expect(differs([null, null])).toBe(true);
  });
});
