/** The provider form's "Advanced settings": dry run, paging, discovery, schedule and national cloud. */
import type { UseFormReturn } from 'react-hook-form';
import { NumberField, SelectField, SwitchField, TextField } from '../form-fields.js';
import { Section } from './provider-sections.js';
import { CLOUD_OPTIONS, OUT_OF_SCOPE_OPTIONS, type ProviderFormValues } from './provider-values.js';

export function AdvancedSection({
  form,
  isExpanded,
}: {
  form: UseFormReturn<ProviderFormValues>;
  isExpanded: boolean;
}) {
  const { control, watch } = form;
  const cloud = watch('cloud');
  return (
    <Section
      // Re-mounted when a field in error inside must be shown: the section then opens.
      key={isExpanded ? 'open' : 'closed'}
      id="section-advanced"
      title="Advanced settings"
      description="Dry run, paging, discovery, schedule and national cloud. The defaults suit most tenants."
      isExpanded={isExpanded}
    >
      <SwitchField
        control={control}
        name="dry_run"
        label="Enable dry-run mode"
        help="When enabled, mutating requests will be dropped and logged instead: nothing is created, changed or deleted in Entra ID. Use the provider's plan to see what would happen."
      />
      <NumberField
        control={control}
        name="sync_page_size"
        label="Page size"
        required
        min={1}
        rules={{
          min: { value: 1, message: 'Page size must be at least 1.' },
        }}
        help="Controls the number of objects synced in a single task."
      />
      <TextField
        control={control}
        name="sync_page_timeout"
        label="Page timeout"
        required
        help={
          <>
            Timeout for synchronization of a single page. A full sync in which no page has finished for this
            long is taken to have stopped, and the next one replaces it. Time-delta syntax:{' '}
            <code>minutes=30</code>, <code>hours=1;minutes=30</code>, <code>seconds=90</code>.
          </>
        }
      />
      <SwitchField
        control={control}
        name="discovery_enabled"
        label="Enable automatic discovery of remote resources."
        help="When enabled, a full sync first links objects that already exist in Entra ID (users by userPrincipalName, then mail; groups by display name when exactly one group has it) instead of creating duplicates."
      />
      <NumberField
        control={control}
        name="sync_interval_minutes"
        label="Full sync interval (minutes)"
        isRequired
        min={5}
        rules={{ required: 'The interval is required.' }}
        help="How often a scheduled full sync runs (5 minutes to 7 days). Changes are also synced as they happen."
      />
      <SelectField
        control={control}
        name="out_of_scope_action"
        label="Users leaving scope"
        options={OUT_OF_SCOPE_OPTIONS}
        help="What a full sync does to synced users who no longer match the user filtering (left the selected group, became a service account)."
      />
      <NumberField
        control={control}
        name="deletion_threshold"
        label="Deletion threshold"
        isRequired
        min={0}
        rules={{
          required: 'The threshold is required.',
          min: { value: 0, message: 'The threshold cannot be negative.' },
        }}
        help="A full sync that would suspend or delete more users leaving scope than this holds them until you confirm on the provider page; so do deletions in Conduit past this many within 10 minutes (0 turns the check off)."
      />
      <SelectField
        control={control}
        name="cloud"
        label="National cloud"
        options={CLOUD_OPTIONS}
        help="The Microsoft cloud your tenant lives in. “Custom endpoints” is for test tenants such as the demo's built-in Graph emulator."
      />
      {cloud === 'custom' && (
        <>
          <TextField
            control={control}
            name="login_url"
            label="Login URL"
            isRequired
            type="url"
            help="The sign-in authority (https), without the tenant ID."
          />
          <TextField
            control={control}
            name="graph_url"
            label="Graph URL"
            isRequired
            type="url"
            help={
              <>
                The Microsoft Graph base URL (https), including the version, e.g.{' '}
                <code>https://graph.microsoft.com/v1.0</code>.
              </>
            }
          />
        </>
      )}
    </Section>
  );
}
