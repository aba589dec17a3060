import { Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { EnvironmentsTab } from '../../components/admin/EnvironmentsTab.js';
import { MachinesTab } from '../../components/admin/MachinesTab.js';
import { MachineTypesTab } from '../../components/admin/MachineTypesTab.js';
import { ProductsTab } from '../../components/admin/ProductsTab.js';
import { StopReasonsTab } from '../../components/admin/StopReasonsTab.js';
import { UsersTab } from '../../components/admin/UsersTab.js';

interface AdminTab {
  path: string;
  label: string;
  element: ReactNode;
}

const TABS: readonly AdminTab[] = [
  { path: 'users', label: 'Users', element: <UsersTab /> },
  { path: 'environments', label: 'Environments', element: <EnvironmentsTab /> },
  { path: 'machine-types', label: 'Machine types', element: <MachineTypesTab /> },
  { path: 'machines', label: 'Machines', element: <MachinesTab /> },
  { path: 'stop-reasons', label: 'Stop reasons', element: <StopReasonsTab /> },
  { path: 'products', label: 'Products', element: <ProductsTab /> },
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
