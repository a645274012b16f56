import { Badge } from '@mantine/core';
import type { OrderPriority, OrderReturn, OrderStatus, Shipment } from '../../api/adminOrders';
import classes from '../lists.module.css';
import { orderStatusStyles, priorityStyles, returnStatusStyles, shipmentStatusStyles, styleOf, type BadgeStyle } from './labels';

function StyledBadge({ style, data }: { style: BadgeStyle; data: string }) {
  return (
    <Badge color={style.color} autoContrast={style.darkText} variant="filled" title={style.description || undefined} data-value={data} className={classes.badge}>
      {style.label}
    </Badge>
  );
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <StyledBadge style={styleOf(orderStatusStyles, status)} data={status} />;
}

export function PriorityBadge({ priority }: { priority: OrderPriority }) {
  return <StyledBadge style={styleOf(priorityStyles, priority)} data={priority} />;
}

export function ShipmentStatusBadge({ status }: { status: Shipment['status'] }) {
  return <StyledBadge style={styleOf(shipmentStatusStyles, status)} data={status} />;
}

export function ReturnStatusBadge({ status }: { status: OrderReturn['status'] }) {
  return <StyledBadge style={styleOf(returnStatusStyles, status)} data={status} />;
}
