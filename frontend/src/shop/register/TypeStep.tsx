import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconBuildingStore, IconUser, type Icon } from '@tabler/icons-react';
import type { CustomerType } from '../../api/registrations';
import classes from './Register.module.css';

const choices = [
  {
    value: 'consumer',
    label: 'Personal',
    icon: IconUser,
    description:
      'For yourself or your household. You can order as soon as your email and phone are confirmed.',
  },
  {
    value: 'business',
    label: 'Business',
    icon: IconBuildingStore,
    description:
      'For a company buying on account, with its tax ID and registration number. Our team checks the company before you can order.',
  },
] as const satisfies readonly { value: CustomerType; label: string; icon: Icon; description: string }[];

interface TypeStepProps {
  value: CustomerType | null;
  onChange: (type: CustomerType) => void;
  onNext: () => void;
}

/** Step 1: a personal (consumer) or a business account. */
export function TypeStep({ value, onChange, onNext }: TypeStepProps) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (value) onNext();
      }}
    >
      <Stack gap="md">
        <Radio.Group
          value={value}
          onChange={(v) => onChange(v as CustomerType)}
          label="Who is the account for?"
          withAsterisk
        >
          <Stack gap="sm" mt="xs">
            {choices.map((choice) => (
              <Radio.Card key={choice.value} value={choice.value} className={classes.typeCard} radius="md" p="md">
                <Group wrap="nowrap" align="flex-start" gap="md">
                  <Radio.Indicator mt={2} />
                  <choice.icon size={24} aria-hidden className={classes.typeIcon} />
                  <Stack gap={2}>
                    <Text fw={600}>{choice.label}</Text>
                    <Text size="sm" c="dimmed">
                      {choice.description}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button type="submit" disabled={!value} rightSection={<IconArrowRight size={16} aria-hidden />}>
            Continue
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
