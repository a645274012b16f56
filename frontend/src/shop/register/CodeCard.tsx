import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { resendCode, verifyCode, type ApplicationStatus, type VerifyChannel } from '../../api/registrations';
import { formatWait } from '../../format';
import classes from './Register.module.css';
import { formatCountdown, useCountdown } from './useCountdown';

const channelText = {
  email: { title: 'Email code', from: 'the email', label: 'Code from the email' },
  sms: { title: 'SMS code', from: 'the text message', label: 'Code from the SMS' },
} as const satisfies Record<VerifyChannel, { title: string; from: string; label: string }>;

interface CodeCardProps {
  applicationId: string;
  token: string;
  channel: VerifyChannel;
  /** Where the code went (the email address or phone number as entered). */
  destination: string;
  verified: boolean;
  /** Epoch ms before which "Send a new code" waits (the server allows one a minute). */
  resendAfter: number;
  onResendAfter: (until: number) => void;
  onVerified: (status: ApplicationStatus) => void;
  /** The code is already verified (409): re-read the application. */
  onStale: () => void;
  /** The application is gone or the token is wrong (404). */
  onLost: () => void;
}

/** One of the two codes of step 3: type it and verify, or ask for a new one. */
export function CodeCard(props: CodeCardProps) {
  const { channel, destination, verified } = props;
  const text = channelText[channel];
  const titleId = useId();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={titleId}>
            {text.title}
          </Title>
          {verified ? (
            <Badge color="teal.9" variant="filled" leftSection={<IconCircleCheck size={14} aria-hidden />}>
              Verified
            </Badge>
          ) : (
            <Badge color="gray.7" variant="filled">
              Waiting
            </Badge>
          )}
        </Group>
        {verified ? (
          <Text size="sm">
            {channel === 'email' ? 'Your email address' : 'Your phone number'}{' '}
            <Text span fw={600} className={classes.breakAnywhere}>
              {destination}
            </Text>{' '}
            is confirmed.
          </Text>
        ) : (
          <CodeForm {...props} text={text} />
        )}
      </Stack>
    </Card>
  );
}

function CodeForm({
  applicationId,
  token,
  channel,
  destination,
  resendAfter,
  onResendAfter,
  onVerified,
  onStale,
  onLost,
  text,
}: CodeCardProps & { text: (typeof channelText)[VerifyChannel] }) {
  const [resendNote, setResendNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [resending, setResending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const wait = useCountdown(resendAfter);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.trim()) ? null : `Enter the 6 digits from ${text.from}`) },
  });

  const handleCommon = (error: unknown): boolean => {
    if (error instanceof ApiError && error.status === 404) {
      onLost();
      return true;
    }
    if (error instanceof ApiError && error.status === 409) {
      onStale();
      return true;
    }
    return false;
  };

  const verify = form.onSubmit(
    async ({ code }) => {
      setProblem(null);
      try {
        onVerified(await verifyCode(applicationId, token, channel, code.trim()));
      } catch (error) {
        if (handleCommon(error)) return;
        const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { code: 'The code' }) : {};
        if (fields.code) {
          form.setFieldError('code', fields.code);
          form.getInputNode('code')?.focus();
        } else {
          setProblem(describeError(error));
        }
      }
    },
    () => form.getInputNode('code')?.focus(),
  );

  const resend = async () => {
    setResendNote(null);
    setResending(true);
    try {
      await resendCode(applicationId, token, channel);
      onResendAfter(Date.now() + 60_000);
      form.setValues({ code: '' });
      form.clearErrors();
      setResendNote({ ok: true, text: `A new code is on its way to ${destination}. The previous code no longer works.` });
    } catch (error) {
      if (handleCommon(error)) return;
      if (error instanceof ApiError && error.status === 429) {
        const seconds = error.retryAfterSeconds ?? 60;
        onResendAfter(Date.now() + seconds * 1000);
        setResendNote({
          ok: false,
          text: `${sentence(error.problem?.detail || 'A code was sent a moment ago')} You can ask again in ${formatWait(seconds)}.`,
        });
      } else {
        setResendNote({ ok: false, text: describeError(error) });
      }
    } finally {
      setResending(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">
        We sent a 6-digit code to{' '}
        <Text span fw={600} className={classes.breakAnywhere}>
          {destination}
        </Text>
        . It works for 10 minutes.
      </Text>
      <form onSubmit={verify} noValidate aria-label={`Verify the ${text.title.toLowerCase()}`}>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={text.label}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="123456"
            className={classes.codeInput}
            w={{ base: '100%', xs: 200 }}
            {...form.getInputProps('code')}
          />
          <Stack gap={4}>
            <Text component="span" size="sm" aria-hidden visibleFrom="xs">
              &nbsp;
            </Text>
            <Button type="submit" loading={form.submitting}>
              Verify
            </Button>
          </Stack>
        </Group>
      </form>
      {problem ? (
        <Alert color="red" variant="light" role="alert">
          {problem}
        </Alert>
      ) : null}
      <Group gap="xs" wrap="wrap">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => void resend()}
          loading={resending}
          disabled={wait > 0}
        >
          {wait > 0 ? `Send a new code in ${formatCountdown(wait)}` : 'Send a new code'}
        </Button>
      </Group>
      {resendNote?.ok ? (
        <Text size="sm" role="status">
          {resendNote.text}
        </Text>
      ) : null}
      {resendNote && !resendNote.ok ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          {resendNote.text}
        </Alert>
      ) : null}
    </Stack>
  );
}
