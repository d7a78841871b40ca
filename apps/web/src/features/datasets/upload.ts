import type { Dataset } from '@studio/api';
import { apiErrorFromText } from '../../api/api-error';
import { readResponse, seg } from '../../api/client';

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
    xhr.open('POST', `/api/projects/${seg(projectId)}/datasets`);
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
