import { useState, type FormEvent } from 'react';
import { PROJECT_ROLES, projectDeniedReason, type ProjectRole } from '@studio/api';
import { ModalDialog } from '../../../components/modal-dialog';
import { errorMessage } from '../../../lib/error-message';
import '../projects.css';
import {
  useAddMember,
  useProjectMembers,
  useRemoveMember,
  useSession,
  useSetMemberRole,
} from '../../auth/api';

/** The Members button of a project's top bars, opening its members dialog. */
export function MembersButton({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="ghost" data-testid="open-members" onClick={() => setOpen(true)}>
        Members
      </button>
      {open && <ProjectMembersDialog projectId={projectId} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The project's settings for who may work in it: its members and their project roles. Owners (and admins)
 * add, change and remove members; everyone else sees the list with the controls disabled and the reason.
 */
export function ProjectMembersDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const session = useSession();
  const members = useProjectMembers(projectId);
  const add = useAddMember(projectId);
  const setRole = useSetMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [username, setUsername] = useState('');
  const [role, setNewRole] = useState<ProjectRole>('editor');
  const denied =
    projectDeniedReason(session.data?.actor.role, members.data?.myAccess ?? null, 'manageMembers') ??
    undefined;
  const error = add.error ?? setRole.error ?? remove.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ username: username.trim(), role }, { onSuccess: () => setUsername('') });
  };
  return (
    <ModalDialog label="Project members" testId="project-members" onCancel={onClose}>
      <div className="members-dialog">
        <h3>Members</h3>
        <p className="muted">
          Viewers and analysts see only the projects they are members of. Validators, approvers and admins
          reach every project by their role.
          {members.data && (
            <>
              {' '}
              Your access here:{' '}
              <strong data-testid="my-project-access">{members.data.myAccess ?? 'none'}</strong>.
            </>
          )}
        </p>
        <table className="data-table" data-testid="members-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Global role</th>
              <th>Project role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(members.data?.members ?? []).map((m) => (
              <tr key={m.userId} data-testid={`member-${m.username ?? m.userId}`}>
                <td>
                  {m.name} <span className="muted">{m.username}</span>
                </td>
                <td>{m.globalRole}</td>
                <td>
                  <select
                    aria-label={`Project role of ${m.name}`}
                    value={m.role}
                    disabled={!!denied || m.creator || setRole.isPending}
                    title={m.creator ? 'The creator of a project stays its owner.' : denied}
                    onChange={(e) =>
                      setRole.mutate({ userId: m.userId, role: e.target.value as ProjectRole })
                    }
                  >
                    {PROJECT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    className="ghost"
                    data-testid={`remove-member-${m.username ?? m.userId}`}
                    disabled={!!denied || m.creator || remove.isPending}
                    title={m.creator ? 'The creator of a project stays its owner.' : denied}
                    onClick={() => remove.mutate(m.userId)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="add-member-form" onSubmit={submit} data-testid="add-member-form">
          <input
            aria-label="Username to add"
            data-testid="member-username"
            placeholder="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={!!denied}
            title={denied}
            required
          />
          <select
            aria-label="Project role"
            data-testid="member-role"
            value={role}
            onChange={(e) => setNewRole(e.target.value as ProjectRole)}
            disabled={!!denied}
            title={denied}
          >
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="add-member" disabled={!!denied || add.isPending} title={denied}>
            Add member
          </button>
        </form>
        {denied && (
          <p className="muted" data-testid="members-denied">
            {denied}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="members-error">
            {errorMessage(error)}
          </p>
        )}
        <div className="actions">
          <button onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
