import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadDataset } from '../features/datasets/upload';
import { queryKeys } from '../api/query-keys';

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
    },
  });
  return { ...mutation, progress };
}
