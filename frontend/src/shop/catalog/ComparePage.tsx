import { Alert, Badge, Button, EmptyState, Group, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowsDiff, IconX } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { productQuery, type Product } from '../../api/catalog';
import { ApiError, describeError } from '../../api/errors';
import classes from './catalog.module.css';
import { comparePath, getCompareItems, minCompare, parseCompareIds, setCompareItems } from './compare';
import { productImages } from './media';
import { formatMoney } from './money';
import { Price, ProductThumb, StockBadge } from './parts';
import { productPath } from './ProductCard';
import { compareSpecs, differs } from './specs';
import { stockLabel } from './stock';
import { useViewer } from './viewer';

/**
 * 2–4 products side by side: the basics (price, stock, ordering rules), then
 * every specification, grouped, with the rows that differ marked. The
 * products are in the URL (`?ids=slug-a,slug-b`), so a comparison can be
 * shared; the same pick is kept in localStorage for the compare bar.
 */
export function ComparePage() {
  useDocumentTitle('Compare products · Shop · Order Management System');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const viewer = useViewer();
  const ids = parseCompareIds(params.get('ids'));
  const [onlyDifferences, setOnlyDifferences] = useState(false);

  // Opened without ids (the nav, a bookmark): show the stored pick.
  useEffect(() => {
    if (ids.length === 0) {
      const stored = getCompareItems();
      if (stored.length > 0) {
        void navigate(comparePath(stored.map((i) => i.slug)), { replace: true });
      }
    }
  }, [ids.length, navigate]);

  const results = useQueries({
    queries: ids.map((id) => ({ ...productQuery(viewer.key, id), enabled: viewer.ready })),
  });
  const products = results.map((r) => r.data);
  const loaded = products.filter((p): p is Product => p !== undefined);

  // The URL wins: the stored pick becomes what this page shows, with the names the bar needs.
  const allLoaded = results.every((r) => !r.isPending);
  const loadedKey = loaded.map((p) => p.slug).join(',');
  useEffect(() => {
    if (ids.length === 0 || !allLoaded) {
      return;
    }
    const stored = getCompareItems();
    const next = loaded.map((p) => ({ slug: p.slug, name: p.name }));
    if (stored.map((i) => `${i.slug}:${i.name}`).join(',') !== next.map((i) => `${i.slug}:${i.name}`).join(',')) {
      setCompareItems(next);
    }
    // loadedKey stands for `loaded` (a new array every render).
  }, [allLoaded, loadedKey, ids.length]);

  const remove = (id: string) => {
    const rest = ids.filter((i) => i !== id);
    setCompareItems(getCompareItems().filter((i) => i.slug !== id));
    void navigate(comparePath(rest), { replace: true });
  };

  if (ids.length < minCompare) {
    return (
      <Stack gap="md">
        <Title order={1}>Compare products</Title>
        <EmptyState
          icon={<IconArrowsDiff size={32} aria-hidden />}
          withIndicatorBackground
          title={ids.length === 1 ? 'Pick one more product' : 'Nothing to compare yet'}
          description={`Tick “Compare” on ${minCompare} to 4 products in the shop, then choose “Compare” at the bottom of the page.`}
          py="xl"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/shop">
              Browse the shop
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Stack>
    );
  }

  const specGroups = compareSpecs(products.map((p) => ({ specs: p?.specs ?? [] })));
  const columns = ids.length;

  return (
    <Stack gap="md">
      <Title order={1}>Compare products</Title>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          Rows marked “Differs” are not the same for every product.
        </Text>
        <Switch label="Show only differences" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.currentTarget.checked)} />
      </Group>
      <Table.ScrollContainer minWidth={140 + columns * 170}>
        <Table className={classes.compareTable} withTableBorder withColumnBorders verticalSpacing="xs" layout="fixed" data-testid="compare-table">
          <Table.Caption className={classes.srOnly}>Products side by side</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Td w={140} />
              {ids.map((id, i) => (
                <Table.Th key={id} scope="col" style={{ verticalAlign: 'top' }}>
                  <ProductHeader id={id} product={products[i]} error={results[i]?.error ?? null} onRemove={() => remove(id)} />
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <GroupBody
            name="Overview"
            rows={overviewRows(products)}
            onlyDifferences={onlyDifferences}
          />
          {specGroups.map((group) => (
            <GroupBody
              key={group.name}
              name={group.name}
              rows={group.rows.map((row) => ({ name: row.name, cells: row.values.map((v) => v ?? '—'), differs: row.differs }))}
              onlyDifferences={onlyDifferences}
            />
          ))}
        </Table>
      </Table.ScrollContainer>
      {specGroups.length === 0 && loaded.length === columns ? (
        <Text size="sm" c="dimmed">
          These products have no specifications yet.
        </Text>
      ) : null}
    </Stack>
  );
}

interface Row {
  name: string;
  cells: ReactNode[];
  differs: boolean;
}

function overviewRows(products: (Product | undefined)[]): Row[] {
  const text = (f: (p: Product) => string) => products.map((p) => (p ? f(p) : null));
  const cells = (f: (p: Product) => ReactNode) => products.map((p) => (p ? f(p) : <Skeleton height={16} />));
  const row = (name: string, values: (string | null)[], rendered?: ReactNode[]): Row => ({
    name,
    cells: rendered ?? values.map((v) => v ?? <Skeleton height={16} />),
    differs: values.every((v) => v !== null) && differs(values),
  });
  return [
    row('Price', text((p) => formatMoney(p.price)), cells((p) => <Price price={p.price} listPrice={p.list_price} size="md" />)),
    row('Availability', text((p) => stockLabel(p.stock.available)), cells((p) => <StockBadge available={p.stock.available} />)),
    row('Category', text((p) => p.category?.name ?? '—')),
    row('Minimum order', text((p) => String(Math.max(1, p.min_order_qty)))),
    row('Pack size', text((p) => String(Math.max(1, p.order_multiple)))),
  ];
}

function GroupBody({ name, rows, onlyDifferences }: { name: string; rows: Row[]; onlyDifferences: boolean }) {
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  if (shown.length === 0) {
    return null;
  }
  const span = (rows[0]?.cells.length ?? 0) + 1;
  return (
    <Table.Tbody>
      <Table.Tr className={classes.specGroup}>
        <Table.Th colSpan={span} scope="rowgroup">
          {name}
        </Table.Th>
      </Table.Tr>
      {shown.map((row) => (
        <Table.Tr key={row.name} className={row.differs ? classes.differs : undefined} data-differs={row.differs || undefined}>
          <Table.Th scope="row" fw={500}>
            <Stack gap={2} align="flex-start">
              <span>{row.name}</span>
              {row.differs ? (
                <Badge size="xs" variant="default" radius="sm">
                  Differs
                </Badge>
              ) : null}
            </Stack>
          </Table.Th>
          {row.cells.map((cell, i) => (
            <Table.Td key={i}>{cell}</Table.Td>
          ))}
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

function ProductHeader({ id, product, error, onRemove }: { id: string; product: Product | undefined; error: Error | null; onRemove: () => void }) {
  const removeButton = (label: string) => (
    <Button variant="subtle" size="compact-xs" color="gray" leftSection={<IconX size={14} aria-hidden />} onClick={onRemove} aria-label={`Remove ${label} from the comparison`}>
      Remove
    </Button>
  );
  if (error) {
    const gone = error instanceof ApiError && error.status === 404;
    return (
      <Stack gap={6}>
        <Alert color={gone ? 'gray' : 'red'} variant="light" p="xs">
          <Text size="sm">{gone ? `“${id}” is not available.` : describeError(error)}</Text>
        </Alert>
        {removeButton(id)}
      </Stack>
    );
  }
  if (!product) {
    return (
      <Stack gap={6} role="status" aria-label="Loading a product">
        <Skeleton style={{ aspectRatio: '4 / 3' }} />
        <Skeleton height={16} />
      </Stack>
    );
  }
  return (
    <Stack gap={6}>
      <ProductThumb image={productImages(product)[0]} sizes="small" decorative />
      <Link to={productPath(product.slug)} className={classes.compareName}>
        {product.name}
      </Link>
      {removeButton(product.name)}
    </Stack>
  );
}
