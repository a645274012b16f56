import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { orderKey, ordersKey } from '../../api/orders';
import { trackingKey } from '../../api/tracking';
import { useShopper } from '../cart/useCart';
import { subscribeOrderChanges } from './orderStream';

/** Changes arriving together (a bulk confirm) reload the pages once. */
export const batchMs = 250;

/**
 * Live updates for the page that calls it (My orders, an order page, Track
 * orders): while a customer is logged in, the shared order stream is open,
 * and a change to one of their orders reloads what shows it — that order,
 * the order list, and the tracking answers — so a status set by staff shows
 * within seconds, without a reload. After the stream failed and came back,
 * everything is reloaded (changes may have been missed meanwhile).
 */
export function useOrderStream(): void {
  const { customerId } = useShopper();
  const client = useQueryClient();
  useEffect(() => (customerId ? keepLive(client, customerId) : undefined), [customerId, client]);
}

interface Live {
  customerId: string;
  users: number;
  stop: () => void;
}

/** One invalidating listener per query cache, however many components of the page ask for it. */
const live = new Map<QueryClient, Live>();

function keepLive(client: QueryClient, customerId: string): () => void {
  let entry = live.get(client);
  if (entry && entry.customerId !== customerId) {
    entry.stop();
    entry = undefined;
  }
  if (!entry) {
    entry = { customerId, users: 0, stop: listen(client, customerId) };
    live.set(client, entry);
  }
  const current = entry;
  current.users++;
  return () => {
    current.users--;
    if (current.users > 0) return;
    current.stop();
    if (live.get(client) === current) live.delete(client);
  };
}

/** Reloads what shows the changed orders, once per burst of changes. */
function listen(client: QueryClient, customerId: string): () => void {
  const changed = new Set<string>();
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    if (everything) {
      void client.invalidateQueries({ queryKey: ordersKey(customerId) });
    } else {
      void client.invalidateQueries({ queryKey: [...ordersKey(customerId), 'list'] });
      for (const reference of changed) {
        void client.invalidateQueries({ queryKey: orderKey(customerId, reference) });
      }
    }
    // A change can move an order onto or off the board: every tracking answer is read again.
    void client.invalidateQueries({ queryKey: trackingKey(customerId) });
    changed.clear();
    everything = false;
  };
  const soon = () => {
    timer ??= setTimeout(flush, batchMs);
  };

  const unsubscribe = subscribeOrderChanges(customerId, {
    onChange: (change) => {
      changed.add(change.reference.toUpperCase());
      soon();
    },
    onResync: () => {
      everything = true;
      soon();
    },
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}
