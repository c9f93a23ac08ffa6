/**
 * One process tree (issue 10, point 6): the server never outlives the process that was started.
 *
 * A signal the launcher can catch (SIGTERM, SIGINT) is passed on to the server by the launcher
 * itself (bin/rightscity.js, npm). SIGKILL cannot be caught, so the server watches its launchers:
 * the older-Node launcher of bin/rightscity.js (it names itself in RIGHTSCITY_LAUNCHER_PID) and,
 * when started by an npm script (`npm start`), every process between the server and npm, npm
 * included (they carry `npm_lifecycle_event` in their environment; npm itself does not). When one
 * of them is gone — it no longer exists, is a zombie, or was handed to another parent because its
 * own parent died — the server stops as on SIGTERM.
 *
 * A server started directly (systemd, a container, `nohup … serve &`) watches nothing: leaving
 * the shell that started it must not stop it. The ancestors are read from /proc (Linux); elsewhere
 * only the direct parent is watched, through `process.ppid`.
 */
import fs from 'node:fs';

/** A watched ancestor and the parent it had when the server started. */
export interface Watched {
	pid: number;
	ppid: number;
}

interface ProcStat {
	ppid: number;
	state: string;
}

/** `/proc/<pid>/stat`'s state and parent, or null when there is no such process (or no /proc). */
export function procStat(pid: number): ProcStat | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (2nd field) is in parentheses and may contain spaces.
		const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
		return { state: fields[0] ?? '', ppid: Number(fields[1]) };
	} catch {
		return null;
	}
}

function startedByNpmScript(pid: number): boolean | null {
	try {
		return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some((entry) => entry.startsWith('npm_lifecycle_event='));
	} catch {
		return null;
	}
}

/**
 * The ancestors to watch, nearest first: the bin launcher named in `env`, then, under an npm
 * script, each ancestor up to and including npm itself (at most eight steps up).
 */
export function launchersOf(env: NodeJS.ProcessEnv = process.env, parent = process.ppid): Watched[] {
	const watched: Watched[] = [];
	let launcher = Number(env.RIGHTSCITY_LAUNCHER_PID);
	const viaNpm = Boolean(env.npm_lifecycle_event);
	let pid = parent;
	for (let depth = 0; depth < 8 && pid > 1; depth++) {
		const stat = procStat(pid);
		if (pid === launcher) {
			watched.push({ pid, ppid: stat?.ppid ?? -1 });
			launcher = NaN;
			if (!stat) break;
			pid = stat.ppid;
			continue;
		}
		if (!viaNpm || !stat) break;
		watched.push({ pid, ppid: stat.ppid });
		// npm itself is the first ancestor outside the script's environment: the outermost watched.
		if (startedByNpmScript(pid) !== true) break;
		pid = stat.ppid;
	}
	return watched;
}

/** The first watched process that is gone (dead, a zombie, or re-parented), else undefined. */
export function goneLauncher(watched: readonly Watched[], parent = process.ppid): Watched | undefined {
	return watched.find((entry, index) => {
		// The direct parent through process.ppid works without /proc too.
		if (index === 0 && parent !== entry.pid) return true;
		const stat = procStat(entry.pid);
		if (!stat) return index > 0 || fs.existsSync('/proc/self/stat');
		return stat.state === 'Z' || stat.state === 'X' || (entry.ppid !== -1 && stat.ppid !== entry.ppid);
	});
}

/**
 * Calls `onGone` once when a launcher of this process is gone, checking every `intervalMs`.
 * The timer never keeps the process alive; the returned function stops watching.
 */
export function watchLaunchers(onGone: (gone: Watched) => void, { env = process.env, intervalMs = 250 }: { env?: NodeJS.ProcessEnv; intervalMs?: number } = {}): () => void {
	const watched = launchersOf(env);
	if (!watched.length) return () => {};
	const timer = setInterval(() => {
		const gone = goneLauncher(watched);
		if (!gone) return;
		clearInterval(timer);
		onGone(gone);
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
