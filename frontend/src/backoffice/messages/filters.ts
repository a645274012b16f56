import { messageChannels, messageStatuses, type MessageFilters } from '../../api/messages';

/** Query-string names; `message` is the id of the message open in the drawer. */
export const filterParams = { channel: 'channel', status: 'status', to: 'to', message: 'message' } as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The filters in a URL; values the API would reject (a typo in a shared link) are ignored. */
export function readFilters(params: URLSearchParams): MessageFilters {
  return {
    channel: oneOf(messageChannels, params.get(filterParams.channel)),
    status: oneOf(messageStatuses, params.get(filterParams.status)),
    to: (params.get(filterParams.to) ?? '').trim(),
  };
}

/** A copy of `params` with `patch` applied; empty values are removed from the URL. */
export function withFilters(params: URLSearchParams, patch: Partial<MessageFilters>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
  }
  return next;
}

export function hasFilters(filters: MessageFilters): boolean {
  return Boolean(filters.channel || filters.status || filters.to);
}
