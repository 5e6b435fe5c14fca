import fs from 'node:fs';
import { readRecords } from './src/service/import-records';
(async () => {
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    let n = 0;
    for await (const b of readRecords(fs.createReadStream('/tmp/mizan-bench-20000.tmx', { highWaterMark: 1 << 16 }), { tm: 'bench', file: 'f', maxBytes: 1 << 30, chunk: 1000 })) n += b.ids.length;
    const c = process.cpuUsage(c0);
    console.log(n, ((c.user + c.system) / 1e3 / 20).toFixed(1), 'ms per 1000');
  }
})();
