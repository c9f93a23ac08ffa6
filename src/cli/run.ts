// Entry point of the `rightscity` command (see bin/rightscity.js).
import fs from 'node:fs';
import { main } from './main.ts';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
process.exitCode = await main(process.argv.slice(2));
