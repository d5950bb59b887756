// Entry of the index worker bundle (dist/server/indexWorker.js): a worker thread that parses
// and summarises closed files for summaryWorkerPool.ts.
import { serveIndexWorker } from './summaryWorkerPool';

serveIndexWorker();
