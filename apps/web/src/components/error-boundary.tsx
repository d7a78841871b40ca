import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../lib/error-message';

interface State {
  error: unknown;
}

/**
 * Catches a render error in one screen so the rest of the Studio stays usable (a blank page tells nobody
 * anything). Keyed by the route in App, so navigating elsewhere starts a fresh boundary.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is where an engineer looks first; the component stack says which screen part broke.
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="page" style={{ padding: 24 }} role="alert" data-testid="screen-error">
        <h1>This screen could not be shown</h1>
        <p className="error-text">{errorMessage(this.state.error)}</p>
        <p>
          <a href="#/">Back to projects</a> or reload the page.
        </p>
      </div>
    );
  }
}
