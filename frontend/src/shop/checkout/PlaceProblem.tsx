import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { OrderProblem, type OrderProblemCopy, type OrderProblemProps } from './OrderProblem';

const shopCopy: OrderProblemCopy = {
  orderPath: (reference) => `/orders/${reference}`,
  placedBy: 'You placed',
  whoWants: 'you want',
  openLabel: 'View',
  stockHelp: (
    <>
      <Anchor component={Link} to="/cart" inherit underline="always">
        Change the quantity in your cart
      </Anchor>{' '}
      or remove the product, then place the order again.
    </>
  ),
  theOrder: 'Your order',
};

/** Why the customer's order was not placed, and what to do next. */
export function PlaceProblem(props: OrderProblemProps) {
  return <OrderProblem {...props} copy={shopCopy} />;
}
