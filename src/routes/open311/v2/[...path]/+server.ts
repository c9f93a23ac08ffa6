// Open311 GeoReport v2 (`/open311/v2/discovery.json`, `services.xml`, `requests.json`, …): one
// route hands the resource path to the concerns module's GeoReport implementation. Clients
// authenticate with an API key, never a session or a CSRF token (see http/csrf.ts).
import type { RequestHandler } from './$types';
import { open311BodyProblem, open311Response, type Open311Context } from '#lib/server/concerns/open311/open311.ts';
import { clientIp } from '#lib/server/http/forms.ts';
import { message } from '#lib/i18n/messages.ts';
import { ringOf } from '../../../cities/[slug=slug]/concerns/concerns.server.ts';

function contextOf(event: Parameters<RequestHandler>[0]): Open311Context {
	return {
		db: event.locals.db,
		ring: ringOf(event.locals),
		origin: event.locals.config.publicOrigin,
		ip: clientIp(event),
		locale: event.locals.locale,
		text: (key, params) => message(key, params)
	};
}

// A POST the form-body handler could not read (too large, not a form) arrives here as a GET: it gets the spec's error, not a list.
export const GET: RequestHandler = (event) =>
	event.locals.formProblem ? Promise.resolve(open311BodyProblem(event.params.path, event.locals.formProblem, contextOf(event))) : open311Response(event.params.path, event.request, event.url, contextOf(event));
export const POST: RequestHandler = (event) => open311Response(event.params.path, event.request, event.url, contextOf(event));
