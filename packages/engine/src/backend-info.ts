/** What the engine can run on in this process. */
import { native, type NativeBackendInfo } from './binding';

export type BackendInfo = NativeBackendInfo;

/** Backends available now (always 'cpu'; 'cuda' when compiled in and a device is present). */
export function backendInfo(): BackendInfo {
  return native.backendInfo();
}
