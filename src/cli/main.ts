/**
 * The operators' command line: `rightscity <command> [options]`. Each command has `--help`;
 * problems end the process with one line naming them and a non-zero exit code.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from './commands.ts';
import type { Command } from '../lib/server/cli/command.ts';

function usage(): string {
	const width = Math.max(...commands.map((command) => command.name.length));
	return [
		'Usage: rightscity <command> [options]',
		'',
		'Commands:',
		...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
		'',
		'Run "rightscity <command> --help" for the options of a command.',
		'Configuration comes from the environment (and a .env file if present): see README.md.'
	].join('\n');
}

function commandHelp(command: Command): string {
	const lines = [`Usage: rightscity ${command.name}${command.options.length ? ' [options]' : ''}${command.positional ? ` ${command.positional}` : ''}`, '', command.summary];
	if (command.details) lines.push('', command.details);
	if (command.options.length) {
		lines.push('', 'Options:');
		for (const option of command.options) {
			const flag = option.type === 'string' ? `--${option.name} <${option.placeholder ?? 'value'}>` : `--${option.name}`;
			lines.push(`  ${flag.padEnd(24)}${option.description}`);
		}
	}
	lines.push(`  ${'--help'.padEnd(24)}Show this help`);
	return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		const topic = name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
		console.log(topic ? commandHelp(topic) : usage());
		return 0;
	}
	if (name === '--version' || name === '-v') {
		const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
		console.log(pkg.version);
		return 0;
	}
	const command = commands.find((candidate) => candidate.name === name);
	if (!command) {
		console.error(`rightscity: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
		return 2;
	}
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({
			args: rest,
			allowPositionals: Boolean(command.positional),
			options: {
				help: { type: 'boolean', short: 'h' },
				...Object.fromEntries(command.options.map((option) => [option.name, { type: option.type }]))
			}
		});
	} catch (error) {
		console.error(`rightscity ${name}: ${(error as Error).message.split('\n')[0]}. Run "rightscity ${name} --help".`);
		return 2;
	}
	if (parsed.values.help) {
		console.log(commandHelp(command));
		return 0;
	}
	try {
		return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
	} catch (error) {
		const known = error instanceof Error && ['ConfigError', 'DatabaseOpenError', 'MigrationError', 'CliError'].includes(error.name);
		console.error(`rightscity ${name}: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}`);
		return 1;
	}
}
