import { describe, expect, it } from 'vitest';
import { acceptFor, fileProblem, formatBytes, kindOf, moved } from './media';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('upload checks', () => {
  it('tells the kind from the type, or the extension when the browser gives no type', () => {
    expect(kindOf(file('a.png', 'image/png'))).toBe('image');
    expect(kindOf(file('a.JPG', ''))).toBe('image');
    expect(kindOf(file('clip.webm', 'video/webm'))).toBe('video');
    expect(kindOf(file('sheet.pdf', 'application/pdf'))).toBe('datasheet');
    expect(kindOf(file('logo.svg', 'image/svg+xml'))).toBeNull();
    expect(kindOf(file('page.html', 'text/html'))).toBeNull();
  });

  it('refuses the wrong type, empty files and files over the limit', () => {
    expect(fileProblem(file('a.png', 'image/png'), 'image')).toBeNull();
    expect(fileProblem(file('logo.svg', 'image/svg+xml'), 'image')).toBe('logo.svg is not a JPEG, PNG or WebP file.');
    expect(fileProblem(file('a.pdf', 'application/pdf'), 'image')).toBe('a.pdf is not a JPEG, PNG or WebP file.');
    expect(fileProblem(file('a.png', 'image/png', 0), 'image')).toBe('a.png is empty.');
    expect(fileProblem(file('big.png', 'image/png', 11 * 1024 * 1024), 'image')).toBe('big.png is 11 MB; the most is 10 MB.');
    expect(fileProblem(file('big.pdf', 'application/pdf', 20 * 1024 * 1024), 'datasheet')).toBeNull();
  });

  it('builds the accept attribute', () => {
    expect(acceptFor('datasheet')).toBe('application/pdf,.pdf');
    expect(acceptFor('image')).toContain('image/webp');
  });

  it('formats sizes', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('moves items', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});
