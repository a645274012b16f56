import { describe, expect, it } from 'vitest';
import type { Product } from '../../api/catalog';
import { formatBytes, productDatasheets, productImages, productVideos, safeUrl } from './media';

type Image = Product['images'][number];
type Video = Product['videos'][number];

const image = (id: string, overrides: Partial<Image> = {}): Image => ({
  id,
  url: `/media/${id}.png`,
  alt: `Alt ${id}`,
  width: 1200,
  height: 900,
  thumbnails: { small: `/media/${id}-s.png`, medium: `/media/${id}-m.png`, large: `/media/${id}-l.png` },
  ...overrides,
});

describe('product media', () => {
  it('reads photos with their thumbnails; a missing alt text or thumbnail gets a default', () => {
    const images = productImages({
      name: 'Drill',
      images: [image('a'), image('b', { alt: ' ', thumbnails: { small: '', medium: '', large: '/media/b-l.png' } })],
    });
    expect(images).toEqual([
      { id: 'a', alt: 'Alt a', url: '/media/a.png', small: '/media/a-s.png', medium: '/media/a-m.png', large: '/media/a-l.png', width: 1200, height: 900 },
      { id: 'b', alt: 'Drill, photo 2', url: '/media/b.png', small: '/media/b-l.png', medium: '/media/b-l.png', large: '/media/b-l.png', width: 1200, height: 900 },
    ]);
  });

  it('leaves out what is not a safe address', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:image/svg+xml,<svg/>')).toBeUndefined();
    expect(safeUrl('//evil.example/x.jpg')).toBeUndefined();
    expect(safeUrl('/\\evil.example/x.jpg')).toBeUndefined();
    expect(safeUrl('')).toBeUndefined();
    expect(safeUrl('https://cdn.example/x.jpg')).toBe('https://cdn.example/x.jpg');
    expect(safeUrl('/media/x.jpg')).toBe('/media/x.jpg');
    expect(productImages({ name: 'x', images: [image('a', { url: 'javascript:alert(1)' })] })).toEqual([]);
    expect(productImages({ name: 'x', images: [image('a', { thumbnails: { small: 'data:x', medium: 'data:x', large: 'data:x' } })] })[0]?.small).toBe('/media/a.png');
  });

  it('reads uploaded and embedded videos; embeds only over HTTPS', () => {
    const videos: Video[] = [
      { id: 'v1', kind: 'file', url: '/media/v1.mp4', poster_url: '/media/v1.jpg', title: 'Drilling into oak' },
      { id: 'v2', kind: 'youtube', embed_url: 'https://www.youtube-nocookie.com/embed/abc', title: 'Unboxing' },
      { id: 'v3', kind: 'vimeo', embed_url: 'http://player.vimeo.com/video/1', title: 'Not over HTTPS' },
      { id: 'v4', kind: 'youtube', url: 'https://youtube.com/watch?v=abc', title: 'No embed URL' },
      { id: 'v5', kind: 'file', url: '/media/v5.webm', title: '' },
    ];
    expect(productVideos({ name: 'Drill', videos })).toEqual([
      { id: 'v1', kind: 'file', title: 'Drilling into oak', url: '/media/v1.mp4', poster: '/media/v1.jpg' },
      { id: 'v2', kind: 'youtube', title: 'Unboxing', embedUrl: 'https://www.youtube-nocookie.com/embed/abc', poster: undefined },
      { id: 'v5', kind: 'file', title: 'Drill, video 5', url: '/media/v5.webm', poster: undefined },
    ]);
  });

  it('reads datasheets and formats their size', () => {
    expect(
      productDatasheets({
        datasheets: [
          { id: 'd1', title: 'Manual', url: '/media/d1.pdf', bytes: 2_400_000 },
          { id: 'd2', title: 'Bad', url: 'javascript:x', bytes: 1 },
        ],
      }),
    ).toEqual([{ id: 'd1', title: 'Manual', url: '/media/d1.pdf', bytes: 2_400_000 }]);
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toMatch(/^2 KB$/);
    expect(formatBytes(2_400_000)).toMatch(/^2[.,]3 MB$/);
  });
});
