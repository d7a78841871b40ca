import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type User } from '@studio/api';
import { GlobalNav } from '../../app/global-nav';
import { CopyButton } from '../../components/copy-button';
import { errorMessage } from '../../lib/error-message';
import { useCan, useCreateUser, useResetPassword, useSession, useUpdateUser, useUsers } from './api';

/** A one-time sign-in link as the person receiving it opens it (absolute, on this Studio's origin). */
const absolute = (link: string) => new URL(link, window.location.origin).toString();

/**
 * Users (admins): every account with its role and state; add one (with a one-time sign-in link), disable or
 * enable, reset a password (a new one-time link), change a role. For other roles the page stays, its controls
 * disabled with the reason.
 */
export function UsersPage() {
  const { allowed, reason } = useCan('admin');
  const session = useSession();
  const users = useUsers(allowed && !session.isPending);
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [link, setLink] = useState<{ who: string; url: string } | null>(null);
  const error = update.error ?? reset.error;
  return (
    <div className="page">
      <header className="topbar">
        <GlobalNav current="users" />
      </header>
      <main className="account-page users-page" data-testid="users-page">
        <h2>Users</h2>
        {!allowed && (
          <p className="notice" data-testid="users-denied">
            {reason}
          </p>
        )}
        <AddUserForm disabledReason={allowed ? undefined : reason} onLink={setLink} />
        {link && (
          <p className="notice" data-testid="user-link">
            One-time sign-in link for {link.who} (works once, for 24 h; send it privately):{' '}
            <code>{link.url}</code> <CopyButton text={link.url} testId="user-link-copy" />
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="users-error">
            {errorMessage(error)}
          </p>
        )}
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Username</th>
              <th>Role</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <UserRow
                key={u.id}
                user={u}
                self={u.id === session.data?.actor.id}
                busy={update.isPending || reset.isPending}
                onRole={(role) => update.mutate({ userId: u.id, body: { role } })}
                onDisabled={(disabled) => update.mutate({ userId: u.id, body: { disabled } })}
                onReset={() =>
                  reset.mutate(u.id, {
                    onSuccess: (r) => setLink({ who: u.username ?? u.name, url: absolute(r.signInLink) }),
                  })
                }
              />
            ))}
          </tbody>
        </table>
      </main>
    </div>
  );
}

function UserRow({
  user,
  self,
  busy,
  onRole,
  onDisabled,
  onReset,
}: {
  user: User;
  self: boolean;
  busy: boolean;
  onRole: (role: Role) => void;
  onDisabled: (disabled: boolean) => void;
  onReset: () => void;
}) {
  const selfReason = self ? 'You cannot disable yourself; another admin can.' : undefined;
  const state = user.disabled
    ? 'disabled'
    : user.lockedUntil
      ? `locked until ${user.lockedUntil.slice(11, 19)}`
      : user.hasPassword
        ? 'active'
        : 'awaiting first sign-in';
  return (
    <tr data-testid={`user-${user.username}`}>
      <td>{user.name}</td>
      <td>
        <code>{user.username}</code>
      </td>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          data-testid={`user-role-${user.username}`}
          value={user.role}
          disabled={busy}
          onChange={(e) => onRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td data-testid={`user-state-${user.username}`}>{state}</td>
      <td>
        <button
          className="ghost"
          data-testid={`user-disable-${user.username}`}
          disabled={busy || (self && !user.disabled)}
          title={selfReason}
          onClick={() => onDisabled(!user.disabled)}
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
        <button
          className="ghost"
          data-testid={`user-reset-${user.username}`}
          disabled={busy}
          onClick={onReset}
        >
          Reset password
        </button>
      </td>
    </tr>
  );
}

function AddUserForm({
  disabledReason,
  onLink,
}: {
  disabledReason: string | undefined;
  onLink: (link: { who: string; url: string }) => void;
}) {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const disabled = disabledReason !== undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { username: username.trim(), name: name.trim(), role },
      {
        onSuccess: (u) => {
          if (u.signInLink) onLink({ who: u.username ?? u.name, url: absolute(u.signInLink) });
          setUsername('');
          setName('');
        },
      },
    );
  };
  return (
    <section>
      <h3>Add a user</h3>
      <form className="inline-form" onSubmit={submit} data-testid="add-user-form">
        <input
          aria-label="Username"
          data-testid="new-user-username"
          placeholder="username (lower case)"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          disabled={disabled}
          title={disabledReason}
          required
        />
        <input
          aria-label="Full name"
          data-testid="new-user-name"
          placeholder="full name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={disabled}
          title={disabledReason}
          required
        />
        <select
          aria-label="Role"
          data-testid="new-user-role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          disabled={disabled}
          title={disabledReason}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="primary"
          data-testid="add-user"
          disabled={disabled || create.isPending}
          title={disabledReason}
        >
          Add user
        </button>
      </form>
      <p className="muted">The new user gets a one-time sign-in link and sets their own password.</p>
      {create.error && (
        <p className="error" role="alert" data-testid="add-user-error">
          {errorMessage(create.error)}
        </p>
      )}
    </section>
  );
}
