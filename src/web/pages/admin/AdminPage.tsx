import { Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { EnvironmentsTab } from '../../components/admin/EnvironmentsTab.js';

interface AdminTab {
  path: string;
  label: string;
  element: ReactNode;
}

const TABS: readonly AdminTab[] = [
  { path: 'environments', label: 'Environments', element: <EnvironmentsTab /> },
];

/**
 * Users and master data, for admins (App.tsx shows it only to roles that may manage users):
 * one tab per kind, each at /admin/<kind>.
 */
export function AdminPage() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = TABS.find((t) => pathname.split('/').includes(t.path))?.path ?? null;

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={2}>Admin</Title>
      <Tabs value={current} onChange={(value) => value && void navigate(`/admin/${value}`)}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab.path} value={tab.path} data-testid={`admin-tab-${tab.path}`}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={TABS[0]?.path ?? ''} replace />} />
        {TABS.map((tab) => (
          <Route key={tab.path} path={tab.path} element={tab.element} />
        ))}
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </Stack>
  );
}
