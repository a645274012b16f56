import { Alert, Box, Button, Fieldset, Group, List, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { CustomerGroup } from '../../api/customerGroups';
import { describeError, sentence } from '../../api/errors';
import { createPriceList, pricingProductQuery, updatePriceList, type PriceList, type PricedProduct } from '../../api/pricing';
import {
  newPriceListValues,
  priceListLabels,
  priceListPath,
  priceListValues,
  toPriceListRequest,
  validatePriceList,
  type PriceListValues,
} from './priceListForm';
import { ProductSearch } from './ProductSearch';
import { isCodeTaken, isStale, mapServerErrors } from './serverErrors';
import { TierTable } from './TierTable';
import { minorToDecimal } from './amounts';
import { StaleAlert } from './ui';
import { localTimeZone } from './validity';

interface PriceListFormProps {
  /** Absent when creating one. */
  loaded?: PriceList;
  groups: CustomerGroup[] | undefined;
  onSaved: (list: PriceList) => void;
  /** Reads the list as it is now (after someone else saved it). */
  onReload: () => Promise<PriceList | undefined>;
}

const order = ['name', 'code', 'groupId', 'customerId', 'currency', 'validFrom', 'validTo'];

/**
 * A price list's fields and its products, each with a tier table. Client
 * checks mirror the server's; a 422 lands on the same inputs. When someone
 * else saved first (409), the edits stay and reloading takes the new version.
 */
export function PriceListForm({ loaded, groups, onSaved, onReload }: PriceListFormProps) {
  const creating = !loaded;
  const version = useRef(loaded?.version);
  const queryClient = useQueryClient();
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const form = useForm<PriceListValues>({
    initialValues: loaded ? priceListValues(loaded) : newPriceListValues(),
    validate: validatePriceList,
  });
  const chosen = useMemo(() => new Set(form.values.items.map((i) => i.productId)), [form.values.items]);
  const groupOptions = useMemo(() => (groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` })), [groups]);
  const currency = form.values.currency.trim().toUpperCase() || 'USD';

  const focusFirst = (errors: Record<string, unknown>) => {
    const path = order.find((f) => errors[f]) ?? Object.keys(errors).find((k) => errors[k] && /\.(minQty|amount)$/.test(k));
    if (path) form.getInputNode(path)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setOther([]);
    try {
      const body = toPriceListRequest(values, creating ? undefined : version.current);
      const saved = loaded ? await updatePriceList(loaded.id, body) : await createPriceList(body);
      setStale(false);
      version.current = saved.version;
      const next = priceListValues(saved);
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty(next);
      onSaved(saved);
    } catch (error) {
      if (isCodeTaken(error)) {
        form.setFieldError('code', sentence('A price list with this code already exists'));
        form.getInputNode('code')?.focus();
        return;
      }
      if (isStale(error) && !creating) {
        setStale(true);
        return;
      }
      const mapped = mapServerErrors(error, (f) => priceListPath(f, values), priceListLabels);
      form.setErrors(mapped.fields);
      focusFirst(mapped.fields);
      setOther(mapped.other);
      if (Object.keys(mapped.fields).length === 0 && mapped.other.length === 0) setProblem(describeError(error));
    }
  }, focusFirst);

  // Takes the current version and keeps what was typed: saving again overwrites with these edits.
  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await onReload();
      if (fresh) {
        version.current = fresh.version;
        setStale(false);
      }
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setReloading(false);
    }
  };

  const add = (p: PricedProduct) => {
    if (chosen.has(p.id)) return;
    queryClient.setQueryData(pricingProductQuery(p.id).queryKey, p);
    // Start from the product's own price in the list's currency, when it matches.
    const start = p.list_price.currency === currency ? minorToDecimal(p.list_price.amount ?? 0, currency) : '';
    form.insertListItem('items', { productId: p.id, tiers: [{ minQty: '1', amount: start }] });
  };

  const zone = localTimeZone();

  return (
    <form onSubmit={submit} noValidate aria-label={creating ? 'New price list' : 'Price list details'}>
      <Stack gap="lg">
        {stale ? <StaleAlert what="price list" onReload={() => void reload()} reloading={reloading} /> : null}
        <Fieldset legend="About the list">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={priceListLabels.name} withAsterisk autoComplete="off" {...form.getInputProps('name')} />
              <TextInput
                label={priceListLabels.code}
                withAsterisk
                description="Short and unique, like TRADE. Stored in capitals."
                autoComplete="off"
                spellCheck={false}
                {...form.getInputProps('code')}
              />
            </SimpleGrid>
            <Stack gap={6}>
              <Text size="sm" fw={500} id="pl-target">
                For
              </Text>
              <SegmentedControl
                aria-labelledby="pl-target"
                data={[
                  { value: 'group', label: 'A customer group' },
                  { value: 'customer', label: 'One customer (contract)' },
                ]}
                {...form.getInputProps('target')}
              />
            </Stack>
            {form.values.target === 'group' ? (
              <Select
                label={priceListLabels.groupId}
                withAsterisk
                placeholder={groups ? 'Choose a group' : 'Loading groups…'}
                data={groupOptions}
                disabled={!groups}
                searchable
                nothingFoundMessage="No group has that name"
                {...form.getInputProps('groupId')}
              />
            ) : (
              <TextInput
                label={priceListLabels.customerId}
                withAsterisk
                description="The customer's account ID (a UUID, as in the customer group member list)."
                autoComplete="off"
                spellCheck={false}
                {...form.getInputProps('customerId')}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <TextInput
                label={priceListLabels.currency}
                withAsterisk
                description="Lists in another currency than the shop's do not apply."
                maxLength={3}
                autoComplete="off"
                {...form.getInputProps('currency')}
              />
              <TextInput type="datetime-local" label={priceListLabels.validFrom} description={`Empty: from now. Times in ${zone}.`} {...form.getInputProps('validFrom')} />
              <TextInput type="datetime-local" label={priceListLabels.validTo} description="Empty: no end. Not valid from this time on." {...form.getInputProps('validTo')} />
            </SimpleGrid>
            <Switch label="Active" description="Switched off, the list never applies whatever the dates." {...form.getInputProps('active', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>

        <Fieldset legend="Products and tiers">
          <Stack gap="md">
            <ProductSearch label="Add a product" chosen={chosen} onPick={add} inputRef={searchRef} />
            <Text size="xs" c="dimmed">
              Each tier sets the unit price from a quantity on: the first starts at 1, then quantities go up. A customer pays the lowest
              of their prices.
            </Text>
            {form.values.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                No products yet: search above to add some.
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Products in the list">
                {form.values.items.map((item, i) => (
                  <TierTable
                    key={item.productId}
                    form={form}
                    index={i}
                    currency={currency}
                    onRemove={() => {
                      form.removeListItem('items', i);
                      searchRef.current?.focus();
                    }}
                  />
                ))}
              </Stack>
            )}
          </Stack>
        </Fieldset>
      </Stack>

      <Box mt="md">
        <Stack gap="xs">
          {problem || other.length > 0 ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Not saved">
              {problem ? <Text size="sm">{problem}</Text> : null}
              {other.length > 0 ? (
                <List size="sm">
                  {other.map((e) => (
                    <List.Item key={e}>{e}</List.Item>
                  ))}
                </List>
              ) : null}
            </Alert>
          ) : null}
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {form.isDirty() ? 'Unsaved changes' : creating ? '' : 'All changes saved'}
            </Text>
            <Button type="submit" loading={form.submitting} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              {creating ? 'Create price list' : 'Save price list'}
            </Button>
          </Group>
        </Stack>
      </Box>
    </form>
  );
}
