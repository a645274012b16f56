import { Badge } from '@mantine/core';
import type { ProductStatus } from '../../api/adminCatalog';
import classes from '../lists.module.css';
import { statusLabels } from './labels';

// Filled shade 9 keeps white text at AA contrast in both schemes.
const colors: Record<ProductStatus, string> = { draft: 'gray.7', active: 'teal.9', archived: 'orange.9' };

export function ProductStatusBadge({ status }: { status: ProductStatus }) {
  return (
    <Badge color={colors[status]} variant="filled" className={classes.badge}>
      {statusLabels[status]}
    </Badge>
  );
}
