import { AppShell, Burger, Divider, Group, NavLink, Text, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useReady } from '../api/system.js';
import { useSession } from '../auth/session.js';
import { HeaderClock } from '../components/HeaderClock.js';
import { NavIcon } from '../components/NavIcon.js';
import { NAV_ITEMS } from './nav.js';
import { UserMenu } from './UserMenu.js';

function isActive(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

export function AppLayout() {
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const { data } = useReady();
  const { can } = useSession();
  const items = NAV_ITEMS.filter((item) => can(item.needs));
  // The operator station wants the whole tablet: its navbar folds away behind the burger.
  const station = pathname === '/operator';

  // On a phone the navbar covers the page: close it once the user has picked a page.
  useEffect(() => close(), [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{
        width: 220,
        breakpoint: 'sm',
        collapsed: { mobile: !navOpen, desktop: station && !navOpen },
      }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom={station ? undefined : 'sm'}
              size="sm"
              aria-label="Toggle navigation"
            />
            <ThemeIcon size={34} radius="md" variant="filled" aria-hidden="true">
              <NavIcon name="machines" size={20} />
            </ThemeIcon>
            <Title order={1} fz={{ base: 'lg', sm: 'xl' }} fw={800} lh={1}>
              Shopfloor
            </Title>
            {data && (
              <>
                <Divider orientation="vertical" visibleFrom="xs" />
                <Text
                  data-testid="header-plant-name"
                  c="dimmed"
                  fw={600}
                  truncate="end"
                  visibleFrom="xs"
                >
                  {data.ready.plant.name}
                </Text>
              </>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <HeaderClock />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {items.map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={item.label}
            leftSection={<NavIcon name={item.icon} />}
            active={isActive(item.path, pathname)}
            aria-current={isActive(item.path, pathname) ? 'page' : undefined}
            py="sm"
            fw={500}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
