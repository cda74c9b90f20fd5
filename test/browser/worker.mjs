// The module Worker: the same work as the page, off the main thread, reported back with postMessage.
import * as lib from 'typed-mlp';
import { IRIS } from '../runtimes/iris-data.mjs';
import { workload } from '../runtimes/workload.mjs';

try {
  self.postMessage({ result: workload(lib, IRIS) });
} catch (e) {
  self.postMessage({ error: String(e && e.stack ? e.stack : e) });
}
