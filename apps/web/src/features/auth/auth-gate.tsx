import { useEffect, useRef, useState, type ReactNode } from 'react';
import { SIGNED_OUT_EVENT } from '../../api/client';
import { ModalDialog } from '../../components/modal-dialog';
import { paths } from '@studio/api/routes';
import { useAuthMethods, useSession } from './api';
import { SignInForm } from './sign-in-form';
import './auth.css';

/**
 * Shows the sign-in page until someone is signed in. Once this tab has had a session, an expired one never
 * unmounts the screens: a dialog asks to sign in again over them, so an unsaved graph stays where it is and
 * the action can be repeated after signing in.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const methods = useAuthMethods();
  const hadSession = useRef(false);
  const [expired, setExpired] = useState(false);
  if (session.data) hadSession.current = true;

  useEffect(() => {
    // Before any session, the sign-in page is already showing; the 401s of that state need nothing more.
    const onSignedOut = () => {
      if (hadSession.current) setExpired(true);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  if (session.isPending) return null;
  if (!hadSession.current && !session.data) {
    const invalidLink = new URLSearchParams(window.location.search).get('link') === 'invalid';
    return (
      <div className="sign-in-page" data-testid="sign-in-page">
        <div className="card sign-in-card">
          <h1>DeepSeek Studio</h1>
          <SignInForm
            note={
              invalidLink
                ? 'That sign-in link was already used or has expired. Sign in, or ask an admin for a new link.'
                : undefined
            }
          />
          {methods.data?.oidc && (
            <p className="sso">
              or{' '}
              <a href={paths.oidcStart()} data-testid="sign-in-oidc">
                Sign in with {methods.data.oidc.name}
              </a>
            </p>
          )}
        </div>
      </div>
    );
  }
  return (
    <>
      {children}
      {expired && (
        <ModalDialog role="alertdialog" label="Sign in again" testId="session-expired">
          <h3>Your session has ended</h3>
          <SignInForm
            note="Sign in again to carry on. Nothing on this page is lost: unsaved changes are still here."
            onSignedIn={() => setExpired(false)}
          />
        </ModalDialog>
      )}
    </>
  );
}
