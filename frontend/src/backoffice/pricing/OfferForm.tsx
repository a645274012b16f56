import { Alert, Box, Button, Fieldset, Group, List, Radio, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { CustomerGroup } from '../../api/customerGroups';
import { describeError } from '../../api/errors';
import {
  createOffer,
  pricingCategoriesQuery,
  pricingProductQuery,
  updateOffer,
  type Offer,
  type OfferAudience,
  type OfferKind,
  type OfferScope,
  type ProductCategory,
} from '../../api/pricing';
import { audienceLabels, kindLabels, newOfferValues, offerLabels, offerFieldPath, offerValues, scopeLabels, toOfferRequest, validateOffer, type OfferValues } from './offerForm';
import { ProductSearch } from './ProductSearch';
import { isCodeTaken, isStale, mapServerErrors } from './serverErrors';
import { ProductName } from './TierTable';
import { StaleAlert } from './ui';
import { localTimeZone } from './validity';

interface OfferFormProps {
  loaded?: Offer;
  groups: CustomerGroup[] | undefined;
  onSaved: (offer: Offer) => void;
  onReload: () => Promise<Offer | undefined>;
}

const order = ['name', 'code', 'value', 'currency', 'productId', 'categoryId', 'groupId', 'validFrom', 'validTo', 'minOrderAmount', 'minQuantity', 'maxUses', 'maxUsesPerCustomer'];

/** "Tools › Drills" for every category, parents first. */
export function categoryOptions(categories: readonly ProductCategory[]): { value: string; label: string }[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const path = (c: ProductCategory, seen = new Set<string>()): string => {
    const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
    if (!parent || seen.has(parent.id)) return c.name;
    seen.add(c.id);
    return `${path(parent, seen)} › ${c.name}`;
  };
  return categories.map((c) => ({ value: c.id, label: path(c) })).sort((a, b) => a.label.localeCompare(b.label));
}

/** An offer or coupon. Percent is typed as % and sent as basis points; amounts as decimals, sent in minor units. */
export function OfferForm({ loaded, groups, onSaved, onReload }: OfferFormProps) {
  const creating = !loaded;
  const version = useRef(loaded?.version);
  const queryClient = useQueryClient();
  const categories = useQuery(pricingCategoriesQuery);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const form = useForm<OfferValues>({
    initialValues: loaded ? offerValues(loaded) : newOfferValues(),
    validate: validateOffer,
  });
  const v = form.values;
  const groupOptions = useMemo(() => (groups ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.code})` })), [groups]);
  const categoryData = useMemo(() => categoryOptions(categories.data ?? []), [categories.data]);
  const chosenProduct = useMemo(() => new Set(v.productId ? [v.productId] : []), [v.productId]);

  const focusFirst = (errors: Record<string, unknown>) => {
    const path = order.find((f) => errors[f]);
    if (path) form.getInputNode(path)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setOther([]);
    try {
      const body = toOfferRequest(values, creating ? undefined : version.current);
      const saved = loaded ? await updateOffer(loaded.id, body) : await createOffer(body);
      setStale(false);
      version.current = saved.version;
      const next = offerValues(saved);
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty(next);
      onSaved(saved);
    } catch (error) {
      if (isCodeTaken(error)) {
        form.setFieldError('code', 'Another offer already has this coupon code.');
        form.getInputNode('code')?.focus();
        return;
      }
      if (isStale(error) && !creating) {
        setStale(true);
        return;
      }
      const mapped = mapServerErrors(error, offerFieldPath, offerLabels);
      form.setErrors(mapped.fields);
      focusFirst(mapped.fields);
      setOther(mapped.other);
      if (Object.keys(mapped.fields).length === 0 && mapped.other.length === 0) setProblem(describeError(error));
    }
  }, focusFirst);

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

  const zone = localTimeZone();
  const money = v.kind === 'fixed' || v.scope === 'order';

  return (
    <form onSubmit={submit} noValidate aria-label={creating ? 'New offer' : 'Offer details'}>
      <Stack gap="lg">
        {stale ? <StaleAlert what="offer" onReload={() => void reload()} reloading={reloading} /> : null}
        <Fieldset legend="The offer">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={offerLabels.name} withAsterisk autoComplete="off" {...form.getInputProps('name')} />
              <TextInput
                label={offerLabels.code}
                description="Optional. With a code, the offer applies only when a customer enters it."
                autoComplete="off"
                spellCheck={false}
                {...form.getInputProps('code')}
              />
            </SimpleGrid>
            <Radio.Group label={offerLabels.kind} withAsterisk {...form.getInputProps('kind')}>
              <Group gap="lg" mt={6}>
                {(Object.keys(kindLabels) as OfferKind[]).map((k) => (
                  <Radio key={k} value={k} label={kindLabels[k]} />
                ))}
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={offerLabels.value}
                withAsterisk
                inputMode="decimal"
                autoComplete="off"
                description={v.kind === 'percent' ? 'Percent off, e.g. 10 or 12.5.' : 'Amount off each unit (or the order), e.g. 5.00.'}
                rightSection={
                  <Text size="sm" c="dimmed" aria-hidden>
                    {v.kind === 'percent' ? '%' : v.currency.toUpperCase()}
                  </Text>
                }
                rightSectionWidth={48}
                {...form.getInputProps('value')}
              />
              {money ? (
                <TextInput
                  label={offerLabels.currency}
                  withAsterisk={v.kind === 'fixed'}
                  maxLength={3}
                  autoComplete="off"
                  description="Of the amounts on this offer."
                  {...form.getInputProps('currency')}
                />
              ) : null}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend="What it applies to">
          <Stack gap="md">
            <Stack gap={6}>
              <Text size="sm" fw={500} id="offer-scope">
                {offerLabels.scope}
              </Text>
              <SegmentedControl
                aria-labelledby="offer-scope"
                data={(Object.keys(scopeLabels) as OfferScope[]).map((s) => ({ value: s, label: scopeLabels[s] }))}
                {...form.getInputProps('scope')}
              />
            </Stack>
            {v.scope === 'product' ? (
              v.productId ? (
                <Group justify="space-between" gap="sm" wrap="nowrap">
                  <ProductName id={v.productId} />
                  <Button size="compact-sm" variant="subtle" leftSection={<IconX size={14} aria-hidden />} onClick={() => form.setFieldValue('productId', null)}>
                    Choose another product
                  </Button>
                </Group>
              ) : (
                <ProductSearch
                  label="Product"
                  pickLabel="Choose"
                  chosen={chosenProduct}
                  error={form.errors.productId as string | undefined}
                  onPick={(p) => {
                    queryClient.setQueryData(pricingProductQuery(p.id).queryKey, p);
                    form.setFieldValue('productId', p.id);
                  }}
                />
              )
            ) : null}
            {v.scope === 'category' ? (
              <Select
                label={offerLabels.categoryId}
                withAsterisk
                description="Its subcategories are covered too."
                placeholder={categories.data ? 'Choose a category' : 'Loading categories…'}
                data={categoryData}
                disabled={!categories.data}
                searchable
                nothingFoundMessage="No category has that name"
                {...form.getInputProps('categoryId')}
              />
            ) : null}
            {v.scope === 'order' ? (
              <TextInput
                label={offerLabels.minOrderAmount}
                inputMode="decimal"
                autoComplete="off"
                description="Optional: the subtotal needed for the offer."
                {...form.getInputProps('minOrderAmount')}
              />
            ) : null}
            <TextInput
              label={offerLabels.minQuantity}
              inputMode="numeric"
              autoComplete="off"
              description={v.scope === 'order' ? 'Optional: items in the order needed.' : 'Optional: units of the product needed.'}
              {...form.getInputProps('minQuantity')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Who, when and how often">
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label={offerLabels.audience}
                withAsterisk
                allowDeselect={false}
                data={(Object.keys(audienceLabels) as OfferAudience[]).map((a) => ({ value: a, label: audienceLabels[a] }))}
                {...form.getInputProps('audience')}
              />
              <Select
                label={offerLabels.groupId}
                description="Optional: only members of this group."
                placeholder={groups ? 'Any customer' : 'Loading groups…'}
                data={groupOptions}
                disabled={!groups}
                clearable
                searchable
                nothingFoundMessage="No group has that name"
                {...form.getInputProps('groupId')}
              />
              <TextInput type="datetime-local" label={offerLabels.validFrom} description={`Empty: from now. Times in ${zone}.`} {...form.getInputProps('validFrom')} />
              <TextInput type="datetime-local" label={offerLabels.validTo} description="Empty: no end." {...form.getInputProps('validTo')} />
              <TextInput label={offerLabels.maxUses} inputMode="numeric" autoComplete="off" description="Optional: empty for no limit." {...form.getInputProps('maxUses')} />
              <TextInput label={offerLabels.maxUsesPerCustomer} inputMode="numeric" autoComplete="off" description="Optional: empty for no limit." {...form.getInputProps('maxUsesPerCustomer')} />
            </SimpleGrid>
            <Switch label="Stackable" description="Applies on top of other offers and price lists, instead of competing with them." {...form.getInputProps('stackable', { type: 'checkbox' })} />
            <Switch label="Active" description="Switched off, the offer never applies whatever the dates." {...form.getInputProps('active', { type: 'checkbox' })} />
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
              {creating ? 'Create offer' : 'Save offer'}
            </Button>
          </Group>
        </Stack>
      </Box>
    </form>
  );
}
