import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** What staff see on the customer's cart, checkout and order pages: those are for customers. */
export function CustomersOnly({ title }: { title: string }) {
  return (
    <Stack gap="md" align="flex-start">
      <Title order={1}>{title}</Title>
      <Text>This page is for customers: staff have no cart or orders of their own. Orders for a customer are entered and found in the back office.</Text>
      <Button component={Link} to="/admin" variant="default">
        Go to the back office
      </Button>
    </Stack>
  );
}
