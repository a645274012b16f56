import type { Product, Spec } from '../../api/catalog';

/** Specs without a group are shown under this heading. */
export const defaultGroup = 'General';

export interface SpecGroup {
  name: string;
  specs: Spec[];
}

/** Rows grouped by `group`, groups and rows in the order the seller gave them. */
export function groupSpecs(specs: readonly Spec[]): SpecGroup[] {
  const groups = new Map<string, Spec[]>();
  for (const spec of specs) {
    const name = spec.group?.trim() || defaultGroup;
    const rows = groups.get(name);
    if (rows) {
      rows.push(spec);
    } else {
      groups.set(name, [spec]);
    }
  }
  return [...groups].map(([name, rows]) => ({ name, specs: rows }));
}

/** "230" + "V" → "230 V"; a value without a unit as it is. */
export function specValue(spec: Pick<Spec, 'value' | 'unit'>): string {
  const unit = spec.unit?.trim();
  return unit ? `${spec.value} ${unit}` : spec.value;
}

/** The group of the rows made from the product's weight and packed size. */
export const shippingGroup = 'Shipping';

const measureFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

/** 850 → "850 g"; from a kilogram on in kilograms: 1800 → "1.8 kg". */
export function formatWeight(grams: number): string {
  return grams < 1000 ? `${measureFormat.format(grams)} g` : `${measureFormat.format(grams / 1000)} kg`;
}

type Measures = Pick<Product, 'weight_grams' | 'length_mm' | 'width_mm' | 'height_mm'>;

/**
 * "400 × 300 × 250 mm" (length × width × height) when all three are recorded;
 * only some of them are named: "Length 400 mm, height 250 mm". Null when none is.
 */
export function packedSize(p: Measures): string | null {
  const known: { name: string; mm: number }[] = [];
  for (const [name, mm] of [
    ['length', p.length_mm],
    ['width', p.width_mm],
    ['height', p.height_mm],
  ] as const) {
    if (typeof mm === 'number') {
      known.push({ name, mm });
    }
  }
  if (known.length === 0) {
    return null;
  }
  if (known.length === 3) {
    return `${known.map((side) => measureFormat.format(side.mm)).join(' × ')} mm`;
  }
  const text = known.map((side) => `${side.name} ${measureFormat.format(side.mm)} mm`).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Shipping weight and packed size as specification rows (only what is recorded). */
export function shippingSpecs(p: Measures): Spec[] {
  const rows: Spec[] = [];
  if (typeof p.weight_grams === 'number') {
    rows.push({ group: shippingGroup, name: 'Shipping weight', value: formatWeight(p.weight_grams) });
  }
  const size = packedSize(p);
  if (size) {
    rows.push({ group: shippingGroup, name: 'Packed size', value: size });
  }
  return rows;
}

export interface CompareRow {
  name: string;
  /** One per product, in the products' order; null where a product has no such row. */
  values: (string | null)[];
  /** Not every product has the same value (a missing value counts as different). */
  differs: boolean;
}

export interface CompareGroup {
  name: string;
  rows: CompareRow[];
}

/** Normalised for comparing: "230 V" and "230  v" are the same value. */
function sameKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The specs of several products side by side: one row per (group, name)
 * found in any product, in the order they first appear.
 */
export function compareSpecs(products: readonly { specs: readonly Spec[] }[]): CompareGroup[] {
  const groups = new Map<string, Map<string, (string | null)[]>>();
  products.forEach((product, index) => {
    for (const spec of product.specs) {
      const groupName = spec.group?.trim() || defaultGroup;
      let rows = groups.get(groupName);
      if (!rows) {
        rows = new Map();
        groups.set(groupName, rows);
      }
      const name = spec.name.trim();
      let values = rows.get(name);
      if (!values) {
        values = products.map(() => null);
        rows.set(name, values);
      }
      // A repeated name in one product: the first row wins (as a table of one product shows it first).
      values[index] ??= specValue(spec);
    }
  });
  return [...groups].map(([name, rows]) => ({
    name,
    rows: [...rows].map(([rowName, values]) => ({ name: rowName, values, differs: differs(values) })),
  }));
}

/** Whether a row of values is not the same everywhere. */
export function differs(values: readonly (string | null)[]): boolean {
  if (values.length < 2) {
    return false;
  }
  const first = values[0];
  return values.some((v) => v === null || first === null || first === undefined || sameKey(v) !== sameKey(first));
}
