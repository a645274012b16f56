import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { productPickerQuery, type CatalogAudience, type CatalogProduct } from '../../api/adminCatalogs';
import { describeError } from '../../api/errors';
import classes from './catalogs.module.css';
import { hiddenFrom } from './labels';
import { formatMoney } from './price';

interface ProductPickerProps {
  /** Products already in the catalog: offered as "Added". */
  chosen: ReadonlySet<string>;
  audience: CatalogAudience;
  onAdd: (product: CatalogProduct) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** Search as you type (debounced); each result can be added to the catalog once. */
export function ProductPicker({ chosen, audience, onAdd, inputRef }: ProductPickerProps) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const results = useQuery({ ...productPickerQuery(debounced), enabled: debounced.length > 0 });
  const items = debounced ? (results.data ?? []) : [];
  const searching = text.trim() !== debounced || results.isFetching;

  return (
    <Stack gap="xs">
      <TextInput
        ref={inputRef}
        label="Find products to add"
        description="Name, SKU or words from the description. Active and draft products of any audience."
        placeholder="e.g. drill or DRL-230"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={searching && text.trim() ? <Loader size="xs" aria-label="Searching" /> : null}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        // Enter would submit the catalog form.
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
        type="search"
        autoComplete="off"
        spellCheck={false}
      />
      <Text size="sm" c="dimmed" role="status">
        {debounced && results.data && !results.isFetching
          ? items.length === 0
            ? `No products match “${debounced}”.`
            : `${items.length === 10 ? 'First 10' : items.length} ${items.length === 1 ? 'product matches' : 'products match'} “${debounced}”.`
          : ''}
      </Text>
      {results.isError && debounced ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
          {describeError(results.error)}
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <Stack gap={6} component="ul" className={classes.items} aria-label="Search results">
          {items.map((p) => {
            const added = chosen.has(p.id);
            const warning = hiddenFrom(audience, p.audience);
            return (
              <Paper key={p.id} component="li" withBorder p="xs" data-result={p.sku}>
                <Group gap="sm" wrap="wrap" justify="space-between">
                  <Stack gap={0} className={classes.itemText}>
                    <Text size="sm" fw={600}>
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <span className={classes.mono}>{p.sku}</span> · {formatMoney(p.list_price.amount ?? 0, p.list_price.currency)}
                      {warning ? ` · ${warning}` : ''}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    {p.status !== 'active' ? (
                      <Badge variant="default" size="sm">
                        {p.status === 'draft' ? 'Draft' : 'Archived'}
                      </Badge>
                    ) : null}
                    <Button
                      size="compact-sm"
                      variant={added ? 'subtle' : 'light'}
                      leftSection={added ? <IconCheck size={14} aria-hidden /> : <IconPlus size={14} aria-hidden />}
                      disabled={added}
                      onClick={() => onAdd(p)}
                      aria-label={added ? `${p.name} is in the catalog` : `Add ${p.name}`}
                    >
                      {added ? 'Added' : 'Add'}
                    </Button>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      ) : null}
    </Stack>
  );
}
