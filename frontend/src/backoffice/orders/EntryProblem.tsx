import { OrderProblem, type OrderProblemCopy, type OrderProblemProps } from '../../shop/checkout/OrderProblem';
import { orderPath } from './OrderList';

const entryCopy: OrderProblemCopy = {
  orderPath,
  placedBy: 'This customer placed',
  whoWants: 'they want',
  openLabel: 'Open',
  stockHelp: 'Lower the quantity or remove the line, then place the order again.',
  theOrder: 'The order',
};

/** Why the order staff entered was not placed, and what to do next. */
export function EntryProblem(props: OrderProblemProps) {
  return <OrderProblem {...props} copy={entryCopy} />;
}
