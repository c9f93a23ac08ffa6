/// <reference types="vitest/config" />
// Vite + SvelteKit configuration. SvelteKit 3 reads its options from the plugin call.
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		sveltekit({
			// BUILD_DIR and KIT_OUT_DIR let several builds live side by side (parallel work, CI).
			adapter: adapter({ out: process.env.BUILD_DIR || 'build', precompress: true }),
			outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
			// Every page renders on the server and works without JavaScript; forms post back as
			// plain HTML forms. The custom server in src/cli/serve.ts tells SvelteKit the real
			// protocol, so its origin check for form posts works over plain http too.
			paths: { origin: process.env.PUBLIC_ORIGIN || undefined, relative: false },
			// The origin check of form posts is made in src/lib/server/http/csrf.ts instead, with the
			// CSRF token: there it can leave out the Open311 API, whose clients send no Origin header.
			csrf: { trustedOrigins: ['*'] }
		})
	],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// One migrated database per dialect for the run; each test database is a copy of it.
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000,
		// Two files at a time (this machine has 2 CPUs): every test has its own SQLite file or
		// PostgreSQL schema, its own temporary folders and ports.
		fileParallelism: true,
		maxWorkers: 2
	}
});
