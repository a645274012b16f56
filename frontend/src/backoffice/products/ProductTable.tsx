import { Anchor, Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Product } from '../../api/adminCatalog';
import classes from './products.module.css';
import { audienceLabels } from './labels';
import { formatMoney } from './money';
import { basePrice } from './productForm';
import { ProductStatusBadge } from './StatusBadge';
import { thumbnailUrl } from './media';

export function productPath(id: string): string {
  return `/admin/products/${id}`;
}

function Thumbnail({ product }: { product: Product }) {
  const url = thumbnailUrl(product);
  if (!url) {
    return (
      <Box className={classes.thumb} aria-hidden>
        <IconPhotoOff size={18} />
      </Box>
    );
  }
  // The name is in the next cell: the picture adds nothing for screen readers.
  return <img src={url} alt="" className={classes.thumb} loading="lazy" width={40} height={40} />;
}

/** Products in a table; on phones the table scrolls sideways inside its box. */
export function ProductTable({ products }: { products: Product[] }) {
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Products">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={56}>
              <VisuallyHidden>Picture</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">SKU</Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Audience</Table.Th>
            <Table.Th scope="col" ta="right">
              Price
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Available / on hand
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((p) => (
            <Table.Tr key={p.id} data-sku={p.sku}>
              <Table.Td>
                <Thumbnail product={p} />
              </Table.Td>
              <Table.Td className={classes.mono}>{p.sku}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={productPath(p.id)} fw={600} size="sm">
                  {p.name}
                </Anchor>
                {p.category ? (
                  <Text size="xs" c="dimmed">
                    {p.category.name}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <ProductStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>{audienceLabels[p.audience]}</Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                {formatMoney(basePrice(p).amount ?? 0, basePrice(p).currency)}
              </Table.Td>
              <Table.Td ta="right" className={classes.nowrap}>
                {p.stock.available} / {p.stock.on_hand ?? '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
