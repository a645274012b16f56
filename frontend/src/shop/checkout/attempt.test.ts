import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { problemTypes } from '../../api/problems';
import { attemptFor, duplicateOf, outOfStock, retrySameAttempt } from './attempt';

const problem = (status: number, detail: string, type = 'about:blank', subject?: string) =>
  new ApiError(status, { type, title: 'x', status, detail, instance: '/api/v1/orders', subject }, detail);
const inProgress = problem(409, 'a request with this Idempotency-Key is still being processed; retry in a moment', problemTypes.inProgress);
const duplicate = problem(409, 'possible duplicate of ORD-AAAA-BBBB, placed a moment ago', problemTypes.possibleDuplicate, 'ORD-AAAA-BBBB');
const noStock = problem(409, 'out of stock: PWR-001 (Drill) has fewer than 3 available', problemTypes.outOfStock, 'PWR-001');

describe('checkout attempts', () => {
  it('keeps the key for the same body and makes a new one for another', () => {
    let n = 0;
    const make = () => `key-${++n}`;
    const first = attemptFor(null, { items: [{ sku: 'A', quantity: 1 }] }, make);
    expect(first.key).toBe('key-1');
    expect(attemptFor(first, { items: [{ sku: 'A', quantity: 1 }] }, make).key).toBe('key-1');
    expect(attemptFor(first, { items: [{ sku: 'A', quantity: 2 }] }, make).key).toBe('key-2');
  });

  it('retries the same attempt only when the outcome is unknown', () => {
    expect(retrySameAttempt(new ApiError(0, undefined, 'offline'))).toBe(true);
    expect(retrySameAttempt(problem(503, 'unavailable'))).toBe(true);
    expect(retrySameAttempt(inProgress)).toBe(true);
    expect(retrySameAttempt(duplicate)).toBe(false);
    expect(retrySameAttempt(noStock)).toBe(false);
    // The kind comes from the type, never from the wording of the detail.
    expect(retrySameAttempt(problem(409, 'a request with this Idempotency-Key is still being processed'))).toBe(false);
    expect(retrySameAttempt(problem(422, 'the order has invalid fields'))).toBe(false);
    expect(retrySameAttempt(new Error('boom'))).toBe(false);
  });

  it('reads the kind of conflict', () => {
    expect(duplicateOf(duplicate)).toBe('ORD-AAAA-BBBB');
    expect(duplicateOf(noStock)).toBeNull();
    expect(duplicateOf(problem(409, 'possible duplicate of ORD-7K3F-9QXM'))).toBeNull();
    expect(outOfStock(noStock)).toBe(true);
    expect(outOfStock(duplicate)).toBe(false);
  });
});
