import { Button, Code, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useLocation } from 'react-router';

interface NotFoundPageProps {
  /** Where the "way out" button leads (the home of the current area). */
  homePath: string;
  homeLabel: string;
}

/** Shown for every client route that does not exist. */
export function NotFoundPage({ homePath, homeLabel }: NotFoundPageProps) {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found · Order Management System');

  return (
    <Stack gap="md" align="flex-start" py="xl">
      <Text fw={700} c="blue" size="sm">
        Error 404
      </Text>
      <Title order={1}>Page not found</Title>
      <Text>
        There is no page at <Code>{pathname}</Code>. Check the address for typing mistakes, or start
        again from the home page.
      </Text>
      <Button component={Link} to={homePath}>
        {homeLabel}
      </Button>
    </Stack>
  );
}
