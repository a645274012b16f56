import { describe, expect, it } from 'vitest';
import { ApiError, describeError, fieldErrors, parseRetryAfter, request, sentence, unwrap } from './errors';

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

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-25T16:00:00Z');
    expect(parseRetryAfter('Wed, 25 Nov 2026 16:01:30 GMT', now)).toBe(90);
  });

  it('is kept on the ApiError of a 429', () => {
    const res = new Response(null, { status: 429, headers: { 'Retry-After': '30' } });
    expect(() => unwrap({ error: { title: 'Too Many Requests', status: 429, type: 'about:blank' }, response: res })).toThrow(
      expect.objectContaining({ status: 429, retryAfterSeconds: 30 }),
    );
  });
});

describe('fieldErrors', () => {
  it('maps errors[] by field, with the label in front', () => {
    const error = new ApiError(
      422,
      {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        errors: [
          { field: 'login', message: 'is required' },
          { field: 'login', message: 'must be at most 254 characters' },
          { field: 'other', message: 'is wrong' },
        ],
      },
      'invalid',
    );
    expect(fieldErrors(error, { login: 'Login' })).toEqual({
      login: 'Login is required. Login must be at most 254 characters.',
      other: 'Is wrong.',
    });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('makes a sentence of an API message', () => {
    expect(sentence('the login or password is wrong')).toBe('The login or password is wrong.');
    expect(sentence('Done!')).toBe('Done!');
  });
});
