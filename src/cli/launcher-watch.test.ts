// The process-tree rule (issue 10, point 6): whichever process was started — `node bin/rightscity.js
// serve` under the system's older Node (which hands over to the project's Node 24), or `npm start` —
// stopping it with SIGTERM, SIGINT or SIGKILL stops the server and frees its port. The server runs a
// stand-in build (a handler.js answering "ok"), so no app build is needed; each case is bounded.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { goneLauncher, launchersOf, procStat } from './launcher-watch.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SYSTEM_NODE = '/usr/bin/node';
/** The case of the issue: a system Node too old for the CLI, which hands over to Node 24. */
const systemNodeIsOld = (() => {
	try {
		const [major = 0, minor = 0] = execFileSync(SYSTEM_NODE, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '').split('.').map(Number);
		return !(major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18));
	} catch {
		return false;
	}
})();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-tree-'));
const buildDir = path.join(dir, 'build');
fs.mkdirSync(buildDir);
fs.writeFileSync(path.join(buildDir, 'handler.js'), "export const handler = (request, response) => response.end('ok');\n");
const started: ChildProcess[] = [];
/** Every process of the tree, so that a failing case leaves no server behind. */
const tree = new Set<number>();
afterEach(() => {
	for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	for (const pid of tree) if (alive(pid)) process.kill(pid, 'SIGKILL');
	tree.clear();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer().once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

const portOpen = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});

/** Every descendant of `pid` (from /proc), nearest first. */
function descendants(pid: number): number[] {
	const children = fs
		.readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map(Number)
		.filter((candidate) => procStat(candidate)?.ppid === pid);
	return children.flatMap((child) => [child, ...descendants(child)]);
}
const alive = (pid: number) => {
	const stat = procStat(pid);
	return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
};
const isServer = (pid: number) => {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes('rightscity.js serve');
	} catch {
		return false;
	}
};

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Starts `command`, waits for the server to listen, returns the launcher and the server's pid. */
async function start(command: string, args: string[]): Promise<{ launcher: ChildProcess; server: number; port: number }> {
	const port = await freePort();
	const launcher = spawn(command, args, {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), SEED_DEMO: 'false', BUILD_DIR: buildDir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	started.push(launcher);
	let output = '';
	launcher.stdout!.on('data', (chunk) => (output += chunk));
	launcher.stderr!.on('data', (chunk) => (output += chunk));
	await until(() => output.includes('is listening on') || launcher.exitCode !== null, 60_000, `the server to listen (${output})`);
	expect(output).toContain('is listening on');
	const below = descendants(launcher.pid!);
	for (const pid of below) tree.add(pid);
	const server = below.find(isServer) ?? (isServer(launcher.pid!) ? launcher.pid! : undefined);
	expect(server, 'the server process').toBeDefined();
	expect(await portOpen(port)).toBe(true);
	return { launcher, server: server!, port };
}

async function expectStopped(server: number, port: number) {
	await until(async () => !alive(server) && !(await portOpen(port)), 20_000, `server ${server} to stop and port ${port} to be free`);
}

describe('one process tree', { timeout: 120_000 }, () => {
	it.skipIf(!systemNodeIsOld)('stops the Node 24 server when the older-Node launcher gets SIGTERM, SIGINT or SIGKILL', async () => {
		for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
			const { launcher, server, port } = await start(SYSTEM_NODE, ['bin/rightscity.js', 'serve']);
			expect(server, 'a separate Node 24 child').not.toBe(launcher.pid);
			launcher.kill(signal);
			await expectStopped(server, port);
		}
	});

	it('stops the server when `npm start` is killed outright (SIGKILL)', async () => {
		const { launcher, server, port } = await start('npm', ['start', '--silent']);
		expect(server).not.toBe(launcher.pid);
		launcher.kill('SIGKILL');
		await expectStopped(server, port);
	});

	it('watches nothing for a server started directly, and finds a re-parented ancestor gone', () => {
		expect(launchersOf({}, process.ppid)).toEqual([]);
		const self = procStat(process.pid)!;
		// This test process as its own "launcher": watched while its parent stays the same.
		const watched = launchersOf({ RIGHTSCITY_LAUNCHER_PID: String(process.pid) }, process.pid);
		expect(watched).toEqual([{ pid: process.pid, ppid: self.ppid }]);
		expect(goneLauncher(watched, process.pid)).toBeUndefined();
		expect(goneLauncher([{ pid: process.pid, ppid: self.ppid + 1 }], process.pid)).toEqual({ pid: process.pid, ppid: self.ppid + 1 });
		expect(goneLauncher(watched, 1)).toBe(watched[0]);
	});
});
