import { ActionIcon, AppShell, Badge, Box, Burger, Button, Divider, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBuildingStore, IconLogout } from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, matchPath } from 'react-router';
import { logOut } from '../api/auth';
import { hasAnyRole, roleLabel } from '../auth/roles';
import { useSession, type Me } from '../auth/session';
import { PageLoader } from '../components/PageLoader';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { SkipLink } from '../components/SkipLink';
import classes from './BackofficeLayout.module.css';
import { backofficeNav } from './nav';

const navbarId = 'backoffice-navbar';

/** Name and roles of the signed-in staff member; two small lines on phones. */
function StaffIdentity({ me, compact = false }: { me: Me; compact?: boolean }) {
  const roles = me.roles.map(roleLabel).join(', ');
  if (compact) {
    return (
      <Box miw={0} maw={160} lh={1.25}>
        <Text size="xs" fw={600} truncate="end">
          {me.name}
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {roles}
        </Text>
      </Box>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" className={classes.identity}>
      <Text size="sm" fw={600} truncate="end">
        {me.name}
      </Text>
      {me.roles.map((role) => (
        <Badge key={role} variant="default" size="sm">
          {roleLabel(role)}
        </Badge>
      ))}
    </Group>
  );
}

/** The staff area: header, left navigation (a burger menu on phones), page. Rendered only for staff. */
export function BackofficeLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const session = useSession();
  // Below the `sm` breakpoint the navbar slides out of view when closed; make
  // it inert then so keyboard focus cannot land on links nobody can see.
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const nav = backofficeNav.filter((item) => !item.roles || hasAnyRole(session?.me, item.roles));

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
              {/* On phones "OMS" leaves room for the staff member's name. */}
              OMS
              <Box component="span" visibleFrom="xs">
                {' '}
                Back office
              </Box>
            </Link>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            {session ? (
              <>
                <Box visibleFrom="sm" miw={0} mr="xs">
                  <StaffIdentity me={session.me} />
                </Box>
                <Box hiddenFrom="sm" miw={0}>
                  <StaffIdentity me={session.me} compact />
                </Box>
              </>
            ) : null}
            <Button
              component={Link}
              to="/"
              variant="subtle"
              size="compact-sm"
              leftSection={<IconBuildingStore size={16} aria-hidden />}
              visibleFrom="sm"
            >
              Shop
            </Button>
            <Button
              variant="default"
              size="compact-sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={() => void logOut()}
              visibleFrom="sm"
            >
              Log out
            </Button>
            <ActionIcon variant="default" size="lg" onClick={() => void logOut()} hiddenFrom="sm" aria-label="Log out" title="Log out">
              <IconLogout size={18} aria-hidden />
            </ActionIcon>
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id={navbarId} p="sm" aria-label="Back office" inert={isPhone && !opened}>
        {nav.map((item) => (
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
        <Box hiddenFrom="sm" mt="auto">
          <Divider mb="xs" />
          <NavLink
            component={Link}
            to="/"
            label="Shop"
            leftSection={<IconBuildingStore size={18} aria-hidden />}
            onClick={close}
          />
        </Box>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
