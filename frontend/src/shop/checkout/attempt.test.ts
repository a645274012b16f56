import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { attemptFor, duplicateOf, outOfStock, retrySameAttempt } from './attempt';

const problem = (status: number, detail: string) =>
  new ApiError(status, { type: 'about:blank', title: 'x', status, detail, instance: '/api/v1/orders' }, detail);

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
    expect(retrySameAttempt(problem(409, 'a request with this Idempotency-Key is still being processed; retry in a moment'))).toBe(true);
    expect(retrySameAttempt(problem(409, 'possible duplicate of ORD-AAAA-BBBB, placed a moment ago'))).toBe(false);
    expect(retrySameAttempt(problem(422, 'the order has invalid fields'))).toBe(false);
    expect(retrySameAttempt(new Error('boom'))).toBe(false);
  });

  it('reads the kind of conflict', () => {
    expect(duplicateOf(problem(409, 'possible duplicate of ORD-7K3F-9QXM, placed a moment ago with the same items and total'))).toBe('ORD-7K3F-9QXM');
    expect(duplicateOf(problem(409, 'out of stock: PWR-001 (Drill) has fewer than 3 available'))).toBeNull();
    expect(outOfStock(problem(409, 'out of stock: PWR-001 (Drill) has fewer than 3 available'))).toBe(true);
  });
});
