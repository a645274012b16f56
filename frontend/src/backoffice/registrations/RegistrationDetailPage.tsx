import { Alert, Anchor, Badge, Button, Card, DataList, Group, List, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/errors';
import { reviewKey, reviewQuery, type Application, type Review } from '../../api/registrations';
import { useSession, type Me } from '../../auth/session';
import { IssuedIds } from '../../components/IssuedIds';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { FlagBadges, RegistrationStatusBadge } from './Badges';
import { DecisionPanel } from './DecisionPanel';
import { customerTypeLabels, flagLabel } from './labels';
import { detailPath } from './RegistrationList';

/** `/admin/registrations/:id`: one application in full, with the decision when it waits for review. */
export function RegistrationDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery(reviewQuery(id));
  const review = query.data;
  const [justDecided, setJustDecided] = useState<Application | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(`${review ? review.company?.legal_name || review.name : 'Registration'} · OMS Back office`);

  useEffect(() => {
    if (justDecided) resultRef.current?.focus();
  }, [justDecided]);

  const decided = (application: Application | null) => {
    if (application && review) {
      // The answer is the application as decided; related applications stay as they were.
      queryClient.setQueryData<Review>(reviewQuery(id).queryKey, { ...review, ...application, related: review.related });
      setJustDecided(application);
    } else {
      void query.refetch(); // decided by someone else meanwhile (409): show what it is now
    }
    void queryClient.invalidateQueries({ queryKey: [...reviewKey, 'list'] });
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/registrations" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Registrations
        </Group>
      </Anchor>

      {query.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the application">
          <Skeleton height={36} width="50%" />
          <Skeleton height={160} />
        </Stack>
      ) : null}

      {query.isError && !review ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title="Could not load the application">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{describeError(query.error)}</Text>
            <Button size="xs" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {review ? (
        <>
          <Header review={review} />
          <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
            <Outcome review={review} justDecided={justDecided !== null} />
          </div>
          {review.status === 'pending_review' ? <DecisionPanel application={review} onDecided={decided} /> : null}
          {review.flags.length > 0 ? <Flags review={review} /> : null}
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Applicant review={review} />
            <Stack gap="lg">
              {review.company ? <CompanyCard review={review} /> : null}
              <ApplicationCard review={review} />
            </Stack>
          </SimpleGrid>
          <Related review={review} />
        </>
      ) : null}
    </Stack>
  );
}

function Header({ review }: { review: Review }) {
  return (
    <Stack gap={6}>
      <Title order={1}>{review.company?.legal_name || review.name}</Title>
      <Group gap="xs">
        <RegistrationStatusBadge status={review.status} />
        <Badge variant="default">{customerTypeLabels[review.type] ?? review.type}</Badge>
        <Text size="sm" c="dimmed">
          Applied {formatDateTime(review.created_at)}
        </Text>
      </Group>
    </Stack>
  );
}

function Outcome({ review, justDecided }: { review: Review; justDecided: boolean }) {
  if (review.status === 'approved') {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title={justDecided ? 'Approved: IDs issued' : 'Approved'} role={justDecided ? 'status' : undefined}>
          {review.company?.legal_name || review.name} is a customer. They were sent these IDs by email and SMS.
        </Alert>
        {review.registration_id && review.login_id ? (
          <IssuedIds registrationId={review.registration_id} loginId={review.login_id} audience="staff" />
        ) : null}
      </Stack>
    );
  }
  if (review.status === 'rejected') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Rejected" role={justDecided ? 'status' : undefined}>
        Reason given to the applicant: {review.reject_reason || '—'}
      </Alert>
    );
  }
  if (review.status === 'pending_verification') {
    return (
      <Alert color="blue" variant="light" title="Waiting for the applicant">
        They have not confirmed both their email and phone yet, so the application cannot be decided.
      </Alert>
    );
  }
  return null;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue className={classes.breakAnywhere}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Verified({ at }: { at: string | null | undefined }) {
  return at ? (
    <Text span size="sm" c="dimmed">
      {' '}
      · verified {formatDateTime(at)}
    </Text>
  ) : (
    <Text span size="sm" c="dimmed">
      {' '}
      · not verified
    </Text>
  );
}

