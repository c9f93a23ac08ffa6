/**
 * Where uploaded files (evidence, attachments) live: behind a small interface, so a deployment can plug in object
 * storage. The default keeps files in a local directory (`<DATA_DIR>/files`), never in the
 * database. Writes go to a temporary file, are flushed to disk and renamed into place, so a
 * crash never leaves half a file under a key.
 *
 * @example
 *   const store = localFileStore(path.join(config.dataDir, 'files'));
 *   await store.put('york/0193…', bytes);
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface FileStore {
	put(key: string, bytes: Uint8Array): Promise<void>;
	/** The file as a web stream, or undefined when there is none under the key. */
	get(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
	remove(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/-]{0,200}$/;

function checkKey(key: string): void {
	// Keys are made by the app (city id / uuid), never by users; refuse anything else outright.
	if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`Invalid file key: ${key}`);
}

export function localFileStore(root: string): FileStore {
	return {
		async put(key, bytes) {
			checkKey(key);
			const target = path.join(root, key);
			await fs.promises.mkdir(path.dirname(target), { recursive: true });
			const temporary = `${target}.${process.pid}.tmp`;
			const handle = await fs.promises.open(temporary, 'w', 0o640);
			try {
				await handle.writeFile(bytes);
				await handle.sync();
			} finally {
				await handle.close();
			}
			await fs.promises.rename(temporary, target);
		},
		async get(key) {
			checkKey(key);
			try {
				const handle = await fs.promises.open(path.join(root, key), 'r');
				return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw error;
			}
		},
		async remove(key) {
			checkKey(key);
			await fs.promises.rm(path.join(root, key), { force: true });
		}
	};
}
