import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH, type CreatedToken } from '@studio/api';
import { GlobalNav } from '../../app/global-nav';
import { navigate } from '../../app/route';
import { CopyButton } from '../../components/copy-button';
import { errorMessage } from '../../lib/error-message';
import { useChangePassword, useCreateToken, useRevokeToken, useSession, useSignOut, useTokens } from './api';

/** The signed-in user's page: who and which role, password (set after a one-time link), tokens, sign-out. */
export function AccountPage({ welcome }: { welcome: boolean }) {
  const session = useSession();
  const signOut = useSignOut();
  const actor = session.data?.actor;
  const mustSet = session.data?.mustSetPassword ?? false;
  return (
    <div className="page">
      <header className="topbar">
        <GlobalNav current="projects" />
      </header>
      <main className="account-page" data-testid="account-page">
        <h2>Account</h2>
        {actor && (
          <p data-testid="account-who">
            Signed in as <strong>{actor.name}</strong> ({session.data?.username}), role{' '}
            <strong>{actor.role}</strong>.
          </p>
        )}
        {(welcome || mustSet) && mustSet && (
          <p className="notice" data-testid="account-welcome">
            Welcome. Set a password now: the link you used works only once.
          </p>
        )}
        <PasswordSection mustSet={mustSet} />
        <TokensSection />
        <section>
          <button
            data-testid="sign-out"
            onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate({ screen: 'projects' }) })}
          >
            Sign out
          </button>
        </section>
      </main>
    </div>
  );
}

function PasswordSection({ mustSet }: { mustSet: boolean }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat !== '' && next !== repeat;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
        },
      },
    );
  };
  return (
    <section>
      <h3>{mustSet ? 'Set your password' : 'Change password'}</h3>
      <form onSubmit={submit} data-testid="password-form">
        {!mustSet && (
          <div className="field">
            <label htmlFor="pw-current">Current password</label>
            <input
              id="pw-current"
              data-testid="password-current"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              required
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="pw-new">New password</label>
          <input
            id="pw-new"
            data-testid="password-new"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
          <span className="help">At least {MIN_PASSWORD_LENGTH} characters. Your other sessions end.</span>
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">Repeat the new password</label>
          <input
            id="pw-repeat"
            data-testid="password-repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
          {mismatch && <span className="error">The two new passwords differ.</span>}
        </div>
        {change.isError && (
          <p className="error" role="alert" data-testid="password-error">
            {errorMessage(change.error)}
          </p>
        )}
        {change.isSuccess && (
          <p className="muted" data-testid="password-saved">
            Password saved.
          </p>
        )}
        <button
          className="primary"
          type="submit"
          data-testid="password-submit"
          disabled={change.isPending || mismatch}
        >
          Save password
        </button>
      </form>
    </section>
  );
}

function TokensSection() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, scope, expiresInDays: 90 }, { onSuccess: (t) => setCreated(t) });
  };
  return (
    <section>
      <h3>Personal access tokens</h3>
      <p className="muted">
        For scripts and the CLI on <code>/api</code> (<code>Authorization: Bearer …</code>); not for scoring
        (that takes a deployment key). Read tokens may only read. They expire after 90 days.
      </p>
      {created && (
        <p className="notice" data-testid="token-created">
          Copy it now, it is not shown again: <code>{created.token}</code>{' '}
          <CopyButton text={created.token} testId="token-copy" />
        </p>
      )}
      <form onSubmit={submit} className="inline-form">
        <input
          aria-label="Token name"
          placeholder="name, e.g. laptop CLI"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select
          aria-label="Scope"
          value={scope}
          onChange={(e) => setScope(e.target.value as 'read' | 'write')}
        >
          <option value="read">read</option>
          <option value="write">write</option>
        </select>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <ul className="list">
        {(tokens.data ?? []).map((t) => (
          <li key={t.id}>
            <code>{t.prefix}…</code> {t.name} · {t.scope} · expires {t.expiresAt.slice(0, 10)}
            {t.revokedAt ? (
              ' · revoked'
            ) : (
              <button className="ghost" onClick={() => revoke.mutate(t.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
