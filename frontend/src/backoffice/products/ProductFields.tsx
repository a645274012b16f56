import { Card, Fieldset, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { audiences, productStatuses, type Category } from '../../api/adminCatalog';
import { categoryOptions } from '../categories/tree';
import { DescriptionField } from './DescriptionField';
import { audienceDescriptions, audienceLabels, statusDescriptions, statusLabels } from './labels';
import { formatMoney, parseMoney } from './money';
import { fieldLabels as l, slugify, type ProductValues } from './productForm';
import classes from './products.module.css';
import { SpecEditor } from './SpecEditor';

type Form = UseFormReturnType<ProductValues>;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export function BasicsSection({ form, categories, creating }: { form: Form; categories: readonly Category[]; creating: boolean }) {
  const { values } = form;
  return (
    <Section title="Basics">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={l.sku}
          description="A–Z, 0–9, dot, underscore, dash"
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          maxLength={40}
          {...form.getInputProps('sku')}
          onChange={(event) => form.setFieldValue('sku', event.currentTarget.value.toUpperCase())}
        />
        <TextInput label={l.name} withAsterisk maxLength={200} autoComplete="off" {...form.getInputProps('name')} />
        <TextInput
          label={l.slug}
          description={creating ? 'The product’s web address; leave empty to make it from the name' : 'The product’s web address'}
          placeholder={creating ? slugify(values.name) : undefined}
          spellCheck={false}
          autoComplete="off"
          maxLength={120}
          {...form.getInputProps('slug')}
        />
        <NativeSelect
          label={l.categoryId}
          data={[{ value: '', label: 'No category' }, ...categoryOptions(categories)]}
          {...form.getInputProps('categoryId')}
        />
        <NativeSelect
          label={l.status}
          description={statusDescriptions[values.status]}
          data={productStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          {...form.getInputProps('status')}
        />
        <NativeSelect
          label={l.audience}
          description={audienceDescriptions[values.audience]}
          data={audiences.map((a) => ({ value: a, label: audienceLabels[a] }))}
          {...form.getInputProps('audience')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function DescriptionSection({ form }: { form: Form }) {
  const error = form.errors.description;
  return (
    <Card withBorder padding="md" component="section" aria-label="Description">
      <DescriptionField
        value={form.values.description}
        onChange={(v) => form.setFieldValue('description', v)}
        error={typeof error === 'string' ? error : undefined}
      />
    </Card>
  );
}

export function PricingSection({ form }: { form: Form }) {
  const currency = form.values.currency.trim().toUpperCase();
  const parsed = /^[A-Z]{3}$/.test(currency) ? parseMoney(form.values.price, currency) : null;
  return (
    <Section title="Price and ordering">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <TextInput
          label={l.price}
          description={parsed?.ok ? `Shown as ${formatMoney(parsed.amount, currency)} before tax` : 'Before tax, e.g. 12.99'}
          inputMode="decimal"
          autoComplete="off"
          withAsterisk
          {...form.getInputProps('price')}
        />
        <TextInput
          label={l.currency}
          description="ISO code"
          maxLength={3}
          spellCheck={false}
          autoComplete="off"
          withAsterisk
          {...form.getInputProps('currency')}
          onChange={(event) => form.setFieldValue('currency', event.currentTarget.value.toUpperCase())}
        />
        <TextInput label={l.taxClass} description="e.g. standard, reduced" maxLength={40} {...form.getInputProps('taxClass')} />
        <NumberInput
          label={l.minOrderQty}
          description="The smallest quantity per order"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('minOrderQty')}
        />
        <NumberInput
          label={l.orderMultiple}
          description="Pack size: quantities are multiples of it"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('orderMultiple')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function ShippingSection({ form, creating }: { form: Form; creating: boolean }) {
  return (
    <Section title={creating ? 'Shipping and stock' : 'Shipping'}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <NumberInput
          label={l.weightGrams}
          description="In grams, packed"
          suffix=" g"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('weightGrams')}
        />
        {creating ? (
          <NumberInput
            label={l.stockOnHand}
            description="What is in the warehouse now; later changes use “Adjust stock”"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('stockOnHand')}
          />
        ) : null}
      </SimpleGrid>
      <Fieldset legend="Packed size" variant="unstyled" p={0} m={0} classNames={{ legend: classes.legend }}>
        {/* Two to a row on a phone, all three side by side from the xs breakpoint. */}
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
          {(['lengthMm', 'widthMm', 'heightMm'] as const).map((field) => (
            <NumberInput
              key={field}
              label={l[field]}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps(field)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    </Section>
  );
}

export function SpecsSection({ form, disabled }: { form: Form; disabled: boolean }) {
  return (
    <Section title="Specifications">
      <SpecEditor form={form} disabled={disabled} />
    </Section>
  );
}
