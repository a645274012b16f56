import { Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import classes from './Register.module.css';

export const registerSteps = [
  { label: 'Account type', short: 'Type' },
  { label: 'Your details', short: 'Details' },
  { label: 'Verify', short: 'Verify' },
  { label: 'Status', short: 'Status' },
] as const;

/**
 * Where the applicant is in the four steps. The stepper is a picture (steps
 * are not clickable: the pages have Back buttons), so screen readers get the
 * line "Step 2 of 4: Your details" instead.
 */
export function RegisterStepper({ active, done = false }: { active: number; done?: boolean }) {
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const step = registerSteps[active];

  return (
    <>
      <Stepper
        active={done ? registerSteps.length : active}
        size={isPhone ? 'xs' : 'sm'}
        iconSize={isPhone ? 24 : 32}
        wrap={false}
        aria-hidden
        allowNextStepsSelect={false}
        classNames={{ separator: classes.separator, stepBody: classes.stepBody }}
      >
        {registerSteps.map((s) => (
          <Stepper.Step key={s.label} label={isPhone ? s.short : s.label} />
        ))}
      </Stepper>
      {step ? (
        <Text size="sm" c="dimmed" fw={500}>
          Step {active + 1} of {registerSteps.length}: {step.label}
        </Text>
      ) : null}
    </>
  );
}
