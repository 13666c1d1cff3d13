/**
 * The provider's credential: a client secret or a certificate with its private key. The stored one
 * is never sent to the browser, so on edit an empty field keeps it — unless the kind of credential
 * or the endpoints change, when the server needs it typed in again (docs/admin/configure-entra.md).
 */
import { Alert, FormGroup, TextArea, TextInput } from '@patternfly/react-core';
import type { UseFormReturn } from 'react-hook-form';
import type { EntraProvider } from '../../api/types.js';
import { formatDate } from '../common.js';
import { Help, RadioField, useFieldError } from '../form-fields.js';
import { certificateExpiresSoon, type ProviderFormValues } from './provider-values.js';

const PEM_PLACEHOLDER =
  '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----';

export function CredentialFields({
  form,
  provider,
  endpointsMove,
}: {
  form: UseFormReturn<ProviderFormValues>;
  provider: EntraProvider | null;
  /** The national cloud or a custom endpoint differs from the stored one. */
  endpointsMove: boolean;
}) {
  const { control, watch } = form;
  const credential = watch('credential_type');
  // A new provider, a switch to the other kind of credential, or new endpoints need the credential typed in.
  const secretRequired = provider?.credential_type !== 'client_secret' || endpointsMove;
  const certificateRequired = provider?.credential_type !== 'client_certificate' || endpointsMove;
  return (
    <>
      <RadioField
        control={control}
        name="credential_type"
        label="Credential"
        isRequired
        isInline
        options={[
          { value: 'client_secret', label: 'Client secret' },
          { value: 'client_certificate', label: 'Certificate' },
        ]}
        help="How Conduit signs in as the app registration: exactly one of the two is used. A certificate is the safer choice — its private key never leaves Conduit, and Entra ID only holds the public certificate."
      />
      {credential === 'client_secret' ? (
        <SecretField
          form={form}
          provider={provider}
          required={secretRequired}
          endpointsMove={endpointsMove}
        />
      ) : (
        <CertificateField
          form={form}
          provider={provider}
          required={certificateRequired}
          endpointsMove={endpointsMove}
        />
      )}
    </>
  );
}

interface CredentialFieldProps {
  form: UseFormReturn<ProviderFormValues>;
  provider: EntraProvider | null;
  required: boolean;
  endpointsMove: boolean;
}

function SecretField({ form, provider, required, endpointsMove }: CredentialFieldProps) {
  const { control, register, getValues } = form;
  const error = useFieldError(control, 'client_secret');
  return (
    <FormGroup label="Client Secret" isRequired={required} fieldId="client_secret">
      <TextInput
        id="client_secret"
        type="password"
        {...register('client_secret', {
          validate: (v) =>
            getValues('credential_type') !== 'client_secret' ||
            !required ||
            v !== '' ||
            'Client Secret is required.',
        })}
        isRequired={required}
        placeholder={required ? undefined : 'Unchanged'}
        validated={error ? 'error' : 'default'}
        aria-describedby="client_secret-help"
        autoComplete="new-password"
      />
      <Help id="client_secret-help" error={error}>
        {endpointsMove && provider?.credential_type === 'client_secret'
          ? 'The national cloud or an endpoint changes: type the client secret again. A stored secret is only sent to the endpoints it was entered for.'
          : required
            ? 'Client secret for the app registration (its Value, not its Secret ID). It is stored encrypted and never shown again.'
            : 'Client secret for the app registration. The stored secret is never shown: leave this empty to keep it unchanged, or type a new secret to replace it.'}
      </Help>
    </FormGroup>
  );
}

function CertificateField({ form, provider, required, endpointsMove }: CredentialFieldProps) {
  const { control, register, getValues, setValue } = form;
  const error = useFieldError(control, 'client_certificate');
  return (
    <FormGroup label="Certificate and private key (PEM)" isRequired={required} fieldId="client_certificate">
      {provider?.credential_type === 'client_certificate' && (
        <Alert
          isInline
          isPlain
          variant={certificateExpiresSoon(provider.client_certificate_expires) ? 'warning' : 'info'}
          title={`Current certificate: ${provider.client_certificate_subject ?? 'set'}, expires ${formatDate(
            provider.client_certificate_expires,
          )}`}
          className="pf-v6-u-mb-sm"
        >
          Thumbprint <code className="cd-wrap">{provider.client_certificate_thumbprint}</code>
        </Alert>
      )}
      <TextArea
        id="client_certificate"
        {...register('client_certificate', {
          validate: (v) =>
            getValues('credential_type') !== 'client_certificate' ||
            !required ||
            v.trim() !== '' ||
            'Paste the private key and the certificate (PEM).',
        })}
        isRequired={required}
        rows={6}
        resizeOrientation="vertical"
        spellCheck={false}
        placeholder={required ? PEM_PLACEHOLDER : 'Unchanged'}
        validated={error ? 'error' : 'default'}
        aria-describedby="client_certificate-help"
        autoComplete="off"
        className="cd-mono"
      />
      <div className="pf-v6-u-mt-sm">
        <label htmlFor="client_certificate-file" className="pf-v6-c-button pf-m-secondary pf-m-small">
          Add from a file…
        </label>
        <input
          id="client_certificate-file"
          type="file"
          accept=".pem,.crt,.cer,.key,.txt"
          className="pf-v6-screen-reader"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            // Appended: the key and the certificate often come as two files.
            const current = getValues('client_certificate').trim();
            const added = (await file.text()).trim();
            setValue('client_certificate', current ? `${current}\n${added}` : added, {
              shouldDirty: true,
              shouldValidate: true,
            });
          }}
        />
      </div>
      <Help id="client_certificate-help" error={error}>
        Paste the certificate’s private key and the certificate in PEM form (for example the output of{' '}
        <code>cat key.pem cert.pem</code>), or add them from files. Upload the certificate alone to the app
        registration under Certificates &amp; secrets. Conduit derives the thumbprint, stores the key
        encrypted and never shows it again.
        {endpointsMove && provider?.credential_type === 'client_certificate'
          ? ' The national cloud or an endpoint changes: paste the certificate again (a stored one is only sent to the endpoints it was entered for).'
          : required
            ? ''
            : ' Leave this empty to keep the current certificate.'}
      </Help>
    </FormGroup>
  );
}
