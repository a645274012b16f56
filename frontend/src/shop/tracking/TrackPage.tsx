import { Alert, Anchor, Button, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconPackage, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, describeError, fieldErrors } from '../../api/errors';
import { lookUpOrders, trackingBoardQuery, trackManyQuery, type LookupRequest, type TrackingResult } from '../../api/tracking';
import { RestoringSession } from '../../auth/RestoringSession';
import { isStaff } from '../../auth/roles';
import { useSessionState } from '../../auth/session';
import { formatWait } from '../../format';
import { maxReferences, parseReference, readReferencesParam, trackPath } from './references';
import { StatusSmsButton, StatusSmsOutcome, useStatusSms } from './StatusSms';
import { TrackForm, type Contact } from './TrackForm';
import { TrackingBoard } from './TrackingBoard';
import { useOrderStream } from './useOrderStream';
import { readableTitle } from './alertStyles';

/**
 * `/track`: anyone tracks several orders at once. References are typed or
 * pasted as chips (`?r=REF1,REF2` fills them in: the status SMS links here).
 * Logged-in customers see their own orders (and their open orders below,
 * kept live by the order stream); guests also give the email address or
 * phone number the orders were placed with.
 */
export function TrackPage() {
  useDocumentTitle('Track orders · Order Management System');
  const { session, restoring } = useSessionState();
  const [params] = useSearchParams();
  const entries = useMemo(() => readReferencesParam(params.get('r')), [params]);

  let body: ReactNode;
  if (restoring) {
    body = <RestoringSession />;
  } else if (session && isStaff(session.me)) {
    body = (
      <Stack gap="md" align="flex-start">
        <Text>This page is for customers. Staff find any order, its timeline and its messages in the back office.</Text>
        <Button component={Link} to="/admin/orders" variant="default">
          Go to the orders in the back office
        </Button>
      </Stack>
    );
  } else if (session) {
    body = <CustomerTracking customerId={session.me.id} entries={entries} />;
  } else {
    body = <GuestTracking entries={entries} />;
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Track orders</Title>
        <Text>Where are my orders? Paste or type their Reference Numbers — as many as 50 at once — and see each one's status, dates and parcels.</Text>
      </Stack>
      {body}
    </Stack>
  );
}

/** The references of `?r=` when every entry is one (else the form shows what is wrong first). */
function validEntries(entries: string[]): string[] {
  const refs = entries.map(parseReference);
  if (!refs.every((r): r is string => r !== null)) return [];
  const unique = [...new Set(refs)];
  return unique.length <= maxReferences ? unique : [];
}

function CustomerTracking({ customerId, entries }: { customerId: string; entries: string[] }) {
  useOrderStream();
  const navigate = useNavigate();
  const references = useMemo(() => validEntries(entries), [entries]);
  const result = useQuery({ ...trackManyQuery(customerId, references), enabled: references.length > 0 });
  const board = useQuery(trackingBoardQuery(customerId));
  const sms = useStatusSms();
  const refsError = result.error instanceof ApiError && result.error.status === 422 ? Object.values(fieldErrors(result.error)).join(' ') : null;

  return (
    <>
      <Card withBorder padding="lg">
        <TrackForm
          initial={entries}
          withContact={false}
          busy={result.isFetching && result.isPending}
          serverError={refsError}
          onSubmit={(refs) => {
            sms.reset();
            const same = refs.join(',') === references.join(',');
            if (same) void result.refetch();
            else void navigate(trackPath(refs));
          }}
        />
      </Card>

      {references.length ? (
        <Section title="Your orders" testId="results">
          {result.isPending ? (
            <BoardSkeleton count={references.length} />
          ) : result.isError ? (
            refsError ? null : <LoadError error={result.error} onRetry={() => void result.refetch()} busy={result.isFetching} />
          ) : (
            <Stack gap="md">
              <ResultSummary result={result.data} />
              {result.data.items.length ? (
                <Stack gap="xs" align="flex-start">
                  <Group gap="sm">
                    <StatusSmsButton sms={sms} references={result.data.items.map((t) => t.reference)} label={result.data.items.length === 1 ? 'Text me its status' : 'Text me their status'} />
                    <Text size="sm" c="dimmed">
                      One SMS to the verified phone of your account.
                    </Text>
                  </Group>
                  <StatusSmsOutcome sms={sms} />
                </Stack>
              ) : null}
              <TrackingBoard items={result.data.items} notFound={result.data.not_found} label="Tracked orders" />
            </Stack>
          )}
        </Section>
      ) : null}

      <Section title="My open orders" testId="open-orders">
        {board.isPending ? (
          <BoardSkeleton count={2} />
        ) : board.isError ? (
          <LoadError error={board.error} onRetry={() => void board.refetch()} busy={board.isFetching} />
        ) : board.data.items.length === 0 ? (
          <EmptyState
            icon={<IconPackage size={32} aria-hidden />}
            withIndicatorBackground
            title="No open orders"
            description="Everything you ordered has arrived (or was cancelled). Past orders are in My orders."
            py="md"
          >
            <EmptyState.Actions>
              <Button component={Link} to="/orders" variant="default">
                My orders
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {board.data.items.length === 1 ? 'One order is' : `${board.data.items.length} orders are`} on the way to you, oldest first. This board updates by itself.
            </Text>
            <TrackingBoard items={board.data.items} label="My open orders" />
          </Stack>
        )}
      </Section>
    </>
  );
}

