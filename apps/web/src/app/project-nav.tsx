import type { ReactNode } from 'react';
import { useProject } from '../features/projects/api';
import { navigate } from './route';
import { ExportBundleLink } from '../features/projects/components/export-bundle-link';
import { AccountButton } from '../features/auth/account-button';
import { MembersButton } from '../features/projects/components/project-members';
import { ThemeToggle } from './theme-toggle';

type Section = 'graph' | 'runs' | 'data' | 'deployments';

/** The top bar of the pages around the editor: back to projects, the project's name, graph, runs and deployments links, bundle export. */
export function ProjectNav({
  projectId,
  current,
  children,
}: {
  projectId: string;
  current: Section;
  children?: ReactNode;
}) {
  const project = useProject(projectId);
  return (
    <header className="topbar">
      <button
        className="ghost"
        data-testid="back-to-projects"
        onClick={() => navigate({ screen: 'projects' })}
      >
        ← Projects
      </button>
      <span className="project-title" data-testid="project-title">
        {project.data?.name ?? '…'}
      </span>
      <nav className="topnav">
        <button
          className={current === 'graph' ? 'active' : 'ghost'}
          data-testid="nav-graph"
          onClick={() => navigate({ screen: 'editor', projectId })}
        >
          Graph
        </button>
        <button
          className={current === 'runs' ? 'active' : 'ghost'}
          data-testid="nav-runs"
          onClick={() => navigate({ screen: 'runs', projectId })}
        >
          Runs
        </button>
        <button
          className={current === 'deployments' ? 'active' : 'ghost'}
          data-testid="nav-deployments"
          onClick={() => navigate({ screen: 'deployments', projectId })}
        >
          Deployments
        </button>
      </nav>
      <span className="spacer" />
      {children}
      <MembersButton projectId={projectId} />
      <ExportBundleLink projectId={projectId} />
      <ThemeToggle />
      <AccountButton />
    </header>
  );
}
