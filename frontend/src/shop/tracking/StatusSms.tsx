import { Alert, Anchor, Button, Text, type ButtonProps } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMessage } from '@tabler/icons-react';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, describeError, sentence } from '../../api/errors';
import { requestStatusSms, type StatusSms } from '../../api/tracking';
import { formatWait } from '../../format';
import { readableTitle } from './alertStyles';

export type StatusSmsMutation = UseMutationResult<StatusSms, Error, string[]>;

/** "Text me their status": one SMS to the account's verified phone listing each order's status. */
export function useStatusSms(): StatusSmsMutation {
  return useMutation({ mutationFn: requestStatusSms });
}

interface ButtonPropsWithSms extends ButtonProps {
  sms: StatusSmsMutation;
  references: string[];
  label?: string;
}

export function StatusSmsButton({ sms, references, label = 'Text me their status', ...rest }: ButtonPropsWithSms) {
  return (
    <Button
      variant="default"
      leftSection={<IconMessage size={16} aria-hidden />}
      loading={sms.isPending}
      disabled={references.length === 0 || sms.isPending}
      onClick={() => sms.mutate(references)}
      {...rest}
    >
      {label}
    </Button>
  );
}

/**
 * What became of the request: the masked number it went to, or why not —
 * no verified phone or opted out (409, with where to fix it), too many texts
 * asked for (429, with when to ask again), none of the orders is yours (404).
 */
export function StatusSmsOutcome({ sms }: { sms: StatusSmsMutation }) {
  if (sms.isSuccess) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" data-testid="sms-sent">
        <Text size="sm">
          Sent to <strong>{sms.data.to}</strong>. The text lists the status of {sms.variables.length === 1 ? 'the order' : 'each order'}.
        </Text>
      </Alert>
    );
  }
  if (!sms.isError) return null;
  const error = sms.error;
  if (error instanceof ApiError && error.status === 409) {
    return (
      <Alert color="orange" styles={readableTitle} variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="We cannot text you">
        <Text size="sm">
          {sentence(error.message)} Check the phone number in{' '}
          <Anchor component={Link} to="/account" inherit underline="always">
            My account
          </Anchor>
          , or track the orders on this site.
        </Text>
      </Alert>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Alert color="orange" styles={readableTitle} variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Too many texts asked for">
        <Text size="sm">
          {error.retryAfterSeconds !== undefined
            ? `You can ask for another status text in ${formatWait(error.retryAfterSeconds)}.`
            : 'Wait a while before asking for another status text.'}{' '}
          Meanwhile the statuses are on this page.
        </Text>
      </Alert>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Alert color="orange" styles={readableTitle} variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Nothing to text">
        <Text size="sm">None of these orders is on your account.</Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" title="The text was not sent">
      <Text size="sm">{describeError(error)}</Text>
    </Alert>
  );
}
