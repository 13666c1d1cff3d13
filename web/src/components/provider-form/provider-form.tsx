/**
 * The Microsoft Entra provider form, shared by the create wizard and the edit dialog. Every control
 * is bound to the API field of the same name through `EntraProviderRequest`, so a renamed or
 * missing binding is a type error (authentik's form lost "Page size" this way), and the end-to-end
 * suite reads every field back through the API.
 */
import { ActionGroup, Button, Form } from '@patternfly/react-core';
import { type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError } from '../../api/client.js';
import type {
  EntraProvider,
  EntraProviderRequest,
  PropertyMapping,
  ProviderDefaults,
} from '../../api/types.js';
import { applyFieldErrors, FormErrors } from '../common.js';
import { AdvancedSection } from './advanced-section.js';
import { FilteringSection, MappingSection, NameField, ProtocolSection } from './provider-sections.js';
import {
  ADVANCED_FIELDS,
  initialProviderValues,
  PROVIDER_FIELDS,
  type ProviderFormValues,
  toProviderRequest,
} from './provider-values.js';

export function ProviderForm({
  provider,
  defaults,
  allMappings,
  submitLabel,
  onSubmit,
  secondaryActions,
}: {
  provider: EntraProvider | null;
  defaults?: ProviderDefaults;
  allMappings: PropertyMapping[];
  submitLabel: string;
  onSubmit: (body: EntraProviderRequest) => Promise<unknown>;
  secondaryActions?: ReactNode;
}) {
  const form = useForm<ProviderFormValues>({
    defaultValues: initialProviderValues(provider, defaults, allMappings),
  });
  const { handleSubmit, setError, watch, formState } = form;
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const cloud = watch('cloud');
  const loginUrl = watch('login_url');
  const graphUrl = watch('graph_url');
  // The stored credential is only sent where it was entered for: the server refuses an endpoint
  // change without it (docs/admin/configure-entra.md), so the form asks for it first.
  const endpointsMove =
    provider !== null &&
    (cloud !== provider.cloud ||
      (cloud === 'custom' &&
        (loginUrl.trim() !== (provider.login_url ?? '') || graphUrl.trim() !== (provider.graph_url ?? ''))));

  const submit = handleSubmit(async (values) => {
    setFormErrors([]);
    try {
      await onSubmit(toProviderRequest(values, provider !== null));
    } catch (error) {
      const rest = applyFieldErrors(error, setError, PROVIDER_FIELDS as readonly string[]);
      // A field error inside the collapsed section must be visible.
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      if (ADVANCED_FIELDS.some((f) => f in fields)) setAdvancedOpen(true);
      setFormErrors(rest);
    }
  });

  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      <NameField form={form} />
      <ProtocolSection form={form} provider={provider} endpointsMove={endpointsMove} />
      <FilteringSection form={form} />
      <MappingSection form={form} allMappings={allMappings} />
      <AdvancedSection form={form} isExpanded={advancedOpen} />
      <ActionGroup>
        {secondaryActions}
        <Button
          type="submit"
          variant="primary"
          isLoading={formState.isSubmitting}
          isDisabled={formState.isSubmitting}
        >
          {submitLabel}
        </Button>
      </ActionGroup>
    </Form>
  );
}
