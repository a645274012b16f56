import { describe, expect, it } from 'vitest';
import { firstQuantity, quantityProblem, snapQuantity, stepDown, stepUp } from './quantity';

const plain = { min_order_qty: 1, order_multiple: 1 };
const trade = { min_order_qty: 10, order_multiple: 5 };
const odd = { min_order_qty: 7, order_multiple: 5 };

describe('quantity rules', () => {
  it('starts at the minimum, rounded up to whole packs', () => {
    expect(firstQuantity(plain)).toBe(1);
    expect(firstQuantity(trade)).toBe(10);
    expect(firstQuantity(odd)).toBe(10);
    expect(firstQuantity({ min_order_qty: 0, order_multiple: 0 })).toBe(1);
  });

  it('steps by packs and never below the first quantity', () => {
    expect(stepUp(1, plain)).toBe(2);
    expect(stepUp(10, trade)).toBe(15);
    expect(stepUp(12, trade)).toBe(15);
    expect(stepUp(3, trade)).toBe(10);
    expect(stepDown(15, trade)).toBe(10);
    expect(stepDown(12, trade)).toBe(10);
    expect(stepDown(10, trade)).toBeNull();
    expect(stepDown(1, plain)).toBeNull();
    expect(stepDown(2, plain)).toBe(1);
  });

  it('names what the server would refuse', () => {
    expect(quantityProblem(10, trade)).toBeNull();
    expect(quantityProblem(5, trade)).toBe('The minimum order is 10');
    expect(quantityProblem(12, trade)).toBe('Sold in packs of 5: order 10 or 15');
    expect(quantityProblem(8, odd)).toBe('Sold in packs of 5: order 10');
    expect(quantityProblem(0, plain)).toBe('Enter a whole number of at least 1');
    expect(quantityProblem(1.5, plain)).toBe('Enter a whole number of at least 1');
  });

  it('snaps a typed quantity up to an orderable one', () => {
    expect(snapQuantity(12, trade)).toBe(15);
    expect(snapQuantity(2, trade)).toBe(10);
    expect(snapQuantity(20, trade)).toBe(20);
    expect(snapQuantity(Number.NaN, plain)).toBe(1);
  });
});
