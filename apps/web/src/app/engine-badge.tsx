import type { EngineInfo } from '@studio/api';
import { useEngineInfo } from './api';

/** One line for the badge, and the longer explanation for its tooltip. */
export function describeEngine(info: EngineInfo): { label: string; detail: string } {
  const cpu = `CPU, ${info.threads} thread${info.threads === 1 ? '' : 's'}, ${info.simd.toUpperCase()} (INT8: ${info.int8.toUpperCase()})`;
  if (info.trainsOn === 'cuda') {
    const n = info.cuda.devices;
    return {
      label: `GPU · ${n} device${n === 1 ? '' : 's'}`,
      detail: `Neural networks train on CUDA (${n} device${n === 1 ? '' : 's'}); logistic solvers and predictions run on the ${cpu}.`,
    };
  }
  const why = !info.cuda.compiled
    ? 'this build has no CUDA backend'
    : (info.cuda.error ?? 'no CUDA device is available');
  return {
    label: `CPU · ${info.threads} thr`,
    detail: `Training and predictions run on the ${cpu}. No GPU: ${why}.`,
  };
}

/** Top-bar badge: where this server trains models (GPU or CPU), with the reason when no GPU is used. */
export function EngineBadge() {
  const info = useEngineInfo();
  if (!info.data) return null;
  const { label, detail } = describeEngine(info.data);
  return (
    <span
      className={`engine-badge ${info.data.trainsOn}`}
      data-testid="engine-badge"
      title={detail}
      aria-label={`Engine: ${detail}`}
    >
      {label}
    </span>
  );
}
