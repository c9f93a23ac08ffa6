/**
 * A progress bar for long CLI jobs on stderr: rows, megabytes and rows per second (and a bar
 * with the percentage when the total size is known). On a terminal it redraws one line at most
 * ten times a second; otherwise (a log file, CI) it writes a plain line every few seconds.
 *
 * @example
 *   const progress = new ProgressBar({ label: 'Importing', totalBytes: 52_000_000 });
 *   progress.update(10_000, 600_000);
 *   progress.finish();
 */

export interface ProgressOutput {
	write(text: string): void;
	/** True on a terminal: redraw in place. */
	interactive: boolean;
}

export const stderrOutput: ProgressOutput = {
	write: (text) => process.stderr.write(text),
	interactive: Boolean(process.stderr.isTTY)
};

const BAR_WIDTH = 24;
const REDRAW_MS = 100;
const LOG_EVERY_MS = 5000;

const count = (value: number) => Math.round(value).toLocaleString('en');

export function formatProgress(rows: number, bytes: number, elapsedMs: number, totalBytes?: number): string {
	const megabytes = (bytes / 1_000_000).toFixed(1);
	const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
	const parts = [`${count(rows)} rows`, `${megabytes} MB`, `${count(rate)} rows/s`];
	if (totalBytes && totalBytes > 0) {
		const fraction = Math.min(1, bytes / totalBytes);
		const filled = Math.round(fraction * BAR_WIDTH);
		parts.unshift(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`);
	}
	return parts.join('  ');
}

export class ProgressBar {
	readonly #output: ProgressOutput;
	readonly #label: string;
	readonly #totalBytes: number | undefined;
	readonly #now: () => number;
	readonly #started: number;
	#lastDraw = -Infinity;
	#rows = 0;
	#bytes = 0;
	#drawn = false;

	constructor(options: { label: string; totalBytes?: number; output?: ProgressOutput; now?: () => number }) {
		this.#output = options.output ?? stderrOutput;
		this.#label = options.label;
		this.#totalBytes = options.totalBytes;
		this.#now = options.now ?? (() => performance.now());
		this.#started = this.#now();
	}

	update(rows: number, bytes: number): void {
		this.#rows = rows;
		this.#bytes = bytes;
		const now = this.#now();
		if (now - this.#lastDraw < (this.#output.interactive ? REDRAW_MS : LOG_EVERY_MS)) return;
		// The first plain line waits a while too, so short jobs print nothing but their result.
		if (!this.#output.interactive && this.#lastDraw === -Infinity) {
			this.#lastDraw = now;
			return;
		}
		this.#lastDraw = now;
		this.#draw(now);
	}

	/** Draws the final state (and ends the line on a terminal). */
	finish(): void {
		if (!this.#drawn && !this.#output.interactive) return;
		this.#draw(this.#now());
		if (this.#output.interactive) this.#output.write('\n');
	}

	#draw(now: number): void {
		const line = `${this.#label}  ${formatProgress(this.#rows, this.#bytes, now - this.#started, this.#totalBytes)}`;
		this.#output.write(this.#output.interactive ? `\r${line}\x1b[K` : `${line}\n`);
		this.#drawn = true;
	}
}
