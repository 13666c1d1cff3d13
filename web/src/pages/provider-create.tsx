/**
 * Applications > Providers > Create: step 1 chooses the provider type (**Microsoft Entra Provider**)
 * and **Next**; step 2 is "Create Microsoft Entra Provider" and ends with **Finish**.
 */
import {
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  DescriptionList,
  Flex,
  PageSection,
  Radio,
  Spinner,
} from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { entra } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import { useAllMappings } from '../api/queries/mappings.js';
import { useProviderDefaults, useProviderTypes } from '../api/queries/providers.js';
import { DetailItem, DOCS, ErrorAlert, PageHeader, TitledCard } from '../components/common.js';
import { ProviderForm } from '../components/provider-form/provider-form.js';
import { useTitle } from '../components/use-title.js';

export function ProviderCreatePage() {
  const [step, setStep] = useState<1 | 2>(1);
  const [type, setType] = useState<string>('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const types = useProviderTypes();
  const defaults = useProviderDefaults();
  const mappings = useAllMappings();
  useTitle(step === 1 ? 'Create a provider' : 'Create Microsoft Entra Provider');

  return (
    <>
      <PageHeader
        title={step === 1 ? 'Create a provider' : 'Create Microsoft Entra Provider'}
        description={
          step === 1
            ? 'Choose the kind of provider to create.'
            : 'Conduit will sync your directory\u2019s users and groups to this Microsoft Entra ID tenant.'
        }
        help={DOCS.createProvider}
      />
      <PageSection>
        <p className="pf-v6-u-mb-md pf-v6-u-text-color-subtle" aria-live="polite">
          Step {step} of 2: {step === 1 ? 'provider type' : 'provider settings'}
        </p>
        {step === 1 && (
          <TitledCard title="Select a provider type">
            <ErrorAlert error={types.error} />
            {types.isLoading && <Spinner aria-label="Loading provider types" />}
            <div role="radiogroup" aria-label="Provider type">
              {(types.data ?? []).map((t) => (
                <Radio
                  key={t.component}
                  id={`type-${t.model_name}`}
                  name="provider-type"
                  label={t.name}
                  description={t.description}
                  isChecked={type === t.component}
                  onChange={() => setType(t.component)}
                />
              ))}
            </div>
            <Flex className="pf-v6-u-mt-lg" gap={{ default: 'gapSm' }}>
              <Button variant="primary" isDisabled={!type} onClick={() => setStep(2)}>
                Next
              </Button>
              <Button variant="link" onClick={() => navigate('/providers')}>
                Cancel
              </Button>
            </Flex>
          </TitledCard>
        )}
        {step === 2 && (
          <Card>
            <CardBody>
              {defaults.data?.demo_tenant && (
                <Alert
                  variant="info"
                  isInline
                  title="Demo: the built-in Entra ID tenant"
                  className="pf-v6-u-mb-md"
                >
                  <p>
                    This Conduit runs in demo mode with a built-in Microsoft Graph emulator. Type these values
                    (also printed by <code>npm run demo</code>):
                  </p>
                  <DescriptionList isCompact isHorizontal aria-label="Demo tenant values">
                    {(
                      [
                        ['Demo Client ID', defaults.data.demo_tenant.client_id],
                        ['Demo Client Secret', defaults.data.demo_tenant.client_secret],
                        ['Demo Tenant ID', defaults.data.demo_tenant.tenant_id],
                      ] as const
                    ).map(([term, value]) => (
                      <DetailItem key={term} term={term}>
                        <code>{value}</code>
                      </DetailItem>
                    ))}
                  </DescriptionList>
                </Alert>
              )}
              {mappings.isLoading || defaults.isLoading ? (
                <Bullseye>
                  <Spinner aria-label="Loading" />
                </Bullseye>
              ) : (
                <>
                  <ErrorAlert error={mappings.error ?? defaults.error} />
                  {defaults.data && (
                    <ProviderForm
                      provider={null}
                      defaults={defaults.data}
                      allMappings={mappings.data ?? []}
                      submitLabel="Finish"
                      secondaryActions={
                        <Button variant="secondary" onClick={() => setStep(1)}>
                          Back
                        </Button>
                      }
                      onSubmit={async (body) => {
                        const created = await entra.create(body);
                        await client.invalidateQueries({ queryKey: queryKeys.providers.all });
                        navigate(`/providers/${created.pk}`);
                      }}
                    />
                  )}
                </>
              )}
            </CardBody>
          </Card>
        )}
      </PageSection>
    </>
  );
}
