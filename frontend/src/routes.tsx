import type { RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { RequireStaff } from './auth/RequireStaff';
import { SessionRoot } from './auth/SessionRoot';
import { BackofficeLayout } from './backoffice/BackofficeLayout';
import { DashboardPage } from './backoffice/DashboardPage';
import { MessagesPage } from './backoffice/messages/MessagesPage';
import { NotFoundPage } from './components/NotFoundPage';
import { RouteErrorPage } from './components/RouteErrorPage';
import { ShopLayout } from './shop/ShopLayout';
import { ShopHomePage } from './shop/ShopHomePage';

/**
 * All client routes. The Go server answers every path that is not an API,
 * docs or asset path with index.html, so these work on reload too.
 *
 * `SessionRoot` wraps everything: it ends expired sessions and sends the user
 * to `/login` when a session ends. The back office needs a staff session.
 */
export const routes: RouteObject[] = [
  {
    element: <SessionRoot />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: '/admin',
        element: (
          <RequireStaff>
            <BackofficeLayout />
          </RequireStaff>
        ),
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'messages', element: <MessagesPage /> },
          { path: '*', element: <NotFoundPage homePath="/admin" homeLabel="Go to the dashboard" /> },
        ],
      },
      {
        path: '/',
        element: <ShopLayout />,
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <ShopHomePage /> },
          { path: 'login', element: <LoginPage /> },
          { path: '*', element: <NotFoundPage homePath="/" homeLabel="Go to the home page" /> },
        ],
      },
    ],
  },
];
