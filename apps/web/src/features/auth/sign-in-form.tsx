import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/error-message';
import { useSignIn } from './api';

/** Username and password; on success calls `onSignedIn`. Errors show the server's one generic sentence. */
export function SignInForm({ onSignedIn, note }: { onSignedIn?: () => void; note?: string | undefined }) {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: () => onSignedIn?.() });
  };
  return (
    <form className="sign-in-form" data-testid="sign-in-form" onSubmit={submit}>
      {note && (
        <p className="muted" data-testid="sign-in-note">
          {note}
        </p>
      )}
      <div className="field">
        <label htmlFor="sign-in-username">Username</label>
        <input
          id="sign-in-username"
          data-testid="sign-in-username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-autofocus
          required
        />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          data-testid="sign-in-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      {signIn.isError && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {errorMessage(signIn.error)}
        </p>
      )}
      <button className="primary" type="submit" data-testid="sign-in-submit" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
