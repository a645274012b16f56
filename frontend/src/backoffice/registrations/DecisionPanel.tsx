import { Alert, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { approveApplication, rejectApplication, type Application, type Review } from '../../api/registrations';

interface DecisionPanelProps {
  application: Review;
  /** The server's answer after a decision (or null after a 409: re-read the application). */
  onDecided: (application: Application | null) => void;
}

type Pending = { kind: 'approve' } | { kind: 'reject'; reason: string } | null;

const maxReason = 500;

/** Approve or reject an application waiting for review; each asks for confirmation first. */
export function DecisionPanel({ application, onDecided }: DecisionPanelProps) {
  const titleId = useId();
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const who = application.company?.legal_name || application.name;

  const askReject = () => {
    const trimmed = reason.trim();
    if (!trimmed) {
      setReasonError('Enter the reason: the applicant is told why');
      document.getElementById(`${titleId}-reason`)?.focus();
      return;
    }
    setReasonError(null);
    setPending({ kind: 'reject', reason: trimmed });
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setProblem(null);
    try {
      const decided =
        pending.kind === 'approve'
          ? await approveApplication(application.id)
          : await rejectApplication(application.id, pending.reason);
      setPending(null);
      onDecided(decided);
    } catch (error) {
      setPending(null);
      const fields = error instanceof ApiError && error.status === 422 ? fieldErrors(error, { reason: 'The reason' }) : {};
      if (fields.reason) {
        setReasonError(fields.reason);
      } else if (error instanceof ApiError && error.status === 409) {
        setProblem(`${sentence(error.problem?.detail || 'Someone else decided this application')} The page now shows its current state.`);
        onDecided(null);
      } else {
        setProblem(describeError(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id={titleId}>
            Decision
          </Title>
          <Text size="sm" c="dimmed">
            Check the flags, the details and any related applications. The applicant is told by email and SMS.
          </Text>
        </Stack>
        <Group>
          <Button color="teal.9" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setPending({ kind: 'approve' })}>
            Approve
          </Button>
        </Group>
        <Stack gap="xs">
          <Textarea
            id={`${titleId}-reason`}
            label="Reason for rejecting"
            description="Sent to the applicant as written. Say what is missing or wrong."
            autosize
            minRows={2}
            maxLength={maxReason}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              if (reasonError) setReasonError(null);
            }}
            error={reasonError}
          />
          <Group>
            <Button color="red.9" leftSection={<IconX size={16} aria-hidden />} onClick={askReject}>
              Reject
            </Button>
          </Group>
        </Stack>
        {problem ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Not decided">
            {problem}
          </Alert>
        ) : null}
      </Stack>

      <Modal
        opened={pending !== null}
        onClose={() => (busy ? undefined : setPending(null))}
        title={pending?.kind === 'reject' ? `Reject ${who}?` : `Approve ${who}?`}
        fullScreen={isPhone}
        centered
        closeButtonProps={{ 'aria-label': 'Cancel' }}
      >
        <Stack gap="md">
          {pending?.kind === 'reject' ? (
            <>
              <Text size="sm">They are told by email and SMS, with this reason:</Text>
              <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {pending.reason}
              </Text>
            </>
          ) : (
            <Text size="sm">
              {who} becomes a customer: they get a permanent Registration ID and a Login ID by email and SMS, and can
              log in and order at once.
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setPending(null)} disabled={busy}>
              Cancel
            </Button>
            <Button
              color={pending?.kind === 'reject' ? 'red.9' : 'teal.9'}
              onClick={() => void confirm()}
              loading={busy}
              data-autofocus
            >
              {pending?.kind === 'reject' ? 'Reject application' : 'Approve application'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