function GuestTracking({ entries }: { entries: string[] }) {
  const navigate = useNavigate();
  const lookup = useMutation({ mutationFn: (body: LookupRequest) => lookUpOrders(body) });
  const errors = lookup.error instanceof ApiError && lookup.error.status === 422 ? fieldErrors(lookup.error) : {};
  const refsError = Object.entries(errors)
    .filter(([field]) => field.startsWith('references'))
    .map(([, message]) => message)
    .join(' ');
  const contactError = errors.email ?? errors.phone ?? null;

  const submit = (references: string[], contact: Contact | null) => {
    if (!contact) return;
    void navigate(trackPath(references), { replace: true });
    lookup.mutate(contact.kind === 'email' ? { references, email: contact.value } : { references, phone: contact.value });
  };

  return (
    <>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Text size="sm">
            Have an account?{' '}
            <Anchor component={Link} to={`/login?next=${encodeURIComponent(trackPath(validEntries(entries)))}`} inherit underline="always">
              Log in
            </Anchor>{' '}
            to see all your orders without the email or phone, and to get their status by SMS.
          </Text>
          <TrackForm
            initial={entries}
            withContact
            busy={lookup.isPending}
            serverError={refsError || null}
            contactServerError={contactError}
            onSubmit={submit}
          />
        </Stack>
      </Card>

      {lookup.isIdle ? null : (
        <Section title="Your orders" testId="results">
          {lookup.isPending ? (
            <BoardSkeleton count={lookup.variables.references.length} />
          ) : lookup.isError ? (
            <GuestLookupError error={lookup.error} />
          ) : (
            <Stack gap="md">
              <ResultSummary result={lookup.data} />
              <TrackingBoard items={lookup.data.items} notFound={lookup.data.not_found} guest label="Tracked orders" />
            </Stack>
          )}
        </Section>
      )}
    </>
  );
}

function GuestLookupError({ error }: { error: Error }) {
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Alert color="orange" styles={readableTitle} variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Too many lookups" data-testid="lookup-limited">
        <Text size="sm">
          Orders were looked up from your network too often.{' '}
          {error.retryAfterSeconds !== undefined ? `Try again in ${formatWait(error.retryAfterSeconds)}.` : 'Try again in a few minutes.'} Or log in: customers who are
          logged in can track without waiting.
        </Text>
      </Alert>
    );
  }
  if (error instanceof ApiError && error.status === 422) {
    return <Text size="sm">Correct the highlighted field above, then track again.</Text>;
  }
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not look up the orders">
      <Text size="sm">{describeError(error)}</Text>
    </Alert>
  );
}

function ResultSummary({ result }: { result: TrackingResult }) {
  const found = result.items.length;
  const missing = result.not_found.length;
  return (
    <Text size="sm" role="status" data-testid="result-summary">
      {found === 0 ? 'No orders found' : found === 1 ? '1 order found' : `${found} orders found`}
      {missing ? `, ${missing} not found` : ''}.
    </Text>
  );
}

function LoadError({ error, onRetry, busy }: { error: unknown; onRetry: () => void; busy: boolean }) {
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the orders">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} loading={busy} onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

function BoardSkeleton({ count }: { count: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" role="status" aria-label="Loading the orders">
      {Array.from({ length: Math.min(Math.max(count, 1), 3) }, (_, i) => (
        <Skeleton key={i} height={260} />
      ))}
    </SimpleGrid>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
