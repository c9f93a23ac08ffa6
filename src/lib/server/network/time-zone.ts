/**
 * Wall-clock times in an IANA time zone and the UTC instants they name, through Intl (no time
 * zone data of our own): an event is entered as "14 October 2026, 09:30 in Asia/Seoul", stored
 * in UTC with its zone, and shown and written to iCalendar in that zone.
 *
 * @example
 *   zonedToUtc('2026-10-14T09:30', 'Asia/Seoul')          // '2026-10-14T00:30:00.000Z'
 *   utcToZoned('2026-10-14T00:30:00.000Z', 'Asia/Seoul')  // '2026-10-14T09:30'
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
	let format = formats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
		formats.set(zone, format);
	}
	return format;
}

/** The wall-clock fields of an instant in a zone. */
function fieldsAt(ms: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
	const parts = Object.fromEntries(formatFor(zone).formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
	return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

/** The zone's offset from UTC at an instant, in minutes (Seoul: 540). */
export function offsetMinutes(ms: number, zone: string): number {
	const f = fieldsAt(ms, zone);
	const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC instant (ISO) of a wall-clock time in a zone; undefined when that time does not exist
 * there (skipped when clocks go forward). A time that happens twice (clocks going back) is the first.
 */
export function zonedToUtc(local: string, zone: string): string | undefined {
	const match = LOCAL.exec(local);
	if (!match) return undefined;
	const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	if (Number.isNaN(wall)) return undefined;
	// Try the offsets in force around that time; keep the earliest instant that shows the wall time.
	const candidates = [...new Set([offsetMinutes(wall - 86_400_000, zone), offsetMinutes(wall, zone), offsetMinutes(wall + 86_400_000, zone)])]
		.map((offset) => wall - offset * 60_000)
		.filter((instant) => utcToZoned(new Date(instant).toISOString(), zone) === local)
		.sort((a, b) => a - b);
	return candidates.length ? new Date(candidates[0]!).toISOString() : undefined;
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm`) of a UTC instant in a zone. */
export function utcToZoned(iso: string, zone: string): string {
	const f = fieldsAt(Date.parse(iso), zone);
	const pad = (value: number, length = 2) => String(value).padStart(length, '0');
	return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** Where the zone's offset changes between two instants: [instant of change, offset before, offset after] (minutes). */
export function offsetTransitions(fromMs: number, toMs: number, zone: string): { at: number; from: number; to: number }[] {
	const transitions: { at: number; from: number; to: number }[] = [];
	const step = 6 * 3_600_000;
	let previous = offsetMinutes(fromMs, zone);
	for (let ms = fromMs + step; ms <= toMs; ms += step) {
		const current = offsetMinutes(ms, zone);
		if (current === previous) continue;
		// Narrow the change down to the minute.
		let low = ms - step;
		let high = ms;
		while (high - low > 60_000) {
			const middle = low + Math.floor((high - low) / 120_000) * 60_000;
			if (offsetMinutes(middle, zone) === previous) low = middle;
			else high = middle;
		}
		transitions.push({ at: high, from: previous, to: current });
		previous = current;
	}
	return transitions;
}
