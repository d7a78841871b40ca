import { navigate } from './route';
import { EngineBadge } from './engine-badge';
import { AccountButton } from '../features/auth/account-button';
import { useCan } from '../features/auth/api';
import { ThemeToggle } from './theme-toggle';

/**
 * The app-wide links in the top bar of the pages outside a project (projects, datasets, every deployment), and at
 * the right end the engine badge (GPU or CPU).
 */
export function GlobalNav({ current }: { current: 'projects' | 'datasets' | 'deployments' | 'users' }) {
  const admin = useCan('admin');
  return (
    <>
      <nav className="topnav" aria-label="Studio">
        <button
          className={current === 'projects' ? 'active' : 'ghost'}
          data-testid="nav-projects"
          onClick={() => navigate({ screen: 'projects' })}
        >
          Projects
        </button>
        <button
          className={current === 'datasets' ? 'active' : 'ghost'}
          data-testid="nav-datasets"
          onClick={() => navigate({ screen: 'datasets-library' })}
        >
          Datasets
        </button>
        <button
          className={current === 'deployments' ? 'active' : 'ghost'}
          data-testid="nav-all-deployments"
          onClick={() => navigate({ screen: 'all-deployments' })}
        >
          Deployments
        </button>
        <button
          className={current === 'users' ? 'active' : 'ghost'}
          data-testid="nav-users"
          disabled={!admin.allowed}
          title={admin.reason}
          onClick={() => navigate({ screen: 'users' })}
        >
          Users
        </button>
      </nav>
      <EngineBadge />
      <ThemeToggle />
      <AccountButton />
    </>
  );
}
