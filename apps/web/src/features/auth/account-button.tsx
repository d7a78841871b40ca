import { navigate } from '../../app/route';
import { useSession } from './api';

/** Top-bar button: who is signed in and with which role; opens the account page. */
export function AccountButton() {
  const session = useSession();
  const actor = session.data?.actor;
  if (!actor) return null;
  return (
    <button
      className="ghost account-button"
      data-testid="account-button"
      title={`Signed in as ${actor.name} (${actor.role}). Account, password, tokens, sign out.`}
      onClick={() => navigate({ screen: 'account', welcome: false })}
    >
      {actor.name} · {actor.role}
    </button>
  );
}
