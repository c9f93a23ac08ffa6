// Browser tests against the built server (npm run build first), in Debian's Chromium.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
// Set once in the main process; workers inherit it, so tests can open the server's database.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `rightscity-e2e-${Date.now()}`);
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
	testDir: 'tests/e2e',
	// Spec files run side by side (each test inside a file in order); E2E_WORKERS=1 runs them one by one.
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	// A test's own steps; each axe pass adds its time (tests/e2e/fixtures.ts).
	timeout: 60_000,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	// The authorization matrix posts every form as every kind of user (York's profile saved as
	// "York", cities created…), so it runs after the specs that check what they saved; the fuzz
	// spec runs last: the rate limits it trips must not meet anyone's sign-ins.
	projects: [
		{ name: 'browser', testIgnore: /(fuzz|authorization-matrix)\.spec\.ts$/ },
		{ name: 'matrix', testMatch: /authorization-matrix\.spec\.ts$/, dependencies: ['browser'] },
		{ name: 'fuzz', testMatch: /fuzz\.spec\.ts$/, dependencies: ['matrix'] }
	],
	webServer: {
		command: `rm -rf "${dataDir}" && node bin/rightscity.js serve`,
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', EXPOSE_OUTBOX: 'true', CONCERNS_KEYS: 'development' },
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
