import { Anchor, Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { logOut } from '../api/auth';
import { isStaff } from '../auth/roles';
import { useSession, type Session } from '../auth/session';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { PageLoader } from '../components/PageLoader';
import { SkipLink } from '../components/SkipLink';
import { CartLink } from './cart/CartLink';
import { HeaderSearch } from './catalog/HeaderSearch';
import classes from './ShopLayout.module.css';

interface NavItem {
  to: string;
  label: string;
  end: boolean;
}

/**
 * Only pages that exist are linked; new shop pages add themselves here. The
 * brand links home, so "Home" is not repeated: the links fit one row at 1280 px.
 */
function navItems(session: Session | null): NavItem[] {
  const items: NavItem[] = [{ to: '/shop', label: 'Shop', end: false }];
  if (!session) {
    items.push({ to: '/track', label: 'Track orders', end: true });
    items.push({ to: '/register', label: 'Register', end: false });
    return items;
  }
  if (!isStaff(session.me)) {
    items.push({ to: '/orders', label: 'My orders', end: false });
    items.push({ to: '/track', label: 'Track orders', end: true });
  }
  items.push({ to: '/account', label: 'My account', end: true });
  if (isStaff(session.me)) {
    items.push({ to: '/admin', label: 'Back office', end: false });
  }
  return items;
}

/** The customer area: header with the product name and navigation, page, footer. */
export function ShopLayout() {
  const session = useSession();

  return (
    <div className={classes.page}>
      <SkipLink />
      <Box component="header" className={classes.header}>
        <Container size="lg" py="sm">
          <div className={classes.headerGrid}>
            <Link to="/" className={classes.brand}>
              Order Management System
            </Link>
            <div className={classes.search}>
              <HeaderSearch />
            </div>
            <Group gap="xs" wrap="nowrap" className={classes.navArea}>
              <Box component="nav" aria-label="Main">
                <Group gap={4} wrap="wrap" justify="flex-end">
                  {navItems(session).map((item) => (
                    <NavLink key={item.to} to={item.to} end={item.end} className={classes.navLink}>
                      {item.label}
                    </NavLink>
                  ))}
                  <CartLink className={classes.navLink} />
                  {session ? (
                    <UnstyledButton className={classes.navLink} onClick={() => void logOut()}>
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
          </div>
        </Container>
      </Box>
      <Container component="main" id="main-content" tabIndex={-1} size="lg" py="xl" className={classes.main}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
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
