import type { RouteObject } from 'react-router';
import { BackofficeLayout } from './backoffice/BackofficeLayout';
import { DashboardPage } from './backoffice/DashboardPage';
import { NotFoundPage } from './components/NotFoundPage';
import { RouteErrorPage } from './components/RouteErrorPage';
import { ShopLayout } from './shop/ShopLayout';
import { ShopHomePage } from './shop/ShopHomePage';

/**
 * All client routes. The Go server answers every path that is not an API,
 * docs or asset path with index.html, so these work on reload too.
 */
export const routes: RouteObject[] = [
  {
    path: '/admin',
    element: <BackofficeLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: '*', element: <NotFoundPage homePath="/admin" homeLabel="Go to the dashboard" /> },
    ],
  },
  {
    path: '/',
    element: <ShopLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <ShopHomePage /> },
      { path: '*', element: <NotFoundPage homePath="/" homeLabel="Go to the home page" /> },
    ],
  },
];
