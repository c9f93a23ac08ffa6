#!/usr/bin/env node
// Part of `npm start`: builds the app when there is no build yet or the sources are newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.resolve(root, process.env.BUILD_DIR || 'build', 'handler.js');

function newestChange(entry) {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(entry)) {
		if (child === 'generated') continue; // the compiled messages, made by the build itself
		newest = Math.max(newest, newestChange(path.join(entry, child)));
	}
	return newest;
}

const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = ['src', 'static', 'vite.config.ts', 'package.json'];
const changedAt = Math.max(...sources.map((source) => newestChange(path.join(root, source))));
if (changedAt > builtAt) {
	console.log(builtAt ? 'Sources changed since the last build: building…' : 'Building the app (first start)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
