/**
 * An SMTP server for tests, on 127.0.0.1 and a free port: it keeps what it receives, and can
 * refuse chosen recipients (temporarily with 451, for good with 550) or stop answering.
 *
 * @example
 *   const sink = await startSmtpSink({ refuse: { 'gone@example.org': 550 } });
 *   await deliverOutbox(db, smtpDelivery({ smtpUrl: sink.url, from: 'test@rights.example' }));
 *   expect(sink.received.map((mail) => mail.to)).toEqual(['a@example.org']);
 *   await sink.close();
 */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	to: string;
	from: string;
	/** The raw message (headers and body). */
	raw: string;
	messageId: string | undefined;
	subject: string | undefined;
}

export interface SmtpSink {
	url: string;
	port: number;
	received: ReceivedMail[];
	/** Recipients refused with this reply code (4xx: try later, 5xx: never). */
	refuse: Record<string, number>;
	close(): Promise<void>;
}

function header(raw: string, name: string): string | undefined {
	const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw.split(/\r?\n\r?\n/)[0] ?? '');
	return match?.[1]?.trim();
}

export async function startSmtpSink(options: { refuse?: Record<string, number> } = {}): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	const refuse: Record<string, number> = { ...options.refuse };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
		onRcptTo: (address, _session, callback) => {
			const code = refuse[address.address.toLowerCase()];
			if (code) {
				const error = new Error(code >= 500 ? 'No such mailbox' : 'Try again later') as Error & { responseCode: number };
				error.responseCode = code;
				return callback(error);
			}
			callback();
		},
		onData: (stream, session, callback) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				for (const recipient of session.envelope.rcptTo) {
					received.push({ to: recipient.address, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', raw, messageId: header(raw, 'Message-ID'), subject: header(raw, 'Subject') });
				}
				callback();
			});
		}
	});
	const port = await new Promise<number>((resolve, reject) => {
		server.on('error', reject);
		const listening = server.listen(0, '127.0.0.1', () => resolve((listening.address() as { port: number }).port));
	});
	return {
		url: `smtp://127.0.0.1:${port}`,
		port,
		received,
		refuse,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
