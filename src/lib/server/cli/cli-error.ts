/** A problem the CLI reports as one line (no stack trace), e.g. a port already in use. */
export class CliError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CliError';
	}
}
