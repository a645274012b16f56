import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ApplicationStatus, ApplyResponse, CustomerType } from '../../api/registrations';
import { defaultCountry } from './countries';
import { detailRules, emptyDetails, type DetailsValues } from './details';
import { DetailsStep } from './DetailsStep';
import { RegisterStepper } from './RegisterStepper';
import { forgetApplication, loadApplication, resendCooldownMs, saveApplication, type StoredApplication } from './storage';
import { TypeStep } from './TypeStep';
import { VerifyStep } from './VerifyStep';

/**
 * `/register`: the first three steps of becoming a customer: account type,
 * details, then the two codes. The application in progress is kept in
 * sessionStorage, so a reload comes back to the codes. Step 4 is
 * `/register/:id` (RegistrationStatusPage).
 */
export function RegisterPage() {
  useDocumentTitle('Register · Order Management System');
  const navigate = useNavigate();
  const [application, setApplication] = useState<StoredApplication | null>(() => loadApplication());
  const [step, setStep] = useState<0 | 1>(0);
  const [type, setType] = useState<CustomerType | null>(null);
  const [lost, setLost] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const active = application ? 2 : step;
  const moved = useRef(false);

  const form = useForm<DetailsValues>({
    initialValues: emptyDetails('consumer', defaultCountry()),
    validate: detailRules,
  });

  // A new step: move focus to its heading so screen readers announce it, and show its top.
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'center' });
  }, [active]);

  const update = (next: StoredApplication) => {
    saveApplication(next);
    setApplication(next);
  };

  const applied = (response: ApplyResponse, values: DetailsValues) => {
    const resendAfter = Date.now() + resendCooldownMs;
    update({
      id: response.id,
      token: response.token,
      type: values.type,
      email: values.email.trim(),
      phone: values.phone.trim(),
      resendAfter: { email: resendAfter, sms: resendAfter },
    });
    form.setFieldValue('password', ''); // not needed any more; do not keep it in memory
  };

  const id = application?.id;
  const decided = useCallback(
    (status: ApplicationStatus) => {
      void navigate(`/register/${status.id || id}`);
    },
    [navigate, id],
  );
  const onLost = useCallback(() => {
    forgetApplication();
    setApplication(null);
    setStep(0);
    setLost(true);
  }, []);

  const heading = ['Account type', 'Your details', 'Confirm your email and phone'][active];

  return (
    <Stack gap="lg" maw={760} mx="auto" w="100%">
      <Stack gap={4}>
        <Title order={1}>Register</Title>
        <Text c="dimmed">
          Become a customer: after we confirm your email and phone you get a permanent Registration ID and a Login ID.
          Already registered?{' '}
          <Anchor component={Link} to="/login" inherit underline="always">
            Log in
          </Anchor>
          .
        </Text>
      </Stack>

      <RegisterStepper active={active} />

      {lost ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title="Your application was not found">
          It may have expired. Please start again.
        </Alert>
      ) : null}

      <Title order={2} size="h3" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
        {heading}
      </Title>

      {application ? (
        <VerifyStep application={application} onChange={update} onDecided={decided} onLost={onLost} />
      ) : step === 0 ? (
        <TypeStep
          value={type}
          onChange={(t) => {
            setType(t);
            form.setFieldValue('type', t);
          }}
          onNext={() => {
            setLost(false);
            setStep(1);
          }}
        />
      ) : (
        <DetailsStep form={form} onBack={() => setStep(0)} onApplied={applied} />
      )}
    </Stack>
  );
}
