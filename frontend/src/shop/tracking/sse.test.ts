import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('reads named events, skips comments, and keeps retry', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\n\n: ping\n\nevent: order\ndata: {"reference":"ORD-AAAA-0001"}\n\n')).toEqual([
      { event: 'order', data: '{"reference":"ORD-AAAA-0001"}' },
    ]);
    expect(p.retryMs).toBe(3000);
  });

  it('puts events cut anywhere back together, whatever the line endings', () => {
    const p = new SseParser();
    const text = 'event: order\r\ndata: {"a":1}\r\n\r\nevent: order\rdata: {"a":2}\r\rdata: x\ndata: y\n\n';
    const events = [];
    for (const ch of text) events.push(...p.push(ch));
    expect(events).toEqual([
      { event: 'order', data: '{"a":1}' },
      { event: 'order', data: '{"a":2}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });

  it('dispatches nothing for an event without data', () => {
    const p = new SseParser();
    expect(p.push('event: order\n\ndata: z\n\n')).toEqual([{ event: 'message', data: 'z' }]);
  });
});
