import { Alert, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { describeError } from '../../api/errors';
import { pricingProductSearch, type PricedProduct } from '../../api/pricing';
import classes from '../lists.module.css';
import { formatMoney } from './amounts';

interface ProductSearchProps {
  label: string;
  /** Products already chosen: shown as such. */
  chosen: ReadonlySet<string>;
  onPick: (product: PricedProduct) => void;
  pickLabel?: string;
  inputRef?: Ref<HTMLInputElement>;
  error?: string;
}

/** Search active products as you type (debounced); each result can be picked once. */
export function ProductSearch({ label, chosen, onPick, pickLabel = 'Add', inputRef, error }: ProductSearchProps) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const results = useQuery({ ...pricingProductSearch(debounced), enabled: debounced.length > 0 });
  const items = debounced ? (results.data ?? []) : [];
  const searching = text.trim() !== debounced || results.isFetching;

  return (
    <Stack gap="xs">
      <TextInput
        ref={inputRef}
        label={label}
        description="Name or SKU of an active product."
        placeholder="e.g. drill or DRL-230"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={searching && text.trim() ? <Loader size="xs" aria-label="Searching" /> : null}
        value={text}
        error={error}
        onChange={(event) => setText(event.currentTarget.value)}
        // Enter would submit the surrounding form.
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
            ? `No active products match “${debounced}”.`
            : `${items.length === 10 ? 'First 10' : items.length} ${items.length === 1 ? 'product matches' : 'products match'} “${debounced}”.`
          : ''}
      </Text>
      {results.isError && debounced ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
          {describeError(results.error)}
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <Stack gap={6} component="ul" className={classes.cards} aria-label="Search results">
          {items.map((p) => {
            const picked = chosen.has(p.id);
            return (
              <Paper key={p.id} component="li" withBorder p="xs" data-result={p.sku}>
                <Group gap="sm" wrap="wrap" justify="space-between">
                  <Stack gap={0} miw={0}>
                    <Text size="sm" fw={600} className={classes.breakWord}>
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.sku} · {formatMoney(p.list_price.amount ?? 0, p.list_price.currency)}
                    </Text>
                  </Stack>
                  <Button
                    size="compact-sm"
                    variant={picked ? 'subtle' : 'light'}
                    leftSection={picked ? <IconCheck size={14} aria-hidden /> : <IconPlus size={14} aria-hidden />}
                    disabled={picked}
                    onClick={() => onPick(p)}
                    aria-label={picked ? `${p.name} is chosen` : `${pickLabel} ${p.name}`}
                  >
                    {picked ? 'Chosen' : pickLabel}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      ) : null}
    </Stack>
  );
}
