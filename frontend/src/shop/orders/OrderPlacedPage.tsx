import { Alert, Button, Card, Group, List, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { describeError } from '../../api/errors';
import { orderQuery, type Order } from '../../api/orders';
import { CopyValue } from '../../components/CopyValue';
import { useShopper } from '../cart/useCart';
import { formatMoney } from '../catalog/money';
import { orderPath } from './OrdersPage';
import classes from './orders.module.css';

/**
 * `/orders/:reference/placed`: the order went through. The Reference Number
 * large with a copy button, what happens next, and the way on. Right after
 * checkout the order comes in the navigation state; a reload reads it again.
 */
export function OrderPlacedPage() {
  const { reference = '' } = useParams();
  const location = useLocation();
  const shopper = useShopper();
  const passed = (location.state as { order?: Order } | null)?.order;
  const fromState = passed && passed.reference.toUpperCase() === reference.toUpperCase() ? passed : undefined;
  const query = useQuery({ ...orderQuery(shopper.customerId ?? 'none', reference), enabled: !fromState && shopper.customerId !== null });
  const order = fromState ?? query.data;
  useDocumentTitle(`Order placed: ${reference.toUpperCase()} · Order Management System`);

  if (!order) {
    if (query.isError) {
      return (
        <Alert color="red" variant="light" title="Could not load the order" role="alert">
          {describeError(query.error)}
        </Alert>
      );
    }
    return <Skeleton height={240} role="status" aria-label="Loading the order" />;
  }

  return (
    <Stack gap="lg" maw={720} mx="auto" w="100%">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color="teal.9" size="xl" radius="xl" aria-hidden>
          <IconCircleCheck size={28} />
        </ThemeIcon>
        <Title order={1}>Thank you, your order is placed</Title>
      </Group>
      <Paper withBorder radius="md" p="lg">
        <Text fw={600}>Reference Number</Text>
        <Group gap="xs" wrap="nowrap">
          <Text className={classes.reference} data-testid="placed-reference">
            {order.reference}
          </Text>
          <CopyValue value={order.reference} label="Reference Number" />
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          Quote it when you contact us. Total {formatMoney({ amount: order.totals.total, currency: order.totals.currency })}.
        </Text>
      </Paper>
      <Card withBorder padding="lg" component="section" aria-labelledby="next-steps">
        <Title order={2} size="h4" id="next-steps" mb="sm">
          What happens next
        </Title>
        <List spacing="xs" size="sm">
          <List.Item>We have sent you a confirmation message.</List.Item>
          <List.Item>Our team confirms it, then picks and packs it. Until packing starts you can cancel it on the order page.</List.Item>
          <List.Item>When it ships, you get the carrier and a tracking number, here and by message.</List.Item>
        </List>
      </Card>
      <Group gap="sm">
        <Button component={Link} to={orderPath(order.reference)}>
          View the order
        </Button>
        <Button component={Link} to="/orders" variant="default">
          My orders
        </Button>
        <Button component={Link} to="/shop" variant="subtle">
          Continue shopping
        </Button>
      </Group>
    </Stack>
  );
}
