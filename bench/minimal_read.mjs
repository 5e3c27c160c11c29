// Runs bench/minimal_read.cpp built as WebAssembly (see its header):
//   node bench/minimal_read.mjs /tmp/minimal_read.mjs FILE
import { readFileSync } from 'node:fs';

const [modulePath, file] = process.argv.slice(2);
const factory = (await import(modulePath)).default;
const wasmBinary = readFileSync(modulePath.replace(/\.mjs$/, '.wasm'));
const m = await factory({ wasmBinary });
const bytes = readFileSync(file);
const text = m._buffer(bytes.length);
m.HEAPU8.set(bytes, text);
const names = ['none', 'row by row', 'block'];
for (let run = 0; run < 5; run++) {
  for (const lookup of [0, 1, 2]) {
    const t0 = performance.now();
    const rows = m._read_orders(text, bytes.length, lookup);
    const ms = performance.now() - t0;
    console.log(`${names[lookup].padEnd(10)} ${ms.toFixed(1).padStart(7)} ms ${(bytes.length / 1e3 / ms).toFixed(0).padStart(5)} MB/s  ${rows} rows`);
  }
}
