import type { Media, Product, UploadKind } from '../../api/adminCatalog';

/** The small picture for lists: the first image's smallest thumbnail, or null. */
export function thumbnailUrl(product: Product): string | null {
  const image = product.images[0];
  return image ? image.thumbnails.small || image.url : null;
}

const MiB = 1024 * 1024;

/**
 * What the server accepts by default (it reads the type from the content and
 * has the last word; its limits can be configured lower or higher). Checked
 * here so nobody waits for a 200 MB upload to learn it is the wrong file.
 */
export const uploadRules: Record<UploadKind, { types: Record<string, string>; maxBytes: number; label: string }> = {
  image: { types: { 'image/jpeg': 'jpg jpeg', 'image/png': 'png', 'image/webp': 'webp' }, maxBytes: 10 * MiB, label: 'JPEG, PNG or WebP' },
  video: { types: { 'video/mp4': 'mp4', 'video/webm': 'webm' }, maxBytes: 200 * MiB, label: 'MP4 or WebM' },
  datasheet: { types: { 'application/pdf': 'pdf' }, maxBytes: 20 * MiB, label: 'PDF' },
};

/** The `accept` attribute of a file input for these kinds. */
export function acceptFor(...kinds: UploadKind[]): string {
  return kinds
    .flatMap((k) => Object.entries(uploadRules[k].types).flatMap(([type, exts]) => [type, ...exts.split(' ').map((e) => `.${e}`)]))
    .join(',');
}

/** 1536 → "1.5 KB"; 10485760 → "10 MB" (binary units, as the server counts). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Which upload a file is, by its type (or, when the browser gives none, its extension). */
export function kindOf(file: Pick<File, 'name' | 'type'>): UploadKind | null {
  for (const [kind, rule] of Object.entries(uploadRules) as [UploadKind, (typeof uploadRules)[UploadKind]][]) {
    if (file.type ? file.type in rule.types : Object.values(rule.types).some((exts) => exts.split(' ').includes(extension(file.name)))) {
      return kind;
    }
  }
  return null;
}

/** Why the file cannot be uploaded as `kind`, or null when it may be. */
export function fileProblem(file: Pick<File, 'name' | 'type' | 'size'>, kind: UploadKind): string | null {
  const rule = uploadRules[kind];
  if (kindOf(file) !== kind) {
    return `${file.name} is not a ${rule.label} file.`;
  }
  if (file.size === 0) {
    return `${file.name} is empty.`;
  }
  if (file.size > rule.maxBytes) {
    return `${file.name} is ${formatBytes(file.size)}; the most is ${formatBytes(rule.maxBytes)}.`;
  }
  return null;
}

export const mediaKindLabels: Record<Media['kind'], string> = {
  image: 'Picture',
  video: 'Video',
  youtube: 'YouTube video',
  vimeo: 'Vimeo video',
  datasheet: 'Datasheet',
};

/** Moves the item at `from` to `to` (a new array). */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
