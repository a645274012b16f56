import { Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import type { Address } from '../../api/orders';
import { addressLine } from '../orders/labels';
import { countryOptions } from '../register/countries';
import { accountAddress, checkoutLabels, newAddress, type CheckoutValues } from './checkoutForm';

interface Props {
  form: UseFormReturnType<CheckoutValues>;
  /** The address book (the account's address first); null when it could not be read. */
  book: Address[] | null;
}

/** Where to ship: an address used before (the account's first), or a new one. */
export function AddressSection({ form, book }: Props) {
  const countries = useMemo(() => countryOptions(), []);
  const choice = form.values.address;
  const label = (path: string) => checkoutLabels[path] ?? path;

  return (
    <Stack gap="sm">
        <Radio.Group {...form.getInputProps('address')} aria-label="Shipping address" name="address">
          <Stack gap="xs">
            {book && book.length > 0 ? (
              book.map((a, i) => (
                <Radio.Card key={`${i}-${addressLine(a)}`} value={String(i)} p="sm" radius="md" data-testid="address-option">
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator />
                    <div>
                      <Text fw={600} size="sm">
                        {a.name || (i === 0 ? 'Account address' : `Address ${i + 1}`)}
                        {i === 0 ? (
                          <Text span size="xs" c="dimmed" fw={400}>
                            {' '}
                            · account address
                          </Text>
                        ) : null}
                      </Text>
                      <Text size="sm">{addressLine(a)}</Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))
            ) : (
              <Radio.Card value={accountAddress} p="sm" radius="md">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600} size="sm">
                      My account address
                    </Text>
                    <Text size="sm" c="dimmed">
                      The address on your account
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            )}
            <Radio.Card value={newAddress} p="sm" radius="md">
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator />
                <Text fw={600} size="sm">
                  A new address
                </Text>
              </Group>
            </Radio.Card>
          </Stack>
        </Radio.Group>
        {choice === newAddress ? (
          <Stack gap="sm" data-testid="new-address">
            <TextInput label={label('shipping_address.name')} description="Optional: your name is used otherwise" autoComplete="shipping name" maxLength={200} {...form.getInputProps('shipping_address.name')} />
            <TextInput label={label('shipping_address.line1')} required autoComplete="shipping address-line1" maxLength={200} {...form.getInputProps('shipping_address.line1')} />
            <TextInput label={label('shipping_address.line2')} autoComplete="shipping address-line2" maxLength={200} {...form.getInputProps('shipping_address.line2')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput label={label('shipping_address.city')} required autoComplete="shipping address-level2" maxLength={200} {...form.getInputProps('shipping_address.city')} />
              <TextInput label={label('shipping_address.postal_code')} required autoComplete="shipping postal-code" maxLength={20} {...form.getInputProps('shipping_address.postal_code')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NativeSelect
                label={label('shipping_address.country')}
                required
                autoComplete="shipping country"
                data={[{ value: '', label: 'Choose a country' }, ...countries]}
                {...form.getInputProps('shipping_address.country')}
              />
              <TextInput label={label('shipping_address.phone')} description="For the carrier, optional" type="tel" autoComplete="shipping tel" maxLength={40} {...form.getInputProps('shipping_address.phone')} />
            </SimpleGrid>
          </Stack>
        ) : null}
    </Stack>
  );
}
