import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAccess } from './auth/RequireAccess.js';
import { RequireSession } from './auth/RequireSession.js';
import { AppLayout } from './layout/AppLayout.js';
import { navItem } from './layout/nav.js';
import { AdminPage } from './pages/admin/AdminPage.js';
import { HomePage } from './pages/HomePage.js';
import { MachinesPage } from './pages/MachinesPage.js';
import { MaturationPage } from './pages/MaturationPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { OperatorPage } from './pages/OperatorPage.js';
import { OrderDetailPage } from './pages/OrderDetailPage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { PlaceholderPage } from './pages/PlaceholderPage.js';
import { SignInPage } from './pages/SignInPage.js';

/** A section's page, shown only to the roles its navigation entry is shown to. */
function section(path: string, page: ReactNode) {
  return <RequireAccess route={navItem(path).needs}>{page}</RequireAccess>;
}

const reports = navItem('/reports');

export function App() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="orders" element={section('/orders', <OrdersPage />)} />
          <Route path="orders/:id" element={section('/orders', <OrderDetailPage />)} />
          <Route path="machines" element={section('/machines', <MachinesPage />)} />
          <Route path="operator" element={section('/operator', <OperatorPage />)} />
          <Route path="maturation" element={section('/maturation', <MaturationPage />)} />
          <Route
            path="reports"
            element={<PlaceholderPage title={reports.label} description={reports.description} />}
          />
          <Route path="admin/*" element={section('/admin', <AdminPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
