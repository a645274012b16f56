import { useCallback, useRef, useState } from 'react';
import { uploadMedia, type Media, type UploadKind } from '../../api/adminCatalog';
import { ApiError, describeError, fieldErrors, sentence } from '../../api/errors';
import { formatBytes, uploadRules } from './media';

export interface Upload {
  id: string;
  name: string;
  size: number;
  kind: UploadKind;
  /** 0…1 */
  progress: number;
  status: 'queued' | 'uploading' | 'failed';
  error?: string;
}

interface Job {
  id: string;
  kind: UploadKind;
  fields: Record<string, Blob | string | undefined>;
  controller: AbortController;
}

/** The server's refusal in words: its field messages, the size limit, or the general description. */
export function uploadError(error: unknown, kind: UploadKind): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return `The file is larger than the server accepts (${formatBytes(uploadRules[kind].maxBytes)} at most).`;
    if (error.status === 415) return `The server does not accept this type of file: send ${uploadRules[kind].label}.`;
    const fields = Object.values(fieldErrors(error));
    if (fields.length > 0) return fields.join(' ');
    if (error.status === 409 || error.status === 422) return sentence(error.message);
  }
  return describeError(error);
}

let lastId = 0;

/**
 * A queue of uploads sent one at a time (the server decodes and resizes each
 * image), each with its progress. Finished uploads leave the list (the media
 * list shows them); failed ones stay with the reason until dismissed.
 */
export function useUploads(productId: string, onUploaded: (media: Media, name: string) => void) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const queue = useRef<Job[]>([]);
  const running = useRef<Job | null>(null);
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  const update = useCallback((id: string, patch: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...patch } : u)));
  }, []);

  const pump = useCallback(async () => {
    if (running.current) return;
    const job = queue.current.shift();
    if (!job) return;
    running.current = job;
    update(job.id, { status: 'uploading' });
    let shown = 0;
    try {
      const media = await uploadMedia(productId, job.kind, job.fields, {
        signal: job.controller.signal,
        onProgress: (fraction) => {
          // Re-render per whole percent, not per progress event.
          if (fraction - shown >= 0.01 || fraction === 1) {
            shown = fraction;
            update(job.id, { progress: fraction });
          }
        },
      });
      setUploads((list) => list.filter((u) => u.id !== job.id));
      const file = job.fields.file;
      uploaded.current(media, file instanceof File ? file.name : 'The file');
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        setUploads((list) => list.filter((u) => u.id !== job.id));
      } else {
        update(job.id, { status: 'failed', error: uploadError(error, job.kind) });
      }
    } finally {
      running.current = null;
      void pump();
    }
  }, [productId, update]);

  /** Queues a file (already checked) with its form fields. */
  const add = useCallback(
    (kind: UploadKind, file: File, fields: Record<string, Blob | string | undefined>) => {
      lastId += 1;
      const id = `upload-${lastId}`;
      queue.current.push({ id, kind, fields: { ...fields, file }, controller: new AbortController() });
      setUploads((list) => [...list, { id, name: file.name, size: file.size, kind, progress: 0, status: 'queued' }]);
      void pump();
    },
    [pump],
  );

  /** Shows a file that was refused before sending (wrong type, too large). */
  const refuse = useCallback((kind: UploadKind, file: Pick<File, 'name' | 'size'>, error: string) => {
    lastId += 1;
    const id = `upload-${lastId}`; // read now: the updater below runs later
    setUploads((list) => [...list, { id, name: file.name, size: file.size, kind, progress: 0, status: 'failed', error }]);
  }, []);

  const cancel = useCallback((id: string) => {
    const waiting = queue.current.findIndex((j) => j.id === id);
    if (waiting >= 0) {
      queue.current.splice(waiting, 1);
      setUploads((list) => list.filter((u) => u.id !== id));
    }
    // A running upload: abort it; the pump removes it from the list.
    if (running.current?.id === id) running.current.controller.abort();
  }, []);

  const dismiss = useCallback((id: string) => setUploads((list) => list.filter((u) => u.id !== id)), []);

  return { uploads, add, refuse, cancel, dismiss };
}
