/** CLI commands of the indicators module (observation imports with a progress bar). */
import type { Command } from './command.ts';

export const indicatorCommands: Command[] = [];
