// A worker thread starts without tsx's loader (hooks are per thread): register it, then load the
// TypeScript module the thread was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
