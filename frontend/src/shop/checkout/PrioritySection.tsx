import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { OrderPriority } from '../../api/orders';
import { priorityInfo } from '../orders/labels';
import type { CheckoutValues } from './checkoutForm';

const priorities: OrderPriority[] = ['standard', 'express', 'urgent'];

interface Props {
  form: UseFormReturnType<CheckoutValues>;
  /** Surcharge per priority when known, already formatted ("$9.90"). */
  surcharges: Partial<Record<OrderPriority, string>>;
}

/** Standard, express or urgent, with what each costs on top when the server says. */
export function PrioritySection({ form, surcharges }: Props) {
  return (
    <Radio.Group label="Priority" {...form.getInputProps('priority')} name="priority">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mt="xs">
        {priorities.map((p) => (
          <Radio.Card key={p} value={p} p="sm" radius="md">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator />
              <div>
                <Text fw={600} size="sm">
                  {priorityInfo[p].label}
                  {surcharges[p] ? (
                    <Text span size="sm" fw={400}>
                      {' '}
                      · +{surcharges[p]}
                    </Text>
                  ) : null}
                </Text>
                <Text size="xs" c="dimmed">
                  {priorityInfo[p].description}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
