// Reading a request to join from its form: the fields a city's and an organisation's request share.
import { formText } from '../network-view.server.ts';

/** The process, declaration, motivation, languages and contact, as the service's schema reads them. */
export function requestCommonOf(form: FormData) {
	return {
		process: formText(form, 'process') as 'formal',
		declaration: formText(form, 'declaration'),
		declarationUrl: formText(form, 'declarationUrl') || null,
		declaredOn: formText(form, 'declaredOn') || null,
		motivation: formText(form, 'motivation'),
		languages: formText(form, 'languages')
			.split(/[\s,;]+/)
			.filter(Boolean)
			.map((code) => code.toLowerCase()),
		contactName: formText(form, 'contactName'),
		contactRole: formText(form, 'contactRole'),
		contactEmail: formText(form, 'contactEmail')
	};
}
