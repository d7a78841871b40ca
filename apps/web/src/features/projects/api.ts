import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateProjectBody,
  FromTemplateBody,
  Project,
  ProjectDetail,
  Template,
  UpdateProjectBody,
} from '@studio/api';
import { apiFetch, readResponse } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';
import { navigate } from '../../app/route';

/** Server state: every project the current user can see. */
export function useProjects() {
  return useQuery({
    queryKey: queryKeys.projects,
    queryFn: () => apiFetch<Project[]>('GET', paths.projects()),
  });
}

/** Server state: one project with its head graph version. */
export function useProject(projectId: string) {
  return useQuery({
    queryKey: queryKeys.project(projectId),
    queryFn: () => apiFetch<ProjectDetail>('GET', paths.project(projectId)),
    // The editor owns the document once loaded; refetching on focus would fight unsaved edits.
    refetchOnWindowFocus: false,
  });
}

/** Creates a project and refreshes the list. */
export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => apiFetch<Project>('POST', paths.projects(), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

/** Renames a project or changes its description; refreshes the list and the project. */
export function useUpdateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: UpdateProjectBody }) =>
      apiFetch<Project>('PATCH', paths.project(projectId), body),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
      void qc.invalidateQueries({ queryKey: queryKeys.project(p.id) });
    },
  });
}

/** Deletes a project and refreshes the list. */
export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) => apiFetch<unknown>('DELETE', paths.project(projectId)),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

/** Server state: the ready-made graphs a project can start from. */
export function useTemplates() {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: () => apiFetch<Template[]>('GET', paths.templates()),
    staleTime: Infinity,
  });
}

/** Creates a project whose first version is a template's graph (on the demo data or a copy of `datasetId`). */
export function useCreateFromTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FromTemplateBody) =>
      apiFetch<ProjectDetail>('POST', paths.projectFromTemplate(), body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

/** Sends a project bundle (zip) to the server as a new project and opens it. */
export function useImportBundle() {
  const qc = useQueryClient();
  return useMutation({
    // A bundle modified since export is refused (409 BUNDLE_MODIFIED) until the user confirms it.
    mutationFn: async ({ file, confirmModified = false }: { file: File; confirmModified?: boolean }) => {
      const res = await fetch(paths.projectImport({ confirmModified }), {
        method: 'POST',
        headers: { 'content-type': 'application/zip', accept: 'application/json' },
        body: file,
      });
      return readResponse<ProjectDetail>(res.status, await res.text());
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
      navigate({ screen: 'editor', projectId: p.id });
    },
  });
}
