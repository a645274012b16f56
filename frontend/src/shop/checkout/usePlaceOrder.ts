import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { cartKey } from '../../api/cart';
import { ordersKey, placeOrder, type Order, type PlaceRequest } from '../../api/orders';
import { attemptFor, retrySameAttempt, type Attempt } from './attempt';

/**
 * Places the order with an Idempotency-Key per checkout attempt (see
 * attempt.ts): the key survives a failure whose outcome is unknown, so
 * "Try again" cannot place the order twice; anything else ends the attempt.
 */
export function usePlaceOrder(customerId: string, onPlaced: (order: Order) => void) {
  const client = useQueryClient();
  const pending = useRef<Attempt | null>(null);
  return useMutation({
    mutationFn: async (body: PlaceRequest): Promise<Order> => {
      const attempt = attemptFor(pending.current, body);
      pending.current = attempt;
      try {
        const order = await placeOrder(body, attempt.key);
        pending.current = null;
        return order;
      } catch (error) {
        if (!retrySameAttempt(error)) {
          pending.current = null;
        }
        throw error;
      }
    },
    onSuccess: (order) => {
      // The server took the ordered products out of the cart.
      void client.invalidateQueries({ queryKey: cartKey(customerId) });
      void client.invalidateQueries({ queryKey: ordersKey(customerId) });
      onPlaced(order);
    },
  });
}
