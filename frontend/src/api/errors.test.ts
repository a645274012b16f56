import { describe, expect, it } from 'vitest';
import { ApiError, describeError, request, unwrap } from './errors';

const response = (status: number, statusText = '') => new Response(null, { status, statusText });

describe('unwrap', () => {
  it('returns the data of a successful call', () => {
    expect(unwrap({ data: { ok: true }, response: response(200) })).toEqual({ ok: true });
  });

  it('throws an ApiError that carries the problem details', () => {
    const problem = { title: 'Not Found', status: 404, detail: 'product not found', request_id: 'r1' };
    const thrown = (() => {
      try {
        unwrap({ error: problem, response: response(404) });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 404, problem, message: 'product not found' });
  });

  it('names the status when the body is not a problem', () => {
    expect(() => unwrap({ error: 'oops', response: response(502, 'Bad Gateway') })).toThrow(
      'The server answered 502 Bad Gateway',
    );
  });
});

describe('request', () => {
  it('turns a network failure into status 0', async () => {
    await expect(request(() => Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({
      status: 0,
    });
  });
});

describe('describeError', () => {
  it('tells the user what to do next', () => {
    expect(describeError(new ApiError(0, undefined, 'x'))).toBe(
      'The server could not be reached. Check your connection, then try again.',
    );
    expect(describeError(new ApiError(500, { type: 'about:blank', title: 'Internal Server Error', status: 500, request_id: 'r9' }, 'boom.'))).toBe(
      'The server had a problem: boom (request ID r9). Try again in a moment.',
    );
    expect(describeError(new ApiError(422, undefined, 'email is not valid'))).toBe('email is not valid.');
    expect(describeError(new Error('?'))).toBe('Something unexpected went wrong. Try again.');
  });
});
