import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { adjustStock, type Product } from '../../api/adminCatalog';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';

interface AdjustStockDialogProps {
  product: Product;
  opened: boolean;
  onClose: () => void;
  onAdjusted: (product: Product, delta: number) => void;
}

interface Values {
  delta: number | string;
  reason: string;
}

const labels = { delta: 'Change', reason: 'Reason' };

/** Stock on hand up or down by a whole number, with the reason recorded in the audit log. */
export function AdjustStockDialog({ product, opened, onClose, onAdjusted }: AdjustStockDialogProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { delta: '', reason: '' },
    validate: {
      delta: (v) => {
        const n = typeof v === 'number' ? v : Number.NaN;
        if (!Number.isSafeInteger(n) || n === 0) return 'Enter a whole number other than 0: negative takes stock away';
        if ((product.stock.on_hand ?? 0) + n < (product.stock.reserved ?? 0)) return 'Stock on hand cannot go below what is reserved';
        return null;
      },
      reason: (v) => (!v.trim() ? 'Say why the stock changes' : v.trim().length > 200 ? 'At most 200 characters' : null),
    },
  });

  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };

  const onHand = product.stock.on_hand ?? 0;
  const delta = typeof form.values.delta === 'number' ? form.values.delta : 0;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const change = Number(values.delta);
    try {
      const updated = await adjustStock(product.id, { delta: change, reason: values.reason.trim() });
      form.reset();
      onAdjusted(updated, change);
    } catch (error) {
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, labels) : {};
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else if (error instanceof ApiError && error.status === 409) form.setFieldError('delta', sentence(error.problem?.detail || error.message));
      else setProblem(describeError(error));
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Adjust stock"
      fullScreen={isPhone}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate aria-label="Adjust stock">
        <Stack gap="md">
          <Text size="sm">
            {product.name}: {onHand} on hand, {product.stock.reserved ?? 0} reserved.
          </Text>
          <NumberInput
            label={labels.delta}
            description="Positive adds stock (a delivery), negative takes it away (damage, loss)."
            allowDecimal={false}
            withAsterisk
            data-autofocus
            {...form.getInputProps('delta')}
          />
          <Textarea
            label={labels.reason}
            description="Recorded with your name in the audit log."
            placeholder="e.g. 3 damaged in the warehouse"
            autosize
            minRows={2}
            maxLength={200}
            withAsterisk
            {...form.getInputProps('reason')}
          />
          {delta !== 0 ? (
            <Text size="sm" aria-live="polite">
              On hand after: <strong>{onHand + delta}</strong>
            </Text>
          ) : null}
          {problem ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {problem}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Adjust stock
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
