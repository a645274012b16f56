import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { freshAccessToken, refreshSession } from '../auth/refresh';
import { api, type JsonResponse, type QueryParams, type Schemas } from './client';
import { ApiError, request, requestNoContent, unwrap } from './errors';
import type { paths } from './schema';

/**
 * The back office's side of the catalog: products as staff see them (every
 * status and audience, with stock on hand and reserved), editing, stock
 * adjustments and categories. The storefront has its own module.
 */
export type Product = Schemas['catalog.Product'];
export type ProductPage = JsonResponse<'/api/v1/products', 200>;
export type ProductRequest = Schemas['catalog.ProductRequest'];
export type ProductStatus = Product['status'];
export type Audience = Product['audience'];
export type Spec = Schemas['catalog.Spec'];
export type Category = Schemas['catalog.Category'];
export type CategoryRequest = Schemas['catalog.CategoryRequest'];
export type StockRequest = Schemas['catalog.StockRequest'];
type BrowseQuery = QueryParams<'/api/v1/products'>;

// `satisfies` keeps these lists in step with the generated enums.
export const productStatuses = ['draft', 'active', 'archived'] as const satisfies readonly ProductStatus[];
export const audiences = ['b2c', 'b2b', 'both'] as const satisfies readonly Audience[];

/** The list page's filters, as they appear in its URL ('' = any). */
export interface ProductFilters {
  q: string;
  status: ProductStatus | '';
  audience: Audience | '';
  /** A category slug. */
  category: string;
}

export const catalogKey = ['admin', 'catalog'] as const;
const productsKey = [...catalogKey, 'products'] as const;
export const categoriesKey = [...catalogKey, 'categories'] as const;

const pageSize = 25;

