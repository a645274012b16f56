import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminOrderKey, adminOrdersKey, type Order } from '../../api/adminOrders';
import { ApiError } from '../../api/errors';

/** A 409 on a change: the order moved on since it was read (someone else changed it). */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}

/**
 * Runs one change of an order (status, shipment, delivery, return) and puts
 * the answer on the page. Some answers carry no timeline, so the order is
 * read again as well; the queue is stale after any change.
 */
export function useOrderChange<V>(reference: string, change: (vars: V) => Promise<Order>, onDone?: (order: Order) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (answer) => {
      queryClient.setQueryData<Order>(adminOrderKey(reference), (old) => ({
        ...old,
        ...answer,
        events: answer.events ?? old?.events,
        shipments: answer.shipments ?? old?.shipments,
        returns: answer.returns ?? old?.returns,
      }));
      void queryClient.invalidateQueries({ queryKey: adminOrdersKey });
      onDone?.(answer);
    },
  });
}
