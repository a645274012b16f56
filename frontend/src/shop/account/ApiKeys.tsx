import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiKeysKey, apiKeysQuery, createApiKey, revokeApiKey, type NewApiKey } from '../../api/apiKeys';
import { describeError } from '../../api/errors';
import { CopyValue } from '../../components/CopyValue';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** API keys of a business account: create (the key is shown once), list, revoke. */
export function ApiKeys() {
  const titleId = useId();
  const client = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      void client.invalidateQueries({ queryKey: apiKeysKey });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => void client.invalidateQueries({ queryKey: apiKeysKey }),
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Name the key after the system that will use it');
      return;
    }
    setNameError(null);
    create.mutate(name.trim());
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} size="h4" id={titleId}>
          API keys
        </Title>
        <Text size="sm" c="dimmed">
          Your own systems (an ERP, a purchasing app) can place and track orders with a key, sent as{' '}
          <code>Authorization: Bearer oms_…</code>. A key acts as your account; revoke it when it is no longer needed.
        </Text>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Key name"
              placeholder="ERP integration"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameError}
              maxLength={100}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} aria-hidden />}>
              Create key
            </Button>
          </Group>
        </form>
        {create.error ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {describeError(create.error)}
          </Alert>
        ) : null}
        {created ? (
          <Alert color="blue" title="Copy your new key now" role="status">
            <Stack gap="xs">
              <Text size="sm">This is the only time it is shown. Keep it secret, like a password.</Text>
              <Group gap="xs" wrap="nowrap">
                <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }} data-testid="new-api-key">
                  {created.key}
                </Text>
                <CopyValue value={created.key} label="API key" />
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {keys.error ? <Text c="red.9">{describeError(keys.error)}</Text> : null}
        {keys.data && keys.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td ff="monospace">{k.prefix}…</Table.Td>
                    <Table.Td>{k.last_used_at ? dateFormat.format(new Date(k.last_used_at)) : 'Never'}</Table.Td>
                    <Table.Td>
                      {k.revoked_at ? (
                        <Badge color="gray">Revoked</Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          loading={revoke.isPending && revoke.variables === k.id}
                          onClick={() => revoke.mutate(k.id)}
                          aria-label={`Revoke ${k.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : keys.data ? (
          <Text size="sm">No keys yet.</Text>
        ) : null}
      </Stack>
    </Card>
  );
}
