import { Group, NavLink, NumberInput, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { categoriesQuery } from '../../api/catalog';
import { describeError } from '../../api/errors';
import { categoryTree } from './categories';
import { shopPath, type ShopFilters } from './filters';
import { currencySymbol, fractionDigits } from './money';

interface FilterPanelProps {
  filters: ShopFilters;
  currency: string;
  onChange: (change: Partial<ShopFilters>) => void;
}

/** Category, price range and stock: every change goes straight into the URL. */
export function FilterPanel({ filters, currency, onChange }: FilterPanelProps) {
  return (
    <Stack gap="lg">
      <CategoryFilter filters={filters} />
      <PriceFilter filters={filters} currency={currency} onChange={onChange} />
      <section aria-label="Availability">
        <Switch
          label="In stock only"
          checked={filters.inStock}
          onChange={(event) => onChange({ inStock: event.currentTarget.checked })}
        />
      </section>
    </Stack>
  );
}

function CategoryFilter({ filters }: { filters: ShopFilters }) {
  const headingId = useId();
  const categories = useQuery(categoriesQuery);
  const nodes = categoryTree(categories.data ?? []);

  return (
    <nav aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb={4}>
        Category
      </Title>
      {categories.isPending ? (
        <Stack gap={6} role="status" aria-label="Loading categories">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={24} />
          ))}
        </Stack>
      ) : null}
      {categories.isError ? (
        <Text size="sm" c="dimmed">
          Categories could not be loaded. {describeError(categories.error)}
        </Text>
      ) : null}
      {categories.data ? (
        <>
          <NavLink
            component={Link}
            to={shopPath({ ...filters, category: '' })}
            label="All categories"
            active={!filters.category}
            aria-current={!filters.category ? 'true' : undefined}
            py={4}
          />
          {nodes.map(({ category, depth }) => {
            const active = filters.category === category.slug;
            return (
              <NavLink
                key={category.id}
                component={Link}
                to={shopPath({ ...filters, category: category.slug })}
                label={category.name}
                active={active}
                aria-current={active ? 'true' : undefined}
                py={4}
                pl={12 + depth * 16}
              />
            );
          })}
        </>
      ) : null}
    </nav>
  );
}

function PriceFilter({ filters, currency, onChange }: FilterPanelProps) {
  const headingId = useId();
  const [min, setMin] = useState<number | string>(filters.min ?? '');
  const [max, setMax] = useState<number | string>(filters.max ?? '');
  // Follow the URL when it changes elsewhere (back button, "Clear all").
  useEffect(() => setMin(filters.min ?? ''), [filters.min]);
  useEffect(() => setMax(filters.max ?? ''), [filters.max]);

  const apply = useDebouncedCallback((next: { min: number | string; max: number | string }) => {
    onChange({ min: toPrice(next.min), max: toPrice(next.max) });
  }, 500);

  const symbol = currencySymbol(currency);
  const digits = fractionDigits(currency);
  const common = {
    min: 0,
    decimalScale: digits,
    allowNegative: false,
    hideControls: true,
    leftSection: <Text size="sm" aria-hidden>{symbol}</Text>,
    inputMode: 'decimal' as const,
    style: { flex: 1, minWidth: 0 },
  };

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb={4}>
        Price ({currency})
      </Title>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <NumberInput
          {...common}
          label="From"
          value={min}
          onChange={(value) => {
            setMin(value);
            apply({ min: value, max });
          }}
          onBlur={() => apply.flush()}
        />
        <NumberInput
          {...common}
          label="To"
          value={max}
          onChange={(value) => {
            setMax(value);
            apply({ min, max: value });
          }}
          onBlur={() => apply.flush()}
        />
      </Group>
    </section>
  );
}

function toPrice(value: number | string): number | null {
  if (value === '' || value === null) {
    return null;
  }
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
