import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminOrderKey, adminOrdersKey, type Order } from '../../api/adminOrders';
import type { ApiError } from '../../api/errors';
import { hasProblemType, problemTypes } from '../../api/problems';

/**
 * The order moved on since this page read it (someone else changed it): its
 * version is stale, or its status no longer has the move that was tried.
 * Other 409s are rules about the order as it is, and say so in their detail.
 */
export function isStale(error: unknown): error is ApiError {
  return hasProblemType(error, problemTypes.staleVersion) || hasProblemType(error, problemTypes.invalidTransition);
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
