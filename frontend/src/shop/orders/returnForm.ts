import type { Order, ReturnRequest } from '../../api/orders';

/**
 * How many units of each line can still be asked back: what was shipped,
 * less what came back and what open requests (requested or accepted) ask for.
 * The server checks again.
 */
export function returnable(order: Order): Record<string, number> {
  const asked: Record<string, number> = {};
  for (const r of order.returns ?? []) {
    if (r.status === 'requested' || r.status === 'accepted') {
      for (const l of r.lines) asked[l.sku] = (asked[l.sku] ?? 0) + l.quantity;
    }
  }
  const out: Record<string, number> = {};
  for (const line of order.items) {
    out[line.sku] = Math.max(0, line.shipped_quantity - line.returned_quantity - (asked[line.sku] ?? 0));
  }
  return out;
}

export interface ReturnValues {
  quantities: Record<string, number>;
  reason: string;
}

/** The problems of a return request before it is sent: per line, the reason, and "nothing chosen". */
export function returnProblems(values: ReturnValues, max: Record<string, number>): Record<string, string> {
  const problems: Record<string, string> = {};
  let any = false;
  for (const [sku, quantity] of Object.entries(values.quantities)) {
    if (!Number.isInteger(quantity) || quantity < 0) problems[`lines.${sku}`] = 'Enter a whole number';
    else if (quantity > (max[sku] ?? 0)) problems[`lines.${sku}`] = `At most ${max[sku] ?? 0}`;
    else if (quantity > 0) any = true;
  }
  if (!any && Object.keys(problems).length === 0) problems.lines = 'Choose at least one product to return';
  const reason = values.reason.trim();
  if (!reason) problems.reason = 'Tell us why you are returning them';
  else if (reason.length > 1000) problems.reason = 'At most 1000 characters';
  return problems;
}

export function toReturnRequest(values: ReturnValues): ReturnRequest {
  return {
    reason: values.reason.trim(),
    lines: Object.entries(values.quantities)
      .filter(([, q]) => q > 0)
      .map(([sku, quantity]) => ({ sku, quantity })),
  };
}