/** Staff see every status unless the filter picks one (the API's default is active only). */
export function productsQuery(filters: ProductFilters) {
  const query: BrowseQuery = {
    page_size: pageSize,
    sort: filters.q ? 'relevance' : 'newest',
    status: filters.status ? [filters.status] : [...productStatuses],
  };
  if (filters.q) query.q = filters.q;
  if (filters.category) query.category = filters.category;
  if (filters.audience) query.audience = filters.audience;
  return infiniteQueryOptions({
    queryKey: [...productsKey, 'list', filters],
    queryFn: ({ pageParam, signal }): Promise<ProductPage> =>
      request(() =>
        api.GET('/api/v1/products', {
          params: { query: pageParam ? { ...query, cursor: pageParam } : query },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor || undefined,
    placeholderData: keepPreviousData,
  });
}

export function productKey(id: string) {
  return [...productsKey, 'one', id] as const;
}

export function productQuery(id: string) {
  return queryOptions({
    queryKey: productKey(id),
    queryFn: ({ signal }): Promise<Product> =>
      request(() => api.GET('/api/v1/products/{ref}', { params: { path: { ref: id } }, signal })),
  });
}

/** Every list of products (after a change, so lists show it). */
export const productListsKey = [...productsKey, 'list'] as const;

export function createProduct(body: ProductRequest): Promise<Product> {
  return request(() => api.POST('/api/v1/admin/products', { body }));
}

/** `body.version` must be the version that was read; a stale one is refused with 409. */
export function updateProduct(id: string, body: ProductRequest): Promise<Product> {
  return request(() => api.PUT('/api/v1/admin/products/{id}', { params: { path: { id } }, body }));
}

export function adjustStock(id: string, body: StockRequest): Promise<Product> {
  return request(() => api.POST('/api/v1/admin/products/{id}/stock', { params: { path: { id } }, body }));
}

export const categoriesQuery = queryOptions({
  queryKey: categoriesKey,
  queryFn: ({ signal }): Promise<Category[]> =>
    request(() => api.GET('/api/v1/categories', { signal })).then((list) => list.items),
  staleTime: 60_000,
});

export function createCategory(body: CategoryRequest): Promise<Category> {
  return request(() => api.POST('/api/v1/admin/categories', { body }));
}

// ---- media (sales and admin) ----

export type Media = Schemas['catalog.Media'];
export type MediaKind = Media['kind'];
export type MediaPatch = Schemas['catalog.MediaPatchRequest'];
export type VideoLinkRequest = Schemas['catalog.VideoLinkRequest'];

export function mediaKey(productId: string) {
  return [...productKey(productId), 'media'] as const;
}

export function mediaQuery(productId: string) {
  return queryOptions({
    queryKey: mediaKey(productId),
    queryFn: ({ signal }): Promise<Media[]> =>
      request(() => api.GET('/api/v1/admin/products/{id}/media', { params: { path: { id: productId } }, signal })).then(
        (list) => list.items,
      ),
  });
}

export function updateMedia(productId: string, mediaId: string, body: MediaPatch): Promise<Media> {
  return request(() =>
    api.PATCH('/api/v1/admin/products/{id}/media/{media_id}', { params: { path: { id: productId, media_id: mediaId } }, body }),
  );
}

/** The media in their new display order (all of them: one sequence for every kind). */
export function reorderMedia(productId: string, ids: string[]): Promise<Media[]> {
  return request(() =>
    api.PUT('/api/v1/admin/products/{id}/media/order', { params: { path: { id: productId } }, body: { ids } }),
  ).then((list) => list.items);
}

export function deleteMedia(productId: string, mediaId: string): Promise<void> {
  return requestNoContent(() =>
    api.DELETE('/api/v1/admin/products/{id}/media/{media_id}', { params: { path: { id: productId, media_id: mediaId } } }),
  );
}

export function addVideoLink(productId: string, body: VideoLinkRequest): Promise<Media> {
  return request(() => api.POST('/api/v1/admin/products/{id}/video-links', { params: { path: { id: productId } }, body }));
}

/** The multipart upload endpoints (the generated paths, so a renamed route fails the type check). */
const uploadPaths = {
  image: '/api/v1/admin/products/{id}/images',
  video: '/api/v1/admin/products/{id}/videos',
  datasheet: '/api/v1/admin/products/{id}/datasheets',
} as const satisfies Record<string, keyof paths>;

export type UploadKind = keyof typeof uploadPaths;

/** The form fields of each upload, named as in the generated request bodies (files as Blobs). */
type UploadFields<K extends UploadKind> = { [F in keyof MultipartBody<(typeof uploadPaths)[K]>]?: Blob | string };
type MultipartBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody: { content: { 'multipart/form-data': infer B } } };
}
  ? B
  : never;

export interface UploadOptions {
  /** Called with 0…1 as the body goes out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a file with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. It carries the session's bearer token like the API client does,
 * and on a 401 refreshes the token once and sends the upload again.
 */
export async function uploadMedia<K extends UploadKind>(
  productId: string,
  kind: K,
  fields: UploadFields<K>,
  options: UploadOptions = {},
): Promise<Media> {
  const url = uploadPaths[kind].replace('{id}', encodeURIComponent(productId));
  const body = new FormData();
  for (const [name, value] of Object.entries(fields) as [string, Blob | string | undefined][]) {
    if (value === undefined) continue;
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, value instanceof File ? value.name : name);
  }
  let answer = await sendXhr(url, body, await freshAccessToken(), options);
  if (answer.status === 401) {
    const session = await refreshSession();
    if (session) answer = await sendXhr(url, body, session.accessToken, options);
  }
  if (answer.status >= 200 && answer.status < 300) {
    return answer.body as Media;
  }
  return unwrap<Media>({ error: answer.body, response: new Response(null, { status: answer.status, headers: answer.headers }) });
}

interface XhrAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

function sendXhr(url: string, body: FormData, token: string | null, { onProgress, signal }: UploadOptions): Promise<XhrAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => signal?.removeEventListener('abort', abort);
    xhr.onload = () => {
      done();
      onProgress?.(1);
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      resolve({ status: xhr.status, body: parsed, headers });
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, undefined, 'The server could not be reached.'));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.send(body);
  });
}
