import { ActionIcon, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { quantityProblem, stepDown, stepUp, type QuantityRules } from './quantity';

interface Props {
  value: number;
  rules: QuantityRules;
  /** What is counted, for the labels: "Cordless drill 18V". */
  name: string;
  /** A valid new quantity (typed and confirmed, or stepped). */
  onChange: (quantity: number) => void;
  disabled?: boolean;
  /** Show "Quantity" above the box (product page); in a cart row the column says it. */
  visibleLabel?: boolean;
}

/**
 * − [ n ] + that only offers quantities the server accepts (the minimum, whole
 * packs). A typed number is checked when the box is left or Enter is pressed;
 * a wrong one is explained under the box and not sent.
 */
export function QuantityStepper({ value, rules, name, onChange, disabled = false, visibleLabel = false }: Props) {
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const hintId = useId();

  // The server's answer (or a step) moved the value: show it.
  useEffect(() => {
    setText(String(value));
    setProblem(null);
  }, [value]);

  const commit = () => {
    const trimmed = text.trim();
    const typed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    const issue = quantityProblem(typed, rules);
    setProblem(issue);
    if (!issue && typed !== value) {
      onChange(typed);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };

  const down = stepDown(value, rules);
  const hint = rules.order_multiple > 1 ? `Packs of ${rules.order_multiple}` : rules.min_order_qty > 1 ? `Minimum ${rules.min_order_qty}` : null;

  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap" align="flex-end">
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label={`Fewer ${name}`}
          disabled={disabled || down === null}
          onClick={() => down !== null && onChange(down)}
        >
          <IconMinus size={16} aria-hidden />
        </ActionIcon>
        <TextInput
          label={visibleLabel ? 'Quantity' : undefined}
          aria-label={visibleLabel ? undefined : `Quantity of ${name}`}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
          inputMode="numeric"
          autoComplete="off"
          w={visibleLabel ? 96 : 72}
          disabled={disabled}
          error={problem ? true : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[problem ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined}
          styles={{ input: { textAlign: 'center' } }}
        />
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label={`More ${name}`}
          disabled={disabled || value >= stepUp(value, rules)}
          onClick={() => onChange(stepUp(value, rules))}
        >
          <IconPlus size={16} aria-hidden />
        </ActionIcon>
      </Group>
      {hint ? (
        <Text size="xs" c="dimmed" id={hintId}>
          {hint}
        </Text>
      ) : null}
      {problem ? (
        <Text size="xs" c="var(--mantine-color-error)" id={errorId} role="alert">
          {problem}
        </Text>
      ) : null}
    </Stack>
  );
}
