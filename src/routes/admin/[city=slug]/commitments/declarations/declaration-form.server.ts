// A declaration's form fields as the service's input, and a stored declaration as form values.
import type { DeclarationInput } from '#lib/server/commitments/commitments.schema.ts';
import type { Declaration } from '#lib/server/commitments/commitments.types.ts';
import { list, localized, text } from '../form-input.server.ts';
import { localizedValues } from '../text.ts';

export function declarationInput(form: FormData): DeclarationInput {
	return {
		title: localized(form, 'title'),
		adoptedOn: text(form, 'adoptedOn'),
		adoptedBy: text(form, 'adoptedBy') ?? '',
		process: (text(form, 'process') ?? '') as DeclarationInput['process'],
		instruments: list(form, 'instruments') as DeclarationInput['instruments'],
		fullText: localized(form, 'fullText'),
		sourceUrl: text(form, 'sourceUrl')
	};
}

export function declarationValues(declaration: Declaration | undefined): Record<string, string> {
	if (!declaration) return { adoptedBy: 'council_decision', process: 'formal' };
	return {
		...localizedValues('title', declaration.title),
		...localizedValues('fullText', declaration.fullText),
		adoptedOn: declaration.adoptedOn ?? '',
		adoptedBy: declaration.adoptedBy,
		process: declaration.process,
		instruments: declaration.instruments.join('\n'),
		sourceUrl: declaration.sourceUrl ?? ''
	};
}
