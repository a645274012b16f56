import { ActionIcon, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCheck, IconPencil, IconPlus, IconReceiptTax, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import { setTaxRate, taxRatesQuery, type TaxRate } from '../../api/pricing';
import { hasRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import listClasses from '../lists.module.css';
import { basisPointsToPercent, formatPercent, percentToBasisPoints } from './amounts';
import { mapServerErrors } from './serverErrors';
import { LoadError } from './ui';

interface RateValues {
  taxClass: string;
  name: string;
  rate: string;
}

const labels: Record<string, string> = { taxClass: 'Tax class', name: 'Name', rate: 'Rate' };
const apiFields: Record<string, string> = { tax_class: 'taxClass', name: 'name', rate_bp: 'rate' };

function validateRate(v: RateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[a-z0-9_-]{1,40}$/.test(v.taxClass.trim().toLowerCase())) errors.taxClass = '1–40 characters: a–z, 0–9, “_” or “-”';
  if (!v.name.trim()) errors.name = 'Enter a name';
  else if (v.name.trim().length > 80) errors.name = 'At most 80 characters';
  const rate = percentToBasisPoints(v.rate, 0, 100000);
  if (!rate.ok) errors.rate = rate.error;
  return errors;
}

/** One row's inputs (editing a class, or adding one); saves with PUT /tax-rates/{class}. */
function RateEditor({ initial, isNew, onDone }: { initial: RateValues; isNew: boolean; onDone: (saved?: TaxRate) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<RateValues>({ initialValues: initial, validate: validateRate });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    const rate = percentToBasisPoints(v.rate, 0, 100000);
    try {
      const saved = await setTaxRate(v.taxClass.trim().toLowerCase(), { name: v.name.trim(), rate_bp: rate.ok ? rate.value : 0 });
      onDone(saved);
    } catch (error) {
      const mapped = mapServerErrors(error, (f) => apiFields[f], labels);
      form.setErrors(mapped.fields);
      if (Object.keys(mapped.fields).length === 0) setProblem(describeError(error));
    }
  });
  const what = isNew ? 'the new tax class' : initial.taxClass;
  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? 'Add a tax class' : `Edit ${initial.taxClass}`}>
      <Stack gap="xs">
        <Group gap="sm" align="flex-start" wrap="wrap">
          {isNew ? (
            <TextInput label="Tax class" description="e.g. reduced" size="sm" autoComplete="off" spellCheck={false} data-autofocus {...form.getInputProps('taxClass')} />
          ) : null}
          <TextInput label="Name" aria-label={`Name of ${what}`} size="sm" autoComplete="off" {...form.getInputProps('name')} />
          <TextInput
            label="Rate"
            aria-label={`Rate of ${what} in percent`}
            size="sm"
            w={120}
            inputMode="decimal"
            autoComplete="off"
            rightSection={<Text size="sm" c="dimmed" aria-hidden>%</Text>}
            {...form.getInputProps('rate')}
          />
          <Group gap={4} mt={26}>
            <Button type="submit" size="sm" loading={form.submitting} leftSection={<IconCheck size={16} aria-hidden />}>
              Save
            </Button>
            <Button variant="default" size="sm" onClick={() => onDone()} leftSection={<IconX size={16} aria-hidden />}>
              Cancel
            </Button>
          </Group>
        </Group>
        {problem ? (
          <Text size="sm" c="red.8" role="alert">
            {problem}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

const updated = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `/admin/pricing/tax-rates`: the rate of each tax class. Admins edit in place; others read. */
export function TaxRatesPage() {
  useDocumentTitle('Tax rates · OMS Back office');
  const me = useSession()?.me;
  const admin = hasRole(me, 'admin');
  const queryClient = useQueryClient();
  const list = useQuery(taxRatesQuery);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const rates = list.data ?? [];

  const done = (saved?: TaxRate) => {
    setEditing(null);
    setAdding(false);
    if (saved) {
      queryClient.setQueryData(taxRatesQuery.queryKey, (old: TaxRate[] | undefined) => {
        const rest = (old ?? []).filter((r) => r.tax_class !== saved.tax_class);
        return [...rest, saved].sort((a, b) => a.tax_class.localeCompare(b.tax_class));
      });
      void queryClient.invalidateQueries({ queryKey: taxRatesQuery.queryKey });
      setNotice(`${saved.name} (${saved.tax_class}) is now ${formatPercent(saved.rate_bp)}.`);
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1}>Tax rates</Title>
          <Text>Each product has a tax class; its rate is added to the tax-exclusive prices in quotes and orders.</Text>
          {!admin ? (
            <Text size="sm" c="dimmed">
              Only admins can change tax rates.
            </Text>
          ) : null}
        </Stack>
        {admin && !adding ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add a tax class
          </Button>
        ) : null}
      </Group>
      <Text size="sm" role="status" aria-live="polite">
        {notice}
      </Text>
      {adding ? (
        <Card withBorder padding="sm">
          <RateEditor initial={{ taxClass: '', name: '', rate: '' }} isNew onDone={done} />
        </Card>
      ) : null}

      {list.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading tax rates">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} height={40} />
          ))}
        </Stack>
      ) : null}
      {list.isError ? <LoadError title="Could not load the tax rates" error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && rates.length === 0 ? (
        <EmptyState icon={<IconReceiptTax aria-hidden />} title="No tax rates yet" description="Products of a class without a rate pay no tax." withIndicatorBackground />
      ) : null}
      {rates.length > 0 ? (
        <Table.ScrollContainer minWidth={360}>
          <Table verticalSpacing="sm" aria-label="Tax rates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Tax class</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col" ta="right">
                  Rate
                </Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  Updated
                </Table.Th>
                {admin ? (
                  <Table.Th scope="col">
                    <span className={listClasses.nowrap}>Edit</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.map((r) =>
                editing === r.tax_class ? (
                  <Table.Tr key={r.tax_class} data-class={r.tax_class}>
                    <Table.Td ff="monospace">{r.tax_class}</Table.Td>
                    <Table.Td colSpan={4}>
                      <RateEditor initial={{ taxClass: r.tax_class, name: r.name, rate: basisPointsToPercent(r.rate_bp) }} isNew={false} onDone={done} />
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={r.tax_class} data-class={r.tax_class}>
                    <Table.Td ff="monospace">{r.tax_class}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right">{formatPercent(r.rate_bp)}</Table.Td>
                    <Table.Td visibleFrom="sm" className={listClasses.nowrap}>
                      {Number.isNaN(Date.parse(r.updated_at)) ? '' : updated.format(new Date(r.updated_at))}
                    </Table.Td>
                    {admin ? (
                      <Table.Td>
                        <ActionIcon variant="subtle" onClick={() => setEditing(r.tax_class)} aria-label={`Edit ${r.name} (${r.tax_class})`}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
