import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, problem, requestsTo } from '../../test/fetchMock';
import { renderRoutes } from '../../test/renderRoutes';
import { signIn } from '../../test/session';
import { categories, datasheet, image, product, productId, salesMe } from './testData';

/** XMLHttpRequest stand-in: the test drives progress and the answer. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  responseType = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

/** The first render of the product page (its code is loaded then) is slow on a busy machine. */
const firstLoad = { timeout: 15_000 };
const mediaPath = `/api/v1/admin/products/${productId}/media`;
const png = (name = 'side.png', size = 2048) => new File([new Uint8Array(size)], name, { type: 'image/png' });

function drop(files: File[]) {
  const zone = screen.getByText(/Drag files here/).closest('div') as HTMLElement;
  fireEvent.drop(zone, { dataTransfer: { files, types: ['Files'] } });
}

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

function setup(items = [image('i1'), datasheet('d1')], extra: Parameters<typeof mockFetch>[0] = {}) {
  const fetchMock = mockFetch({
    '/api/v1/categories': { status: 200, body: { items: categories } },
    [`/api/v1/products/${productId}`]: { status: 200, body: product() },
    [mediaPath]: { status: 200, body: { items } },
    ...extra,
  });
  signIn(salesMe);
  renderRoutes(`/admin/products/${productId}`);
  return fetchMock;
}

