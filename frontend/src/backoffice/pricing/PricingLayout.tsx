import { Stack, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';

const tabs = [
  { value: '/admin/pricing/price-lists', label: 'Price lists' },
  { value: '/admin/pricing/offers', label: 'Offers and coupons' },
  { value: '/admin/pricing/tax-rates', label: 'Tax rates' },
];

/** The pricing area: tabs between its three pages, the page below. */
export function PricingLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((t) => pathname.startsWith(t.value))?.value ?? null;
  return (
    <Stack gap="lg">
      <nav aria-label="Pricing">
        <Tabs value={current} onChange={(to) => to && void navigate(to)} activateTabWithKeyboard={false}>
          <Tabs.List>
            {tabs.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </nav>
      <Outlet />
    </Stack>
  );
}
