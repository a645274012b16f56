import { Button, Card, Checkbox, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { decideReturn, type Order, type OrderReturn, type ReturnAction } from '../../api/adminOrders';
import { hasAnyRole } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../format';
import classes from '../lists.module.css';
import { returnRoles } from './access';
import { ReturnStatusBadge } from './Badges';
import { ChangeError } from './ChangeError';
import { Section } from './Section';
import { useOrderChange } from './useOrderChange';

const noteLimit = 1000;

interface Vars {
  number: number;
  action: ReturnAction;
  note: string;
  restock: boolean;
}

/** Returns the customer asked for: accept or reject a request, receive the goods of an accepted one. */
export function Returns({ order }: { order: Order }) {
  const returns = order.returns ?? [];
  const canDecide = hasAnyRole(useSession()?.me, returnRoles);
  const decide = useOrderChange(order.reference, (v: Vars) =>
    decideReturn(order.reference, v.number, v.action, {
      note: v.note.trim(),
      version: order.version,
      ...(v.action === 'receive' ? { restock: v.restock } : {}),
    }),
  );
  if (returns.length === 0) return null;

  return (
    <Section title="Returns">
      <ChangeError error={decide.error} reference={order.reference} onReloaded={() => decide.reset()} />
      <Stack gap="sm" component="ul" className={classes.cards} aria-label="Returns">
        {returns.map((r) => (
          <ReturnCard
            key={r.number}
            entry={r}
            busy={decide.isPending}
            canDecide={canDecide}
            pendingAction={decide.isPending && decide.variables?.number === r.number ? decide.variables.action : null}
            onDecide={(action, note, restock) => decide.mutate({ number: r.number, action, note, restock })}
          />
        ))}
      </Stack>
    </Section>
  );
}

function ReturnCard({
  entry,
  busy,
  canDecide,
  pendingAction,
  onDecide,
}: {
  entry: OrderReturn;
  busy: boolean;
  canDecide: boolean;
  pendingAction: ReturnAction | null;
  onDecide: (action: ReturnAction, note: string, restock: boolean) => void;
}) {
  const [note, setNote] = useState('');
  const [restock, setRestock] = useState(true);
  const [noteError, setNoteError] = useState<string | null>(null);
  const open = canDecide && (entry.status === 'requested' || entry.status === 'accepted');

  const act = (action: ReturnAction) => {
    if (note.trim().length > noteLimit) {
      setNoteError(`At most ${noteLimit} characters`);
      return;
    }
    if (action === 'reject' && !note.trim()) {
      setNoteError('Tell the customer why the return is rejected');
      return;
    }
    setNoteError(null);
    onDecide(action, note, restock);
  };
  const button = (action: ReturnAction, label: string, color?: string) => (
    <Button
      size="xs"
      color={color}
      variant={action === 'reject' ? 'outline' : 'filled'}
      loading={pendingAction === action}
      disabled={busy && pendingAction !== action}
      onClick={() => act(action)}
      aria-label={`${label} return ${entry.number}`}
    >
      {label}
    </Button>
  );

  return (
    <Card component="li" withBorder padding="sm" data-return={entry.number}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            Return {entry.number}
          </Text>
          <ReturnStatusBadge status={entry.status} />
        </Group>
        <Text size="sm" className={classes.breakWord}>
          Reason: {entry.reason}
        </Text>
        <List size="sm" spacing={2}>
          {entry.lines.map((line) => (
            <List.Item key={line.sku}>
              {line.quantity} × {line.name}{' '}
              <Text span size="xs" c="dimmed">
                ({line.sku})
              </Text>
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          Requested {formatDateTime(entry.requested_at)}
          {entry.decided_at ? ` · decided ${formatDateTime(entry.decided_at)}` : ''}
          {entry.received_at ? ` · received ${formatDateTime(entry.received_at)}` : ''}
          {entry.status === 'received' ? (entry.restocked ? ' · restocked' : ' · not restocked') : ''}
        </Text>
        {entry.note ? (
          <Text size="sm" className={classes.breakWord}>
            Staff note: {entry.note}
          </Text>
        ) : null}
        {open ? (
          <Stack gap="xs">
            <Textarea
              label={`Note for return ${entry.number}`}
              description={entry.status === 'requested' ? 'Required when rejecting: the customer is told why.' : 'Optional.'}
              value={note}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteError(null);
              }}
              autosize
              minRows={1}
              maxRows={4}
              error={noteError}
            />
            {entry.status === 'accepted' ? (
              <Checkbox
                label="Put the units back on hand (restock)"
                checked={restock}
                onChange={(event) => setRestock(event.currentTarget.checked)}
              />
            ) : null}
            <Group gap="xs">
              {entry.status === 'requested' ? (
                <>
                  {button('accept', 'Accept')}
                  {button('reject', 'Reject', 'red.9')}
                </>
              ) : (
                button('receive', 'Receive')
              )}
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
