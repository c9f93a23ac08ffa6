#!/usr/bin/env node
// `npm run soak` (issue 10, point 5): bounded memory under a steady load. One app process on a
// scratch SQLite database: first its peak is measured (SOAK_PEAK_SECONDS of signed-in writers
// and anonymous readers as fast as they go), then it runs at half of that peak for SOAK_SECONDS
// (default 600, the issue's ten minutes; e.g. 90 for a quick run): writers recording
// observations through the staff form and readers of public pages in all six languages (cached
// and uncached: a new query string is a new page to render). The server's RSS is sampled every
// second from /proc; printed: RSS after the warm-up (the first fifth, at least 15 s), its
// highest, at the end of the load, and after SOAK_IDLE_SECONDS idle. Passes when the growth from
// warm-up to the end is below SOAK_MAX_GROWTH (default 0.10 = 10 %); exits 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanUpOnExit, ensureBuild, fmt, freePort, host, requireTypeStripping, stop, waitFor } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'soak');

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const peakSeconds = Number(process.env.SOAK_PEAK_SECONDS ?? 10);
const idleSeconds = Number(process.env.SOAK_IDLE_SECONDS ?? 10);
const maxGrowth = Number(process.env.SOAK_MAX_GROWTH ?? 0.1);
const writerCount = Number(process.env.SOAK_WRITERS ?? 16);
const readerCount = Number(process.env.SOAK_READERS ?? 8);
const warmUpSeconds = Math.max(15, seconds / 5);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-soak-'));
const children = new Set();

const { prepareWriters, readLoad, startServer, timer, writeLoad } = await import('./write-load.js');

cleanUpOnExit(children, dataDir);

/** Resident set size of a process (MiB), from /proc. */
function rssMiB(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

if (!ensureBuild(process.env.BUILD_DIR || 'build', { whenStale: true })) process.exit(1);
const port = await freePort();
const base = `http://${host}:${port}`;
const server = startServer(children, { port, dataDir, env: { DATABASE_URL: '' } });
await waitFor(`${base}/healthz`, server, 180_000);
const setup = await prepareWriters({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') }, writerCount);
const LOCALES = ['en', 'es', 'fr', 'ko', 'sv', 'ar'];
const PAGES = ['/', '/cities', '/cities/york', '/cities/york/commitments', '/cities/york/indicators', '/cities/york/ledger'];
/**
 * Public pages in every language (Accept-Language, so answered from the render cache); every
 * tenth request a ledger page (older than entry N, 400 of them) not asked for lately, so that
 * renders and evictions from the cache go on.
 */
const readPaths = (n) => (n % 10 === 9 ? `/cities/york/ledger?before=${(Math.floor(n / 10) % 400) + 1}` : PAGES[n % PAGES.length]);
const reading = { connections: readerCount, paths: readPaths, languages: LOCALES };

console.log(`soak — Node ${process.versions.node}, ${os.cpus().length} CPUs; setup: a staff account with ${writerCount} sessions made in the database`);
console.log(`Peak: ${writerCount} writers and ${readerCount} readers as fast as they go for ${peakSeconds} s…`);
const peakStop = timer(peakSeconds * 1000);
const [peakWrites, peakReads] = await Promise.all([writeLoad([base], setup, peakStop), readLoad([base], peakStop, reading)]);
const peakWriteRate = peakWrites.acknowledged.length / peakSeconds;
const peakReadRate = peakReads.requests / peakSeconds;
console.log(`  peak: ${fmt(peakWriteRate, 1)} writes/s, ${fmt(peakReadRate, 1)} reads/s`);

// Half of peak: each connection paced to its share of half the peak rate.
const writeInterval = peakWriteRate > 0 ? (1000 * writerCount) / (peakWriteRate / 2) : 1000;
const readInterval = peakReadRate > 0 ? (1000 * readerCount) / (peakReadRate / 2) : 1000;
console.log(`Soak: half of peak for ${seconds} s (warm-up ${fmt(warmUpSeconds)} s), RSS sampled each second…`);
const samples = [];
const sampler = setInterval(() => samples.push({ at: performance.now(), rss: rssMiB(server.pid) }), 1000);
const begun = performance.now();
const soakStop = timer(seconds * 1000);
const [writes, reads] = await Promise.all([
	writeLoad([base], setup, soakStop, { intervalMs: writeInterval }),
	readLoad([base], soakStop, { ...reading, intervalMs: readInterval })
]);
const ended = performance.now();
const endRss = rssMiB(server.pid);
await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
clearInterval(sampler);
const idleRss = rssMiB(server.pid);
const afterWarmUp = samples.filter((sample) => sample.at - begun >= warmUpSeconds * 1000 && sample.at <= ended);
const warmRss = afterWarmUp[0]?.rss ?? NaN;
const highest = Math.max(...afterWarmUp.map((sample) => sample.rss));
const growth = endRss / warmRss - 1;
const elapsed = (ended - begun) / 1000;
console.log(`  load: ${fmt(writes.acknowledged.length / elapsed, 1)} writes/s (p95 ${fmt(writes.p95, 1)} ms), ${fmt(reads.requests / elapsed, 1)} reads/s (p95 ${fmt(reads.p95, 1)} ms), ${reads.errors} read errors, other write answers: ${[...writes.other].map(([status, count]) => `${status || 'no answer'} ${count}`).join(', ') || 'none'}`);
console.log(`  RSS after warm-up ${fmt(warmRss, 1)} MiB, highest ${fmt(highest, 1)} MiB, at the end ${fmt(endRss, 1)} MiB (${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)} %), after ${idleSeconds} s idle ${fmt(idleRss, 1)} MiB`);
const pass = Number.isFinite(growth) && growth < maxGrowth;
console.log(pass ? `PASS: RSS grew ${fmt(growth * 100, 1)} % after warm-up (limit ${fmt(maxGrowth * 100)} %).` : `FAIL: RSS grew ${fmt(growth * 100, 1)} % after warm-up (limit ${fmt(maxGrowth * 100)} %).`);
await stop(server);
process.exit(pass ? 0 : 1);