describe('Media panel', { timeout: 60_000 }, () => {
  it('uploads a dropped picture with a progress bar, the bearer token and the product name as alt text', async () => {
    setup([]);
    expect(await screen.findByText(/No pictures yet/, {}, firstLoad)).toBeInTheDocument();
    drop([png()]);
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`/api/v1/admin/products/${productId}/images`);
    expect(xhr.headers.Authorization).toBe('Bearer test-token');
    expect(xhr.body?.get('alt')).toBe('Cordless drill');
    expect((xhr.body?.get('file') as File).name).toBe('side.png');

    xhr.progress(512, 2048);
    const bar = await screen.findByRole('progressbar', { name: 'Uploading side.png' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '25'));
    expect(screen.getByText('25% of 2 KB')).toBeInTheDocument();

    xhr.answer(201, { ...image('new'), alt: 'Cordless drill' });
    const list = await screen.findByRole('list', { name: 'Media' });
    expect(within(list).getByRole('textbox', { name: 'Alt text of picture 1' })).toHaveValue('Cordless drill');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText('side.png was uploaded.')).toBeInTheDocument();
  });

  it('refuses the wrong files before sending, and shows the server’s reasons', async () => {
    setup([]);
    await screen.findByText(/No pictures yet/, {}, firstLoad);
    drop([
      new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }),
      png('huge.png', 11 * 1024 * 1024),
      new File(['x'], 'clip.mp4', { type: 'video/mp4' }),
      png('fake.png'),
    ]);
    const uploads = await screen.findByRole('list', { name: 'Uploads' });
    expect(uploads).toHaveTextContent('logo.svg is not a JPEG, PNG or WebP picture or a PDF.');
    expect(uploads).toHaveTextContent('huge.png is 11 MB; the most is 10 MB.');
    expect(uploads).toHaveTextContent('clip.mp4 is a video: use “Add a video”');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1)); // only fake.png went out
    FakeXhr.sent[0]!.answer(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'the upload has invalid fields',
      errors: [{ field: 'file', message: 'must be a JPEG, PNG or WebP image' }],
    });
    await waitFor(() => expect(uploads).toHaveTextContent('Must be a JPEG, PNG or WebP image.'));
    await userEvent.click(within(uploads).getByRole('button', { name: 'Dismiss logo.svg' }));
    expect(uploads).not.toHaveTextContent('logo.svg');
  });

  it('edits alt text, reorders with the keyboard and deletes after confirming', async () => {
    const fetchMock = setup([image('i1', ''), image('i2'), datasheet('d1')], {
      [`${mediaPath}/i1`]: (request) =>
        request.method === 'PATCH' ? { status: 200, body: image('i1', 'Drill in a case') } : { status: 204, body: null },
      [`${mediaPath}/order`]: { status: 200, body: { items: [image('i2'), image('i1', 'Drill in a case'), datasheet('d1')] } },
      [`${mediaPath}/d1`]: { status: 204, body: null },
    });
    const list = await screen.findByRole('list', { name: 'Media' }, firstLoad);
    expect(within(list).getByText('No alt text')).toBeInTheDocument();
    const alt = within(list).getByRole('textbox', { name: 'Alt text of picture 1' });
    await userEvent.type(alt, 'Drill in a case{Enter}');
    await waitFor(() => expect(within(list).queryByText('No alt text')).not.toBeInTheDocument());
    const [patch] = requestsTo(fetchMock, `${mediaPath}/i1`);
    expect(patch?.method).toBe('PATCH');
    expect(await patch?.json()).toEqual({ alt: 'Drill in a case' });

    within(list).getByRole('button', { name: 'Move picture 1 down' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(requestsTo(fetchMock, `${mediaPath}/order`)).toHaveLength(1));
    expect(await requestsTo(fetchMock, `${mediaPath}/order`)[0]?.json()).toEqual({ ids: ['i2', 'i1', 'd1'] });
    await waitFor(() => expect(within(list).getByRole('button', { name: 'Move picture 2 down' })).toHaveFocus());
    expect(within(list).getByRole('textbox', { name: 'Alt text of picture 2' })).toHaveValue('Drill in a case');

    await userEvent.click(within(list).getByRole('button', { name: 'Delete datasheet 3' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this datasheet?' });
    expect(requestsTo(fetchMock, `${mediaPath}/d1`)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(list).queryByRole('textbox', { name: /datasheet/ })).not.toBeInTheDocument());
    expect(requestsTo(fetchMock, `${mediaPath}/d1`)[0]?.method).toBe('DELETE');
  });

  it('puts the order back when the server refuses it', async () => {
    setup([image('i1'), image('i2')], { [`${mediaPath}/order`]: problem(422, 'Unprocessable Entity', 'the media list changed') });
    const list = await screen.findByRole('list', { name: 'Media' }, firstLoad);
    await userEvent.click(within(list).getByRole('button', { name: 'Move picture 2 up' }));
    expect(await screen.findByText(/The order was not changed: the media list changed/)).toBeInTheDocument();
    const items = within(list).getAllByRole('listitem').map((li) => li.querySelector('[data-media]')?.getAttribute('data-media'));
    expect(items).toEqual(['i1', 'i2']);
  });

  it('links a YouTube video, with the server’s 422 at the address', async () => {
    let calls = 0;
    const fetchMock = setup([], {
      [`/api/v1/admin/products/${productId}/video-links`]: () => {
        calls += 1;
        return calls === 1
          ? problem(422, 'Unprocessable Entity', 'x', { errors: [{ field: 'url', message: 'must be a YouTube or Vimeo address' }] })
          : { status: 201, body: { id: 'v1', kind: 'youtube', position: 0, embed_url: 'https://www.youtube-nocookie.com/embed/abc', title: 'Demo' } };
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add a video' }, firstLoad));
    const dialog = await screen.findByRole('dialog', { name: 'Add a video' });
    await userEvent.click(within(dialog).getByRole('tab', { name: 'Link YouTube or Vimeo' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Address/ }), 'https://example.com/x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add video' }));
    expect(await within(dialog).findByText('The address must be a YouTube or Vimeo address.')).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Address/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Address/ }), 'https://youtu.be/abc');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add video' }));
    const list = await screen.findByRole('list', { name: 'Media' });
    expect(within(list).getByRole('textbox', { name: 'Title of youtube video 1' })).toHaveValue('Demo');
    expect(await requestsTo(fetchMock, `/api/v1/admin/products/${productId}/video-links`)[1]?.json()).toEqual({ url: 'https://youtu.be/abc', title: '' });
  });
});
