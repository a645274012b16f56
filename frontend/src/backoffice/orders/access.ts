/**
 * Who may use the order pages; the server enforces the same sets. The queue
 * and detail are for every staff role (what each may change is in the order's
 * `allowed_transitions`); entering an order is for the roles that take orders.
 */
export const orderRoles = ['sales', 'support', 'fulfilment', 'admin'] as const;
export const orderEntryRoles = ['sales', 'support', 'admin'] as const;
/** Marking a parcel delivered (the lifecycle's shipped → delivered). */
export const deliveryRoles = ['fulfilment', 'support', 'admin'] as const;
/** Accepting, rejecting and receiving returns (the lifecycle's delivered → returned). */
export const returnRoles = ['fulfilment', 'support', 'admin'] as const;
