// The lists' worker (batch.html): CSV lists, with the lists' WASM module
// (src/wasm_batch.rs, loaded here, never by index.html). What it does is
// batch-serve.js's; xlsx-worker.js does the same with the workbooks' module.
import * as lists from 'yibao-batch';
import { serve } from './batch-serve.js';

serve(lists, 'yibao-batch_bg.wasm');
