import { describe, expect, it } from 'vitest';
import { compareSpecs, differs, groupSpecs, specValue } from './specs';

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
