/** CLI commands of the commitments module (ledger verification, action-plan import/export). */
import type { Command } from './command.ts';

export const commitmentCommands: Command[] = [];
