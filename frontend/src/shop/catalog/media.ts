import type { Product } from '../../api/catalog';

/**
 * The product's photos, videos and datasheets as the storefront shows them.
 * Every address is checked before it reaches an `src` or `href`: same-site
 * paths and http(s) only (embeds: https only), so a bad record is left out
 * rather than shown broken or unsafe. Missing alt texts and titles get a
 * sensible default.
 */
export interface GalleryImage {
  id: string;
  alt: string;
  /** The original upload: what the zoom shows. */
  url: string;
  /** Thumbnails (each falls back to the next larger one, then the original). */
  small: string;
  medium: string;
  large: string;
  width: number | undefined;
  height: number | undefined;
}

export type ProductVideo =
  | { id: string; kind: 'file'; title: string; url: string; poster: string | undefined }
  | { id: string; kind: 'youtube' | 'vimeo'; title: string; embedUrl: string; poster: string | undefined };

export interface Datasheet {
  id: string;
  title: string;
  url: string;
  bytes: number | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Same-origin paths and http(s) URLs only: never `javascript:` or `data:`. */
export function safeUrl(value: unknown): string | undefined {
  const s = str(value);
  if (!s) {
    return undefined;
  }
  // "//host" and "/\\host" are other sites to a browser.
  if (s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\')) {
    return s;
  }
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Embeds come from the server, over HTTPS only. */
function safeEmbedUrl(value: unknown): string | undefined {
  const s = str(value);
  if (!s) {
    return undefined;
  }
  try {
    return new URL(s).protocol === 'https:' ? s : undefined;
  } catch {
    return undefined;
  }
}

export function productImages(product: Pick<Product, 'name' | 'images'>): GalleryImage[] {
  const images: GalleryImage[] = [];
  product.images.forEach((raw, index) => {
    const url = safeUrl(raw.url);
    if (!url) {
      return;
    }
    const large = safeUrl(raw.thumbnails?.large) ?? url;
    const medium = safeUrl(raw.thumbnails?.medium) ?? large;
    const small = safeUrl(raw.thumbnails?.small) ?? medium;
    images.push({
      id: raw.id || `${index}`,
      alt: raw.alt?.trim() || `${product.name}, photo ${index + 1}`,
      url,
      small,
      medium,
      large,
      width: num(raw.width),
      height: num(raw.height),
    });
  });
  return images;
}

export function productVideos(product: Pick<Product, 'name' | 'videos'>): ProductVideo[] {
  const videos: ProductVideo[] = [];
  product.videos.forEach((raw, index) => {
    const id = raw.id || `${index}`;
    const title = raw.title?.trim() || `${product.name}, video ${index + 1}`;
    const poster = safeUrl(raw.poster_url);
    if (raw.kind === 'youtube' || raw.kind === 'vimeo') {
      const embedUrl = safeEmbedUrl(raw.embed_url);
      if (embedUrl) {
        videos.push({ id, kind: raw.kind, title, embedUrl, poster });
      }
      return;
    }
    const url = safeUrl(raw.url);
    if (url) {
      videos.push({ id, kind: 'file', title, url, poster });
    }
  });
  return videos;
}

export function productDatasheets(product: Pick<Product, 'datasheets'>): Datasheet[] {
  const sheets: Datasheet[] = [];
  product.datasheets.forEach((raw, index) => {
    const url = safeUrl(raw.url);
    if (url) {
      sheets.push({ id: raw.id || `${index}`, title: raw.title?.trim() || `Datasheet ${index + 1}`, url, bytes: num(raw.bytes) });
    }
  });
  return sheets;
}

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 2_400_000 → "2.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${sizeFormat.format(bytes / 1024)} KB`;
  }
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}
