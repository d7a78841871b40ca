import { useState } from 'react';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dataset, DatasetLibraryEntry, DatasetProfile, Project } from '@studio/api';
import type { TableProfile } from '@studio/data';
import { apiErrorFromText } from '../../api/api-error';
import { apiFetch, readResponse } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';

/** Server state: the datasets uploaded to a project (with their column schemas, for the inspector's selects). */
export function useDatasets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.datasets(projectId),
    queryFn: () => apiFetch<Dataset[]>('GET', paths.projectDatasets(projectId)),
  });
}

/** A dataset with the name of the project it was uploaded to (the template gallery lists them all). */
export interface DatasetChoice {
  dataset: Dataset;
  projectName: string;
}

/** Server state: every dataset of the listed projects, newest project first (shares the per-project cache). */
export function useAllDatasets(projects: readonly Project[]): DatasetChoice[] {
  const results = useQueries({
    queries: projects.map((p) => ({
      queryKey: queryKeys.datasets(p.id),
      queryFn: () => apiFetch<Dataset[]>('GET', paths.projectDatasets(p.id)),
    })),
  });
  return results.flatMap((r, i) =>
    (r.data ?? []).map((dataset) => ({ dataset, projectName: projects[i]?.name ?? '' })),
  );
}

/** Server state: the library, every stored file once (by content hash) with its uploaders and projects. */
export function useDatasetLibrary(enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.datasetLibrary,
    queryFn: () => apiFetch<DatasetLibraryEntry[]>('GET', paths.datasetLibrary()),
  });
}

/** Copies a library dataset into a project; refreshes the project's datasets and the library. */
export function useCopyDataset(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (datasetId: string) =>
      apiFetch<Dataset>('POST', paths.projectDatasetCopy(projectId), { datasetId }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.datasets(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.datasetLibrary });
    },
  });
}

/** Server state: one dataset with its column schema. */
export function useDataset(datasetId: string) {
  return useQuery({
    queryKey: queryKeys.dataset(datasetId),
    queryFn: () => apiFetch<Dataset>('GET', paths.dataset(datasetId)),
  });
}

/**
 * Server state: the profile of a dataset; with a target column it also carries bad rates per bin and the
 * leakage warnings. The previous profile stays on screen while another target's loads.
 */
export function useDatasetProfile(datasetId: string, target: string | null, enabled = true) {
  return useQuery({
    enabled: enabled && datasetId !== '',
    queryKey: queryKeys.profile(datasetId, target),
    queryFn: () => apiFetch<DatasetProfile>('GET', paths.datasetProfile(datasetId, target || null)),
    // The wire type leaves `profile` open (a record); it is packages/data's TableProfile, made JSON-safe.
    select: (body) => body.profile as unknown as TableProfile,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

/**
 * Uploads a CSV as multipart field `file`. XHR rather than fetch because only XHR reports upload progress,
 * which the drop zone shows as a bar.
 */
export function uploadDataset(
  projectId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Dataset> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', paths.projectDatasets(projectId));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(readResponse<Dataset>(xhr.status, xhr.responseText));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () =>
      reject(apiErrorFromText(0, 'The upload was interrupted. Check the connection and try again.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Uploads a CSV with progress (0..1, null when idle) and refreshes the project's datasets and audit. */
export function useUploadDataset(projectId: string) {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => uploadDataset(projectId, file, setProgress),
    onMutate: () => setProgress(0),
    onSettled: () => {
      setProgress(null);
      void qc.invalidateQueries({ queryKey: queryKeys.datasets(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.datasetLibrary });
    },
  });
  return { ...mutation, progress };
}
