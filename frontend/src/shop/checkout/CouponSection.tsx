import { Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconDiscount, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { quote, type Quote } from '../../api/cart';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import type { CheckoutValues } from './checkoutForm';

export interface AppliedCoupon {
  code: string;
  quote: Quote;
}

interface Props {
  form: UseFormReturnType<CheckoutValues>;
  items: { sku: string; quantity: number }[];
  applied: AppliedCoupon | null;
  onApplied: (coupon: AppliedCoupon | null) => void;
}

/**
 * A coupon code, previewed with the server's quote before the order is
 * placed: what it takes off, or why it cannot be used.
 */
export function CouponSection({ form, items, applied, onApplied }: Props) {
  const preview = useMutation({
    mutationFn: (code: string) => quote({ items, coupon_code: code }),
    onSuccess: (result, code) => {
      form.clearFieldError('coupon');
      onApplied({ code, quote: result });
    },
    onError: (error) => {
      const errors = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { coupon_code: 'The coupon' }) : {};
      form.setFieldError('coupon', errors.coupon_code ?? describeError(error));
      onApplied(null);
    },
  });

  const apply = () => {
    const code = form.values.coupon.trim().toUpperCase();
    if (!code) {
      form.setFieldError('coupon', 'Enter a coupon code');
      return;
    }
    preview.mutate(code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault(); // not the order form's submit
      apply();
    }
  };

  const remove = () => {
    onApplied(null);
    form.setFieldValue('coupon', '');
    form.clearFieldError('coupon');
  };

  const coupons = applied?.quote.applied_offers.filter((o) => o.code) ?? [];
  return (
    <Stack gap="xs">
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TextInput
          label="Coupon code"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          style={{ flex: 1 }}
          {...form.getInputProps('coupon')}
          onChange={(event) => {
            form.setFieldValue('coupon', event.currentTarget.value);
            if (applied) onApplied(null);
          }}
          onKeyDown={onKeyDown}
          readOnly={applied !== null}
        />
        {applied ? (
          <Button variant="default" mt={25} onClick={remove} leftSection={<IconX size={16} aria-hidden />}>
            Remove
          </Button>
        ) : (
          <Button variant="default" mt={25} onClick={apply} loading={preview.isPending} leftSection={<IconDiscount size={16} aria-hidden />}>
            Apply
          </Button>
        )}
      </Group>
      <div role="status" aria-live="polite">
        {applied ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              Coupon {applied.code} applied.
            </Text>
            {coupons.length || applied.quote.applied_offers.length ? (
              <List size="sm" spacing={2}>
                {(coupons.length ? coupons : applied.quote.applied_offers).map((o) => (
                  <List.Item key={o.offer_id}>{o.label}</List.Item>
                ))}
              </List>
            ) : null}
            {applied.quote.notices.map((n) => (
              <Text size="sm" key={n}>
                {n}
              </Text>
            ))}
          </Stack>
        ) : null}
      </div>
    </Stack>
  );
}