function Flags({ review }: { review: Review }) {
  return (
    <Section title="Risk flags">
      <List spacing="sm">
        {review.flags.map((flag) => {
          const info = flagLabel(flag);
          return (
            <List.Item key={flag} icon={<FlagBadges flags={[flag]} />}>
              <Text size="sm">{info.explanation}</Text>
            </List.Item>
          );
        })}
      </List>
    </Section>
  );
}

function Applicant({ review }: { review: Review }) {
  const a = review.address;
  return (
    <Section title="Applicant">
      <DataList labelWidth="10rem" withDivider>
        <Item label="Name">{review.name}</Item>
        <Item label="Email">
          {review.email}
          <Verified at={review.email_verified_at} />
        </Item>
        <Item label="Phone">
          {review.phone}
          <Verified at={review.phone_verified_at} />
        </Item>
        <Item label="Address">
          <span style={{ whiteSpace: 'pre-line' }}>
            {[a.line1, a.line2, `${a.postal_code} ${a.city}`.trim(), a.country].filter(Boolean).join('\n')}
          </span>
        </Item>
      </DataList>
    </Section>
  );
}

function CompanyCard({ review }: { review: Review }) {
  const c = review.company;
  if (!c) return null;
  return (
    <Section title="Company">
      <DataList labelWidth="10rem" withDivider>
        <Item label="Legal name">{c.legal_name}</Item>
        <Item label="Tax ID">{c.tax_id}</Item>
        <Item label="Registration number">{c.registration_number}</Item>
      </DataList>
    </Section>
  );
}

/** The API gives the deciding staff member's ID only; "you" when it is the reader. */
function deciderLabel(reviewedBy: string | null | undefined, me: Me | undefined): string {
  if (!reviewedBy) return 'Automatically (no risk flags)';
  return reviewedBy === me?.id ? `You (${me.name})` : `Staff member ${reviewedBy}`;
}

function ApplicationCard({ review }: { review: Review }) {
  const me = useSession()?.me;
  return (
    <Section title="Application">
      <DataList labelWidth="10rem" withDivider>
        <Item label="Applied">{formatDateTime(review.created_at)}</Item>
        <Item label="From IP">{review.created_ip || '—'}</Item>
        <Item label="Email verified">{formatDateTime(review.email_verified_at)}</Item>
        <Item label="Phone verified">{formatDateTime(review.phone_verified_at)}</Item>
        {review.reviewed_at ? <Item label="Decided">{formatDateTime(review.reviewed_at)}</Item> : null}
        {review.reviewed_at ? <Item label="Decided by">{deciderLabel(review.reviewed_by, me)}</Item> : null}
        <Item label="Application ID">{review.id}</Item>
      </DataList>
    </Section>
  );
}

/** Other applications sharing the email, phone or tax ID. */
function Related({ review }: { review: Review }) {
  const shared = (other: Application): string =>
    [
      other.email === review.email ? 'email' : null,
      other.phone === review.phone ? 'phone' : null,
      other.company?.tax_id && other.company.tax_id === review.company?.tax_id ? 'tax ID' : null,
    ]
      .filter(Boolean)
      .join(', ') || '—';

  return (
    <Section title="Related applications">
      {review.related.length === 0 ? (
        <Text size="sm" c="dimmed">
          No other application uses this email, phone or tax ID.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label="Related applications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Shares</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Applied</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {review.related.map((other) => (
                <Table.Tr key={other.id}>
                  <Table.Td>
                    <Anchor component={Link} to={detailPath(other.id)} size="sm">
                      {other.company?.legal_name || other.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{shared(other)}</Table.Td>
                  <Table.Td>
                    <RegistrationStatusBadge status={other.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(other.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
