import { AppShell, Burger, Button, Group, NavLink } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBuildingStore } from '@tabler/icons-react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, matchPath } from 'react-router';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { SkipLink } from '../components/SkipLink';
import classes from './BackofficeLayout.module.css';
import { backofficeNav } from './nav';

const navbarId = 'backoffice-navbar';

/** The staff area: header, left navigation (a burger menu on phones), page. */
export function BackofficeLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  // Below the `sm` breakpoint the navbar slides out of view when closed; make
  // it inert then so keyboard focus cannot land on links nobody can see.
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls={navbarId}
            />
            <Link to="/admin" className={classes.brand}>
              OMS Back office
            </Link>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button
              component={Link}
              to="/"
              variant="subtle"
              size="compact-sm"
              leftSection={<IconBuildingStore size={16} aria-hidden />}
            >
              Shop
            </Button>
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id={navbarId} p="sm" aria-label="Back office" inert={isPhone && !opened}>
        {backofficeNav.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.end}
            label={item.label}
            leftSection={<item.icon size={18} aria-hidden />}
            active={matchPath({ path: item.to, end: item.end }, pathname) !== null}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
