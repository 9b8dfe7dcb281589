import { useState, type FormEvent } from 'react';
import { useController } from '../../app/ControllerContext';
import { AuthError } from '../../core/matrix/auth-errors';
import { TextField } from '../../app/forms';
import { describePasswordPolicy } from '../../core/matrix/password-policy';
import { usePasswordPolicy } from './usePasswordPolicy';

type Mode = 'sign-in' | 'register';

/** Sign in, or create an account where the homeserver allows it. */
export function AuthScreen({ notice }: { notice?: string | undefined }) {
  const controller = useController();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [homeserver, setHomeserver] = useState(controller.config.defaultHomeserverUrl);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [registrationToken, setRegistrationToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | undefined>();
  const policy = usePasswordPolicy(homeserver, mode === 'register');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'sign-in') await controller.signIn(homeserver, username, password);
      else await controller.register(homeserver, username, password, registrationToken);
    } catch (caught) {
      const authError =
        caught instanceof AuthError ? caught : new AuthError('UNKNOWN', String(caught));
      setError({ code: authError.code, message: authError.message });
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'sign-in' ? 'Welcome back!' : 'Create an account';
  return (
    <main className="flex min-h-full items-center justify-center bg-rail p-4">
      <form
        onSubmit={(e) => void submit(e)}
        aria-labelledby="auth-title"
        className="w-full max-w-md space-y-4 rounded-lg bg-chat p-8 shadow-xl"
      >
        <h1 id="auth-title" className="text-center text-2xl font-semibold text-strong">
          {title}
        </h1>
        {notice && (
          <p role="status" className="rounded bg-sidebar p-2 text-sm">
            {notice}
          </p>
        )}
        <TextField
          label="Homeserver"
          value={homeserver}
          onChange={(e) => setHomeserver(e.target.value)}
          autoComplete="url"
          required
        />
        <TextField
          label="Username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          required
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          aria-describedby={mode === 'register' ? 'password-policy' : undefined}
          required
        />
        {mode === 'register' && (
          <>
            <p id="password-policy" aria-live="polite" className="text-xs text-muted">
              {policy.status === 'known'
                ? `Password rules on this homeserver: ${describePasswordPolicy(policy.policy)}`
                : policy.status === 'none'
                  ? 'This homeserver announces no password rules. A long passphrase is safest.'
                  : 'Checking the password rules of this homeserver…'}
            </p>
            <TextField
              label="Registration token (if your server needs one)"
              value={registrationToken}
              onChange={(e) => setRegistrationToken(e.target.value)}
              autoComplete="off"
              autoCapitalize="none"
            />
          </>
        )}
        {error && (
          <p role="alert" data-error-code={error.code} className="text-sm text-danger">
            {error.message}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded bg-blurple p-2.5 font-medium text-white hover:brightness-110 disabled:opacity-60"
        >
          {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
        </button>
        <p className="text-sm text-muted">
          {mode === 'sign-in' ? 'Need an account? ' : 'Already have an account? '}
          <button
            type="button"
            className="text-blue-400 hover:underline"
            onClick={() => {
              setMode(mode === 'sign-in' ? 'register' : 'sign-in');
              setError(undefined);
            }}
          >
            {mode === 'sign-in' ? 'Register' : 'Sign in instead'}
          </button>
        </p>
      </form>
    </main>
  );
}
