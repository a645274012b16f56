import { Alert, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { customerGroupsQuery } from '../../api/customerGroups';
import { deleteOffer, offerKey, offerQuery, offersKey, type Offer } from '../../api/pricing';
import { DeleteButton } from './DeleteButton';
import { offerValueText, scopeLabels, usesText } from './offerForm';
import { OfferForm } from './OfferForm';
import { offerPath } from './OffersPage';
import { BackLink, LoadError, ValidityBadge } from './ui';
import { validity } from './validity';

const offersPath = '/admin/pricing/offers';

/** `/admin/pricing/offers/new`: saving opens the offer's own page. */
export function NewOfferPage() {
  useDocumentTitle('New offer · OMS Back office');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const groups = useQuery(customerGroupsQuery);
  return (
    <Stack gap="lg">
      <BackLink to={offersPath}>Offers and coupons</BackLink>
      <Stack gap={4}>
        <Title order={1}>New offer</Title>
        <Text>A discount that applies by itself, or a coupon when you give it a code.</Text>
      </Stack>
      <OfferForm
        groups={groups.data}
        onReload={() => Promise.resolve(undefined)}
        onSaved={(o) => {
          queryClient.setQueryData(offerKey(o.id), o);
          void queryClient.invalidateQueries({ queryKey: offersKey });
          void navigate(offerPath(o.id), { replace: true, state: { notice: `${o.name} was created.` } });
        }}
      />
    </Stack>
  );
}

/** `/admin/pricing/offers/:id`: edit (or delete, while unused) an offer. */
export function OfferEditorPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const detail = useQuery(offerQuery(id));
  const groups = useQuery(customerGroupsQuery);
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const offer = detail.data;
  useDocumentTitle(`${offer?.name ?? 'Offer'} · OMS Back office`);

  const saved = (o: Offer) => {
    queryClient.setQueryData(offerKey(o.id), o);
    void queryClient.invalidateQueries({ queryKey: [...offersKey, 'list'] });
    setNotice(`${o.name} was saved.`);
  };

  return (
    <Stack gap="lg">
      <BackLink to={offersPath}>Offers and coupons</BackLink>
      {detail.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the offer">
          <Skeleton height={36} width="50%" />
          <Skeleton height={240} />
        </Stack>
      ) : null}
      {detail.isError && !offer ? <LoadError title="Could not load the offer" error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {offer ? (
        <>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={6}>
              <Title order={1}>{offer.name}</Title>
              <Group gap="xs">
                <ValidityBadge status={validity(offer)} />
                <Text size="sm" c="dimmed">
                  {offer.code ? `Coupon ${offer.code} · ` : ''}
                  {offerValueText(offer)} off {scopeLabels[offer.scope].toLowerCase()} · used {usesText(offer)}
                </Text>
              </Group>
            </Stack>
            <DeleteButton
              what={`the offer ${offer.name}`}
              onDelete={async () => {
                await deleteOffer(offer.id);
                queryClient.removeQueries({ queryKey: offerKey(offer.id) });
                await queryClient.invalidateQueries({ queryKey: offersKey });
                void navigate(offersPath, { replace: true });
              }}
            />
          </Group>
          {notice ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" withCloseButton onClose={() => setNotice(null)} closeButtonLabel="Dismiss">
              {notice}
            </Alert>
          ) : null}
          <OfferForm
            key={offer.id}
            loaded={offer}
            groups={groups.data}
            onSaved={saved}
            onReload={async () => {
              const fresh = await detail.refetch();
              if (fresh.isError) throw fresh.error;
              return fresh.data;
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}
