import { navigate } from './route';
import { EngineBadge } from './engine-badge';
import { AccountButton } from '../features/auth/account-button';
import { ThemeToggle } from './theme-toggle';

/**
 * The app-wide links in the top bar of the pages outside a project (projects, datasets, every deployment), and at
 * the right end the engine badge (GPU or CPU).
 */
export function GlobalNav({ current }: { current: 'projects' | 'datasets' | 'deployments' }) {
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
      </nav>
      <EngineBadge />
      <ThemeToggle />
      <AccountButton />
    </>
  );
}
