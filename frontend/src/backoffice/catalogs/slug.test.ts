import { describe, expect, it } from 'vitest';
import { slugify, slugPattern } from './slug';

describe('slugify', () => {
  it.each([
    ['Spring 2027 trade catalog', 'spring-2027-trade-catalog'],
    ['  Spring — 2027!! ', 'spring-2027'],
    ['Café & Crème', 'cafe-creme'],
    ['---', ''],
    ['ÄÖÜ deals', 'aou-deals'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    if (slug) expect(slugPattern.test(slug)).toBe(true);
  });
});
