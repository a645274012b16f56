import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { RequireRole } from './auth/RequireRole';
import { RequireSession } from './auth/RequireSession';
import { RequireStaff } from './auth/RequireStaff';
import { areaRoles } from './auth/roles';
import { backupRoles } from './backoffice/backups/access';
import { orderEntryRoles, orderRoles } from './backoffice/orders/access';
import { SessionRoot } from './auth/SessionRoot';
import { NotFoundPage } from './components/NotFoundPage';
import { PageLoader } from './components/PageLoader';
import { RouteErrorPage } from './components/RouteErrorPage';
import { ShopLayout } from './shop/ShopLayout';
import { ShopHomePage } from './shop/ShopHomePage';
import { CategoryRedirect, SearchRedirect } from './shop/catalog/redirects';

/** A page whose code is downloaded the first time it is shown (its own chunk). */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// The back office is only for staff: customers never download it.
const BackofficeLayout = page(() => import('./backoffice/BackofficeLayout'), 'BackofficeLayout');
const DashboardPage = page(() => import('./backoffice/DashboardPage'), 'DashboardPage');
const MessagesPage = page(() => import('./backoffice/messages/MessagesPage'), 'MessagesPage');
const RegistrationsPage = page(() => import('./backoffice/registrations/RegistrationsPage'), 'RegistrationsPage');
const RegistrationDetailPage = page(
  () => import('./backoffice/registrations/RegistrationDetailPage'),
  'RegistrationDetailPage',
);
const StaffPage = page(() => import('./backoffice/staff/StaffPage'), 'StaffPage');
const AuditPage = page(() => import('./backoffice/audit/AuditPage'), 'AuditPage');
const BackupsPage = page(() => import('./backoffice/backups/BackupsPage'), 'BackupsPage');
const ProductsPage = page(() => import('./backoffice/products/ProductsPage'), 'ProductsPage');
const NewProductPage = page(() => import('./backoffice/products/ProductEditorPage'), 'NewProductPage');
const ProductEditorPage = page(() => import('./backoffice/products/ProductEditorPage'), 'ProductEditorPage');
const CategoriesPage = page(() => import('./backoffice/categories/CategoriesPage'), 'CategoriesPage');
const CatalogsPage = page(() => import('./backoffice/catalogs/CatalogsPage'), 'CatalogsPage');
const NewCatalogPage = page(() => import('./backoffice/catalogs/CatalogEditorPage'), 'NewCatalogPage');
const CatalogEditorPage = page(() => import('./backoffice/catalogs/CatalogEditorPage'), 'CatalogEditorPage');
const CustomerGroupsPage = page(() => import('./backoffice/customer-groups/CustomerGroupsPage'), 'CustomerGroupsPage');
const CustomerGroupPage = page(() => import('./backoffice/customer-groups/CustomerGroupPage'), 'CustomerGroupPage');
const ProductsImportPage = page(() => import('./backoffice/import/ImportPage'), 'ImportPage');
const PricingLayout = page(() => import('./backoffice/pricing/PricingLayout'), 'PricingLayout');
const PriceListsPage = page(() => import('./backoffice/pricing/PriceListsPage'), 'PriceListsPage');
const NewPriceListPage = page(() => import('./backoffice/pricing/PriceListEditorPage'), 'NewPriceListPage');
const PriceListEditorPage = page(() => import('./backoffice/pricing/PriceListEditorPage'), 'PriceListEditorPage');
const OffersPage = page(() => import('./backoffice/pricing/OffersPage'), 'OffersPage');
const NewOfferPage = page(() => import('./backoffice/pricing/OfferEditorPage'), 'NewOfferPage');
const OfferEditorPage = page(() => import('./backoffice/pricing/OfferEditorPage'), 'OfferEditorPage');
const TaxRatesPage = page(() => import('./backoffice/pricing/TaxRatesPage'), 'TaxRatesPage');
const OrdersPage = page(() => import('./backoffice/orders/OrdersPage'), 'OrdersPage');
const OrderDetailPage = page(() => import('./backoffice/orders/OrderDetailPage'), 'OrderDetailPage');
const NewOrderPage = page(() => import('./backoffice/orders/NewOrderPage'), 'NewOrderPage');

