#!/usr/bin/env node
// The `rightscity` command. The CLI is TypeScript run by Node's built-in type stripping, which
// needs Node 22.18 or later; an older system Node hands over to the project's own Node 24
// (the `node` package in devDependencies), so `npx rightscity …` works on either.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const supported = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

if (supported) {
	// Node keeps the compiled (and type-stripped) modules in its cache folder under the system's
	// temporary folder: a command starts in about half the CPU time after its first run.
	module.enableCompileCache?.();
	await import('../src/cli/run.ts');
} else {
	const local = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
	if (!existsSync(local)) {
		console.error(`rightscity: Node ${process.versions.node} is too old (22.18 or later is needed). Run "npm install" to get the project's Node 24.`);
		process.exit(1);
	}
	// The child stops with this launcher: signals are passed on, and a launcher killed outright
	// (SIGKILL) is noticed by the child through RIGHTSCITY_LAUNCHER_PID (src/cli/launcher-watch.ts).
	const child = spawn(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, RIGHTSCITY_LAUNCHER_PID: String(process.pid) } });
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
