import { Alert, Anchor, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { apply, type ApplyResponse } from '../../api/registrations';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { formatWait } from '../../format';
import { countryOptions } from './countries';
import classes from './Register.module.css';
import { detailFieldOrder, detailLabels, toApplyRequest, type DetailsValues } from './details';

interface DetailsStepProps {
  form: UseFormReturnType<DetailsValues>;
  onBack: () => void;
  onApplied: (response: ApplyResponse, values: DetailsValues) => void;
}

/** A problem the fields cannot show: a 409 (already a customer), a 429, the server down. */
function refusal(error: unknown): ReactNode {
  if (error instanceof ApiError && error.status === 409) {
    return (
      <>
        {sentence(error.problem?.detail || 'You are already registered')} If it is yours,{' '}
        <Anchor component={Link} to="/login" inherit underline="always">
          log in
        </Anchor>{' '}
        or{' '}
        <Anchor component={Link} to="/forgot-password" inherit underline="always">
          reset your password
        </Anchor>
        .
      </>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfterSeconds;
    return `${sentence(error.problem?.detail || 'Too many applications from your network')} ${
      wait !== undefined ? `Try again in ${formatWait(wait)}.` : 'Try again later.'
    }`;
  }
  return describeError(error);
}

/** Step 2: who the applicant is, how to reach them, where they are, and (business) the company. */
export function DetailsStep({ form, onBack, onApplied }: DetailsStepProps) {
  const [problem, setProblem] = useState<ReactNode>(null);
  const countries = useMemo(() => countryOptions(), []);
  const business = form.values.type === 'business';

  const focusFirstError = (errors: Record<string, unknown>) => {
    const first = detailFieldOrder.find((field) => errors[field]);
    if (first) form.getInputNode(first)?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      onApplied(await apply(toApplyRequest(values)), values);
    } catch (error) {
      const errors = error instanceof ApiError && error.status === 422 ? fieldErrors(error, detailLabels) : {};
      const onFields = Object.fromEntries(
        Object.entries(errors).filter(([field]) => (detailFieldOrder as readonly string[]).includes(field)),
      );
      const elsewhere = Object.entries(errors).filter(([field]) => !(field in onFields));
      if (Object.keys(onFields).length > 0) {
        form.setErrors(onFields);
        focusFirstError(onFields);
      }
      if (elsewhere.length > 0) {
        setProblem(elsewhere.map(([, message]) => message).join(' '));
      } else if (Object.keys(errors).length === 0) {
        setProblem(refusal(error));
      }
    }
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate aria-label="Your details">
      <Stack gap="lg">
        <Fieldset legend="About you" variant="unstyled" classNames={{ legend: classes.legend }}>
          <Stack gap="sm">
            <TextInput label={detailLabels.name} autoComplete="name" withAsterisk {...form.getInputProps('name')} />
            <TextInput
              label={detailLabels.email}
              type="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              description="We send a 6-digit code here."
              withAsterisk
              {...form.getInputProps('email')}
            />
            <TextInput
              label={detailLabels.phone}
              type="tel"
              autoComplete="tel"
              description="Include the country code, e.g. +1 415 555 0100. We text a 6-digit code to it."
              withAsterisk
              {...form.getInputProps('phone')}
            />
            <NewPasswordInput label={detailLabels.password} withAsterisk {...form.getInputProps('password')} />
          </Stack>
        </Fieldset>

        {business ? (
          <Fieldset legend="Company" variant="unstyled" classNames={{ legend: classes.legend }}>
            <Stack gap="sm">
              <TextInput
                label={detailLabels['company.legal_name']}
                description="As in the commercial register."
                autoComplete="organization"
                withAsterisk
                {...form.getInputProps('company.legal_name')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={detailLabels['company.tax_id']}
                  description="VAT or EIN, e.g. US12-3456789."
                  autoComplete="off"
                  withAsterisk
                  {...form.getInputProps('company.tax_id')}
                />
                <TextInput
                  label={detailLabels['company.registration_number']}
                  description="From the commercial register."
                  autoComplete="off"
                  withAsterisk
                  {...form.getInputProps('company.registration_number')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
        ) : null}

        <Fieldset legend={business ? 'Company address' : 'Address'} variant="unstyled" classNames={{ legend: classes.legend }}>
          <Stack gap="sm">
            <TextInput
              label={detailLabels['address.line1']}
              autoComplete="address-line1"
              withAsterisk
              {...form.getInputProps('address.line1')}
            />
            <TextInput
              label={detailLabels['address.line2']}
              description="Apartment, suite, floor (optional)."
              autoComplete="address-line2"
              {...form.getInputProps('address.line2')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={detailLabels['address.city']}
                autoComplete="address-level2"
                withAsterisk
                {...form.getInputProps('address.city')}
              />
              <TextInput
                label={detailLabels['address.postal_code']}
                autoComplete="postal-code"
                withAsterisk
                {...form.getInputProps('address.postal_code')}
              />
            </SimpleGrid>
            <NativeSelect
              label={detailLabels['address.country']}
              autoComplete="country"
              withAsterisk
              data={[{ value: '', label: 'Choose a country' }, ...countries]}
              {...form.getInputProps('address.country')}
            />
          </Stack>
        </Fieldset>

        {problem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not send the application">
            {problem}
          </Alert>
        ) : null}

        <Group justify="space-between" gap="sm">
          <Button variant="default" onClick={onBack} leftSection={<IconArrowLeft size={16} aria-hidden />}>
            Back
          </Button>
          <Button type="submit" loading={form.submitting} leftSection={<IconSend size={16} aria-hidden />}>
            Send codes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
