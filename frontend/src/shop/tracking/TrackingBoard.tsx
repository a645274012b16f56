import { Alert, List, SimpleGrid, Text } from '@mantine/core';
import { IconQuestionMark } from '@tabler/icons-react';
import type { Tracking } from '../../api/tracking';
import { TrackingCard } from './TrackingCard';
import { readableTitle } from './alertStyles';

interface Props {
  items: Tracking[];
  /** What was asked for but not found (others' orders and unknown references alike). */
  notFound?: string[];
  /** Guests looked up by email or phone: a wrong contact also ends up in "not found". */
  guest?: boolean;
  label: string;
}

/** The board: a card per order (in the order asked), then the references that were not found. */
export function TrackingBoard({ items, notFound = [], guest = false, label }: Props) {
  return (
    <>
      {items.length ? (
        <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
          {items.map((t) => (
            <li key={t.reference}>
              <TrackingCard tracking={t} linkToOrder={!guest} />
            </li>
          ))}
        </SimpleGrid>
      ) : null}
      {notFound.length ? (
        <Alert
          color="orange" styles={readableTitle}
          variant="light"
          icon={<IconQuestionMark aria-hidden />}
          title={notFound.length === 1 ? 'Not found: 1 reference' : `Not found: ${notFound.length} references`}
          data-testid="not-found"
        >
          <List size="sm" spacing={2} aria-label="References not found">
            {notFound.map((r) => (
              <List.Item key={r} ff="monospace">
                {r}
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs">
            {guest
              ? 'Check each reference, and that the email address or phone number is the one the orders were placed with.'
              : 'Check each reference against your order emails: only orders of your own account are shown.'}
          </Text>
        </Alert>
      ) : null}
    </>
  );
}
