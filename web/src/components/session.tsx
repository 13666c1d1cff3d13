/** The admin session: who is signed in, the login page, and logout. */
import { ActionGroup, Alert, Button, Form, LoginPage } from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.js';
import { session as sessionApi } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import type { SessionInfo } from '../api/types.js';
import { errorMessage } from './common.js';
import { TextField } from './form-fields.js';

interface SessionContextValue {
  session: SessionInfo;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionGate>');
  return value;
}

/** Renders its children only once an administrator is signed in; otherwise the login page. */
export function SessionGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const current = useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      try {
        return await sessionApi.current();
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const info = current.data ?? null;
  setCsrfToken(info?.csrf_token ?? null);
  useEffect(() => {
    setUnauthenticatedHandler(() => client.setQueryData(queryKeys.session, null));
    return () => setUnauthenticatedHandler(null);
  }, [client]);

  if (current.isLoading) return null;
  if (current.isError)
    return (
      <Alert variant="danger" title="Conduit is not reachable">
        {errorMessage(current.error)}
      </Alert>
    );
  if (!info) {
    return (
      <LoginForm
        onLogin={(s) => {
          setCsrfToken(s.csrf_token);
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
          client.setQueryData(queryKeys.session, s);
        }}
      />
    );
  }
  const logout = async () => {
    await sessionApi.logout().catch(() => undefined);
    setCsrfToken(null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    client.setQueryData(queryKeys.session, null);
  };
  return <SessionContext.Provider value={{ session: info, logout }}>{children}</SessionContext.Provider>;
}

function LoginForm({ onLogin }: { onLogin: (s: SessionInfo) => void }) {
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, formState } = useForm({ defaultValues: { username: '', password: '' } });
  useEffect(() => {
    document.title = 'Log in · Conduit';
  }, []);
  const submit = handleSubmit(async ({ username, password }) => {
    setError(null);
    try {
      onLogin(await sessionApi.login(username, password));
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <LoginPage
      loginTitle="Log in to Conduit"
      loginSubtitle="Admin interface"
      textContent="Conduit keeps your directory's users and groups in step with Microsoft Entra ID. Sign in with an administrator account. The demo (npm run demo) prints its admin login and the built-in tenant's Client ID, Client Secret and Tenant ID when it starts."
    >
      <Form onSubmit={submit}>
        {error && <Alert variant="danger" isInline title={error} role="alert" />}
        <TextField
          control={control}
          name="username"
          id="login-username"
          label="Username"
          isRequired
          autoComplete="username"
        />
        <TextField
          control={control}
          name="password"
          id="login-password"
          label="Password"
          type="password"
          isRequired
          autoComplete="current-password"
        />
        <ActionGroup>
          <Button
            type="submit"
            variant="primary"
            isBlock
            isLoading={formState.isSubmitting}
            isDisabled={formState.isSubmitting}
          >
            Log in
          </Button>
        </ActionGroup>
      </Form>
    </LoginPage>
  );
}
