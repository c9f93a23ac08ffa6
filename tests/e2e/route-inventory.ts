// Discovers every route and form action from src/routes, so the authorization matrix covers new
// routes automatically (and fails until they get an entry).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Endpoint {
	/** e.g. 'GET /admin/[city=slug]/people' or 'POST /admin/[city=slug]/people?/grant' */
	key: string;
	method: string;
	route: string;
	action?: string;
}

const ROUTES = path.resolve('src/routes');

function routeOf(dir: string): string {
	const relative = path.relative(ROUTES, dir).split(path.sep).filter((part) => part && !/^\(.*\)$/.test(part));
	return `/${relative.join('/')}`;
}

function exportedNames(file: string): { exports: Set<string>; actions: string[] } {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const exports = new Set<string>();
	const actions: string[] = [];
	for (const statement of source.statements) {
		const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) exports.add(statement.name.text);
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				if (!ts.isIdentifier(declaration.name)) continue;
				exports.add(declaration.name.text);
				let init = declaration.initializer;
				while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
				if (declaration.name.text === 'actions' && init && ts.isObjectLiteralExpression(init)) {
					for (const property of init.properties) {
						const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
						if (name) actions.push(name);
					}
				}
			}
		}
	}
	return { exports, actions };
}

export function discoverEndpoints(): Endpoint[] {
	const endpoints: Endpoint[] = [];
	const walk = (dir: string) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		const route = routeOf(dir);
		const files = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
		if (files.has('+page.svelte')) endpoints.push({ key: `GET ${route}`, method: 'GET', route });
		for (const file of ['+page.server.ts', '+page.server.js']) {
			if (!files.has(file)) continue;
			for (const action of exportedNames(path.join(dir, file)).actions) {
				const suffix = action === 'default' ? '' : `?/${action}`;
				endpoints.push({ key: `POST ${route}${suffix}`, method: 'POST', route, action });
			}
		}
		for (const file of ['+server.ts', '+server.js']) {
			if (!files.has(file)) continue;
			for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
				if (exportedNames(path.join(dir, file)).exports.has(method)) endpoints.push({ key: `${method} ${route}`, method, route });
			}
		}
		for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name));
	};
	walk(ROUTES);
	return endpoints.sort((a, b) => a.key.localeCompare(b.key));
}
