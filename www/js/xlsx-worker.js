// The workbooks' worker (batch.html): started only when an Excel workbook
// is read (a list in .xlsx) or asked for (下载结果（Excel）), with the
// workbooks' WASM module (src/wasm_xlsx.rs: the lists' module and the CLI's
// workbook reader and writer). What it does is batch-serve.js's.
import * as lists from 'yibao-xlsx';
import { serve } from './batch-serve.js';

serve(lists, 'yibao-xlsx_bg.wasm');
