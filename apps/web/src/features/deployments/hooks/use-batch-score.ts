import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { readResponse } from '../../../api/client';
import { apiErrorFromText } from '../../../api/api-error';
import { queryKeys } from '../../../api/query-keys';
import { countCsvRows, foldBatchEvent, startBatch, type BatchState } from '../batch-results';
import { readNdjson } from '../read-ndjson';

/**
 * Scores a CSV file against the live endpoint's `/predict/csv`, folding its NDJSON stream into a progress
 * state as lines arrive. Leaving the page aborts the upload.
 */
export function useBatchScore(deploymentId: string, url: string) {
  const qc = useQueryClient();
  const [state, setState] = useState<BatchState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File, key: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setRunning(true);
    try {
      const text = await file.text();
      let s = startBatch(countCsvRows(text));
      setState(s);
      const res = await fetch(`${url}/csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: text,
        signal: controller.signal,
      });
      if (!res.ok) {
        readResponse(res.status, await res.text());
        return;
      }
      if (!res.body) throw apiErrorFromText(res.status, 'The server sent no results. Try again.');
      for await (const event of readNdjson(res.body)) {
        s = foldBatchEvent(s, event);
        setState(s);
      }
    } catch (e) {
      if (!controller.signal.aborted) setError(e);
    } finally {
      if (abort.current === controller) setRunning(false);
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentStats(deploymentId) });
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentPredictions(deploymentId) });
    }
  };
  return { state, error, running, start };
}
