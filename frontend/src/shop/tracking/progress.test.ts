import { describe, expect, it } from 'vitest';
import { formatPromiseDay, progressSteps } from './progress';
import { tracking } from './testData';

describe('progressSteps', () => {
  it('marks the reached steps, the current one, and the promised dates of those to come', () => {
    const steps = progressSteps(tracking());
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['placed', 'done'],
      ['confirmed', 'current'],
      ['processing', 'upcoming'],
      ['shipped', 'upcoming'],
      ['delivered', 'upcoming'],
    ]);
    expect(steps[0]!.at).toBe('2026-11-25T10:00:00Z');
    expect(steps[3]!.promise).toEqual({ day: '2026-11-27', what: 'Leaves our warehouse by' });
    expect(steps[4]!.promise).toEqual({ day: '2026-12-02', what: 'Arrives by' });
  });

  it('ends a cancelled order at "cancelled", after the steps it reached', () => {
    const steps = progressSteps(
      tracking({
        status: 'cancelled',
        events: [
          { status: 'placed', at: '2026-11-25T10:00:00Z', note: '' },
          { status: 'cancelled', at: '2026-11-25T11:00:00Z', note: 'Wrong size' },
        ],
      }),
    );
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['placed', 'done'],
      ['cancelled', 'current'],
    ]);
  });

  it('ends a returned order at "returned", after delivery', () => {
    const steps = progressSteps(tracking({ status: 'returned', events: [] }));
    expect(steps.map((s) => s.status)).toEqual(['placed', 'confirmed', 'processing', 'shipped', 'delivered', 'returned']);
    expect(steps.at(-1)!.state).toBe('current');
  });

  it('shows the promised day itself, whatever the time zone', () => {
    expect(formatPromiseDay('2026-11-27')).toMatch(/27/);
    expect(formatPromiseDay('not a day')).toBe('not a day');
  });
});
