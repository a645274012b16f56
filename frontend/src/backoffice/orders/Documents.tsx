import { Alert, Button, Group, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { fetchOrderDocument, type DocumentKind, type Order } from '../../api/adminOrders';
import { describeError } from '../../api/errors';
import { saveBlob } from '../../saveBlob';
import { documentLabels, labelOf } from './labels';
import { Section } from './Section';

/** The order's PDFs, fetched with the session's token (a plain link would carry none). */
export function Documents({ order }: { order: Order }) {
  const [loading, setLoading] = useState<DocumentKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const documents = order.documents ?? [];

  const download = async (kind: DocumentKind) => {
    setLoading(kind);
    setError(null);
    try {
      saveBlob(await fetchOrderDocument(order.reference, kind), `${order.reference}-${kind}.pdf`);
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setLoading(null);
    }
  };

  return (
    <Section title="Documents">
      {error ? (
        <Alert color="red" variant="light" role="alert" title="Could not download the document">
          {error}
        </Alert>
      ) : null}
      {documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          No documents yet.
        </Text>
      ) : (
        <Group gap="xs">
          {documents.map((doc) => (
            <Button
              key={doc.kind}
              variant="default"
              size="sm"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              loading={loading === doc.kind}
              onClick={() => void download(doc.kind)}
            >
              {doc.title || labelOf(documentLabels, doc.kind)} (PDF)
            </Button>
          ))}
        </Group>
      )}
    </Section>
  );
}
