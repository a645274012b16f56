import { describe, expect, it } from 'vitest';
import { addChips, chipReferences, chipsError, parseReference, readReferencesParam, splitReferences, trackPath } from './references';

describe('parseReference (the server’s rule)', () => {
  // The same table as ordering.TestParseReference on the server.
  it.each([
    ['ORD-7K3F-9QXM', 'ORD-7K3F-9QXM'],
    ['ord-7k3f-9qxm', 'ORD-7K3F-9QXM'],
    [' ORD-7K3F-9QXM ', 'ORD-7K3F-9QXM'],
    ['7K3F9QXM', 'ORD-7K3F-9QXM'],
    ['ORD 7K3F 9QXM', 'ORD-7K3F-9QXM'],
    ['ORD-7K3F-9QXO', 'ORD-7K3F-9QX0'], // O read as zero
    ['ORD-IK3F-9QXL', 'ORD-1K3F-9QX1'], // I and L read as one
    ['ORD-7K3F-9QX', null],
    ['ORD-7K3F-9QXMM', null],
    ['ORD-7K3F-9QXU', null], // U is not in the alphabet
    ['ORD-7K3F-9QX!', null],
    ['', null],
    ['ORD-ÄK3F-9QXM', null],
    ["' OR 1=1 --", null],
    ['ORD-7K3F-9QXM-EXT', null],
  ])('%j → %j', (input, want) => {
    expect(parseReference(input)).toBe(want);
  });
});

describe('splitReferences (a pasted list)', () => {
  it('splits on commas, semicolons, new lines and spaces', () => {
    expect(splitReferences('ORD-AAAA-0001, ord-bbbb-0002;ORD-CCCC-0003\nORD-DDDD-0004 ORD-EEEE-0005\r\n')).toEqual([
      'ORD-AAAA-0001',
      'ord-bbbb-0002',
      'ORD-CCCC-0003',
      'ORD-DDDD-0004',
      'ORD-EEEE-0005',
    ]);
  });

  it('keeps a reference written with spaces in one piece', () => {
    expect(splitReferences('ORD 7K3F 9QXM, ORD-AAAA-0001')).toEqual(['ORD 7K3F 9QXM', 'ORD-AAAA-0001']);
  });

  it('keeps what is not a reference, to be flagged', () => {
    expect(splitReferences('Order ORD-AAAA-0001 please')).toEqual(['Order', 'ORD-AAAA-0001', 'please']);
  });
});

describe('chips', () => {
  it('adds valid entries in canonical form once, and invalid ones as typed', () => {
    const chips = addChips([], ['ord-aaaa-0001', 'AAAA0001', 'ORD-BBBB-0002', 'nope', 'NOPE']);
    expect(chips).toEqual([
      { text: 'ORD-AAAA-0001', reference: 'ORD-AAAA-0001' },
      { text: 'ORD-BBBB-0002', reference: 'ORD-BBBB-0002' },
      { text: 'nope', reference: null },
    ]);
    expect(chipReferences(chips)).toEqual(['ORD-AAAA-0001', 'ORD-BBBB-0002']);
  });

  it('says what stops them from being sent', () => {
    expect(chipsError([])).toMatch(/at least one/);
    expect(chipsError(addChips([], ['ORD-AAAA-0001', 'nope']))).toBe('nope is not an order reference (ORD-XXXX-XXXX): correct or remove it');
    expect(chipsError(addChips([], ['x1', 'x2']))).toMatch(/^2 entries are not order references/);
    expect(chipsError(addChips([], ['ORD-AAAA-0001']))).toBeNull();
  });

  it('allows 50 references, not 51', () => {
    const refs = (n: number) => Array.from({ length: n }, (_, i) => `ORD-AAAA-${String(i).padStart(4, '0')}`);
    expect(chipsError(addChips([], refs(50)))).toBeNull();
    expect(chipsError(addChips([], refs(51)))).toBe('At most 50 orders at a time: remove 1');
  });
});

describe('the /track link', () => {
  it('carries the references with commas, and reads them back', () => {
    expect(trackPath(['ORD-AAAA-0001', 'ORD-BBBB-0002'])).toBe('/track?r=ORD-AAAA-0001,ORD-BBBB-0002');
    expect(trackPath([])).toBe('/track');
    expect(readReferencesParam('ORD-AAAA-0001,ord-bbbb-0002')).toEqual(['ORD-AAAA-0001', 'ord-bbbb-0002']);
    expect(readReferencesParam(null)).toEqual([]);
  });
});
