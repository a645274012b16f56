import { Box, Button, Grid, Group, NativeSelect, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useState, type ChangeEvent } from 'react';
import { audiences, productStatuses, type Category, type ProductFilters } from '../../api/adminCatalog';
import { categoryOptions } from '../categories/tree';
import { hasProductFilters, noFilters } from './filters';
import { audienceLabels, statusLabels } from './labels';

interface ProductFiltersFormProps {
  filters: ProductFilters;
  categories: readonly Category[];
  onApply: (filters: ProductFilters) => void;
}

/** Search text (applied with Enter or the button) and selects (applied at once); all kept in the URL. */
export function ProductFiltersForm({ filters, categories, onApply }: ProductFiltersFormProps) {
  const [q, setQ] = useState(filters.q);
  // The URL changed from outside (Back, a link): show what it says.
  useEffect(() => setQ(filters.q), [filters.q]);

  const select = (name: 'status' | 'audience' | 'category') => ({
    value: filters[name],
    onChange: (event: ChangeEvent<HTMLSelectElement>) => onApply({ ...filters, q, [name]: event.currentTarget.value }),
  });

  return (
    <Box
      component="form"
      role="search"
      aria-label="Filter products"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ ...filters, q });
      }}
    >
      {/* Phones: search on its own row, then the selects two by two. */}
      <Grid gap="sm" rowGap="xs">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput
            label="Search"
            placeholder="Name, SKU or description"
            type="search"
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden />}
            spellCheck={false}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <NativeSelect
            label="Status"
            data={[{ value: '', label: 'Any status' }, ...productStatuses.map((s) => ({ value: s, label: statusLabels[s] }))]}
            {...select('status')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <NativeSelect
            label="Audience"
            data={[{ value: '', label: 'Any audience' }, ...audiences.map((a) => ({ value: a, label: audienceLabels[a] }))]}
            {...select('audience')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <NativeSelect
            label="Category"
            data={[{ value: '', label: 'Any category' }, ...categoryOptions(categories, (c) => c.slug)]}
            {...select('category')}
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs" mt="sm">
        <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
          Search
        </Button>
        {hasProductFilters(filters) ? (
          <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={() => onApply(noFilters)}>
            Clear
          </Button>
        ) : null}
      </Group>
    </Box>
  );
}
