import { Alert, Button, Card, Group, Input, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { sendTestMessage, type MessageChannel, type TestMessageQueued } from '../../api/messages';
import { formatWait } from '../../format';
import { channelLabels, statusStyle } from './status';

interface Values {
  channel: MessageChannel;
  to: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks; the server checks again (and knows more, e.g. real number plans). */
export function validateRecipient(channel: MessageChannel, to: string): string | null {
  const value = to.trim();
  if (channel === 'email') {
    if (!value) return 'Enter an email address';
    return emailPattern.test(value) ? null : 'Enter a valid email address, e.g. name@example.com';
  }
  if (!value) return 'Enter a phone number';
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 ? null : 'Enter a phone number with at least 7 digits, e.g. +14155550100';
}

/** Why the server refused, and what to do about it. */
function refusal(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return describeError(error);
  }
  const detail = error.problem?.detail ? sentence(error.problem.detail) : '';
  switch (error.status) {
    case 403:
      return `${detail || 'You are not allowed to do this.'} Only admins can send test messages.`.trim();
    case 409:
      return `${detail || 'This number opted out of text messages.'} Use another number; it can opt in again by replying START.`.trim();
    case 429: {
      const wait = error.retryAfterSeconds;
      return `${detail || 'Too many text messages to this number.'} ${
        wait !== undefined ? `Try again in ${formatWait(wait)}.` : 'Try again later.'
      }`.trim();
    }
    default:
      return describeError(error);
  }
}

interface TestMessageFormProps {
  /** Called after the server queued the message (the log should show it). */
  onQueued: (queued: TestMessageQueued) => void;
}

/** Sends a test SMS or email through the configured provider (admins only). */
export function TestMessageForm({ onQueued }: TestMessageFormProps) {
  const titleId = useId();
  const channelLabelId = useId();
  const [result, setResult] = useState<{ queued: TestMessageQueued; channel: MessageChannel } | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const form = useForm<Values>({
    initialValues: { channel: 'sms', to: '' },
    validate: { to: (to, values) => validateRecipient(values.channel, to) },
  });
  const channel = form.values.channel;

  const submit = form.onSubmit(
    async (values) => {
      setResult(null);
      setServerError(null);
      try {
        const queued = await sendTestMessage({ channel: values.channel, to: values.to.trim() });
        setResult({ queued, channel: values.channel });
        onQueued(queued);
      } catch (error) {
        const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { to: 'Recipient', channel: 'Channel' }) : {};
        if (fields.to || fields.channel) {
          form.setErrors({ to: fields.to, channel: fields.channel });
          form.getInputNode('to')?.focus();
        } else {
          setServerError(refusal(error));
        }
      }
    },
    () => form.getInputNode('to')?.focus(),
  );

  const queuedStatus = result ? (statusStyle(result.queued.status)?.label ?? result.queued.status).toLowerCase() : '';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={titleId}>
            Send a test message
          </Title>
          <Text size="sm" c="dimmed">
            Checks the {channel === 'sms' ? 'SMS' : 'email'} setup end to end. The message shows up in the log below.
          </Text>
        </Stack>
        <form onSubmit={submit} noValidate aria-labelledby={titleId}>
          <Group align="flex-start" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Input.Label id={channelLabelId} labelElement="div">
                Channel
              </Input.Label>
              <SegmentedControl
                aria-labelledby={channelLabelId}
                data={[
                  { value: 'sms', label: channelLabels.sms },
                  { value: 'email', label: channelLabels.email },
                ]}
                value={channel}
                onChange={(value) => {
                  form.setFieldValue('channel', value as MessageChannel);
                  form.clearFieldError('to');
                }}
              />
            </Stack>
            <TextInput
              label="Recipient"
              withAsterisk
              type={channel === 'sms' ? 'tel' : 'email'}
              inputMode={channel === 'sms' ? 'tel' : 'email'}
              autoComplete="off"
              spellCheck={false}
              placeholder={channel === 'sms' ? '+14155550100' : 'name@example.com'}
              w={{ base: '100%', xs: 260 }}
              {...form.getInputProps('to')}
            />
            <Stack gap={4}>
              {/* keeps the button level with the inputs, under their labels */}
              <Text component="span" size="sm" aria-hidden visibleFrom="xs">
                &nbsp;
              </Text>
              <Button type="submit" loading={form.submitting} leftSection={<IconSend size={16} aria-hidden />}>
                Send test {channel === 'sms' ? 'SMS' : 'email'}
              </Button>
            </Stack>
          </Group>
        </form>
        {result ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" title="Test message queued">
            Test {result.channel === 'sms' ? 'SMS' : 'email'} to {result.queued.to} is {queuedStatus}. It appears in the
            log below within a few seconds.
          </Alert>
        ) : null}
        {serverError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Not sent">
            {serverError}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
