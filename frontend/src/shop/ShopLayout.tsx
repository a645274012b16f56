import { Anchor, Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { Link, NavLink, Outlet } from 'react-router';
import { endSession, useSession } from '../auth/session';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { SkipLink } from '../components/SkipLink';
import classes from './ShopLayout.module.css';

/** Only pages that exist are linked; new shop pages add themselves here. */
const navItems = [
  { to: '/', label: 'Home', end: true },
  { to: '/admin', label: 'Back office', end: false },
];

/** The customer area: header with the product name and navigation, page, footer. */
export function ShopLayout() {
  const session = useSession();

  return (
    <div className={classes.page}>
      <SkipLink />
      <Box component="header" className={classes.header}>
        <Container size="lg" py="sm">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Link to="/" className={classes.brand}>
              Order Management System
            </Link>
            <Group gap="xs" wrap="nowrap">
              <Box component="nav" aria-label="Main">
                <Group gap={4} wrap="nowrap">
                  {navItems.map((item) => (
                    <NavLink key={item.to} to={item.to} end={item.end} className={classes.navLink}>
                      {item.label}
                    </NavLink>
                  ))}
                  {session ? (
                    <UnstyledButton className={classes.navLink} onClick={() => endSession('logout')}>
                      Log out
                    </UnstyledButton>
                  ) : (
                    <NavLink to="/login" className={classes.navLink}>
                      Log in
                    </NavLink>
                  )}
                </Group>
              </Box>
              <ColorSchemeToggle />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main-content" tabIndex={-1} size="lg" py="xl" className={classes.main}>
        <Outlet />
      </Container>
      <Box component="footer" className={classes.footer}>
        <Container size="lg" py="md">
          <Text size="sm">
            Order Management System ·{' '}
            <Anchor href="/swagger/index.html" size="sm" underline="always">
              API documentation
            </Anchor>
          </Text>
        </Container>
      </Box>
    </div>
  );
}