// Shop pages most visitors never open.
const RegisterPage = page(() => import('./shop/register/RegisterPage'), 'RegisterPage');
const RegistrationStatusPage = page(() => import('./shop/register/RegistrationStatusPage'), 'RegistrationStatusPage');
const AccountPage = page(() => import('./shop/account/AccountPage'), 'AccountPage');
const ForgotPasswordPage = page(() => import('./shop/password/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('./shop/password/ResetPasswordPage'), 'ResetPasswordPage');
const ShopSearchPage = page(() => import('./shop/catalog/ShopSearchPage'), 'ShopSearchPage');
const ProductPage = page(() => import('./shop/catalog/ProductPage'), 'ProductPage');
const ComparePage = page(() => import('./shop/catalog/ComparePage'), 'ComparePage');
const CartPage = page(() => import('./shop/cart/CartPage'), 'CartPage');
const CheckoutPage = page(() => import('./shop/checkout/CheckoutPage'), 'CheckoutPage');
const MyOrdersPage = page(() => import('./shop/orders/OrdersPage'), 'OrdersPage');
const MyOrderPage = page(() => import('./shop/orders/OrderDetailPage'), 'OrderDetailPage');
const OrderPlacedPage = page(() => import('./shop/orders/OrderPlacedPage'), 'OrderPlacedPage');
const TrackPage = page(() => import('./shop/tracking/TrackPage'), 'TrackPage');

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

/**
 * All client routes. The Go server answers every path that is not an API,
 * docs or asset path with index.html, so these work on reload too.
 *
 * `SessionRoot` wraps everything: it restores the login from the refresh
 * cookie after a reload, refreshes the access token, and sends the user to
 * `/login` when a session ends. The back office needs a staff session; some
 * of its pages need a role as well.
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
            <Lazy>
              <BackofficeLayout />
            </Lazy>
          </RequireStaff>
        ),
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'messages', element: <MessagesPage /> },
          {
            path: 'registrations',
            element: (
              <RequireRole roles={areaRoles.registrations}>
                <RegistrationsPage />
              </RequireRole>
            ),
          },
          {
            path: 'registrations/:id',
            element: (
              <RequireRole roles={areaRoles.registrations}>
                <RegistrationDetailPage />
              </RequireRole>
            ),
          },
          {
            path: 'users',
            element: (
              <RequireRole roles={areaRoles.staff}>
                <StaffPage />
              </RequireRole>
            ),
          },
          {
            path: 'backups',
            element: (
              <RequireRole roles={backupRoles}>
                <BackupsPage />
              </RequireRole>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequireRole roles={areaRoles.audit}>
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: 'products',
            element: (
              <RequireRole roles={areaRoles.products}>
                <ProductsPage />
              </RequireRole>
            ),
          },
          {
            path: 'products/new',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <NewProductPage />
              </RequireRole>
            ),
          },
          {
            path: 'products/:id',
            element: (
              <RequireRole roles={areaRoles.products}>
                <ProductEditorPage />
              </RequireRole>
            ),
          },
          {
            path: 'categories',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <CategoriesPage />
              </RequireRole>
            ),
          },
          {
            path: 'products/import',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <ProductsImportPage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogs',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <CatalogsPage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogs/new',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <NewCatalogPage />
              </RequireRole>
            ),
          },
          {
            path: 'catalogs/:id',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <CatalogEditorPage />
              </RequireRole>
            ),
          },
          {
            path: 'customer-groups',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <CustomerGroupsPage />
              </RequireRole>
            ),
          },
          {
            path: 'customer-groups/:id',
            element: (
              <RequireRole roles={areaRoles.catalog}>
                <CustomerGroupPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders',
            element: (
              <RequireRole roles={orderRoles}>
                <OrdersPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders/new',
            element: (
              <RequireRole roles={orderEntryRoles}>
                <NewOrderPage />
              </RequireRole>
            ),
          },
          {
            path: 'orders/:reference',
            element: (
              <RequireRole roles={orderRoles}>
                <OrderDetailPage />
              </RequireRole>
            ),
          },
          {
            path: 'pricing',
            element: (
              <RequireRole roles={areaRoles.pricing}>
                <PricingLayout />
              </RequireRole>
            ),
            children: [
              { index: true, element: <Navigate to="price-lists" replace /> },
              { path: 'price-lists', element: <PriceListsPage /> },
              { path: 'price-lists/new', element: <NewPriceListPage /> },
              { path: 'price-lists/:id', element: <PriceListEditorPage /> },
              { path: 'offers', element: <OffersPage /> },
              { path: 'offers/new', element: <NewOfferPage /> },
              { path: 'offers/:id', element: <OfferEditorPage /> },
              { path: 'tax-rates', element: <TaxRatesPage /> },
            ],
          },
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
          { path: 'register', element: <RegisterPage /> },
          { path: 'register/:id', element: <RegistrationStatusPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'shop', element: <ShopSearchPage /> },
          { path: 'shop/search', element: <SearchRedirect /> },
          { path: 'shop/c/:slug', element: <CategoryRedirect /> },
          { path: 'shop/p/:slug', element: <ProductPage /> },
          { path: 'shop/compare', element: <ComparePage /> },
          // The customer's cart and orders. "/orders/:reference" is the link in every order email.
          { path: 'cart', element: <RequireSession><CartPage /></RequireSession> },
          { path: 'checkout', element: <RequireSession><CheckoutPage /></RequireSession> },
          { path: 'orders', element: <RequireSession><MyOrdersPage /></RequireSession> },
          { path: 'orders/:reference', element: <RequireSession><MyOrderPage /></RequireSession> },
          { path: 'orders/:reference/placed', element: <RequireSession><OrderPlacedPage /></RequireSession> },
          // Anyone tracks orders (guests with the email or phone); the status SMS links to /track?r=REF1,REF2.
          { path: 'track', element: <TrackPage /> },
          {
            path: 'account',
            element: (
              <RequireSession>
                <AccountPage />
              </RequireSession>
            ),
          },
          { path: '*', element: <NotFoundPage homePath="/" homeLabel="Go to the home page" /> },
        ],
      },
    ],
  },
];
