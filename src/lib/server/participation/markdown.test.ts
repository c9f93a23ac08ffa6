import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown, safeUrl } from './markdown.ts';

describe('renderMarkdown', () => {
	it('renders paragraphs, line breaks, lists, quotes and the inline constructs', () => {
		expect(renderMarkdown('One\ntwo\n\nThree')).toBe('<p>One<br>two</p><p>Three</p>');
		expect(renderMarkdown('- benches\n- shade\n* water')).toBe('<ul><li>benches</li><li>shade</li><li>water</li></ul>');
		expect(renderMarkdown('1. ask\n2) listen')).toBe('<ol><li>ask</li><li>listen</li></ol>');
		expect(renderMarkdown('> the council said\n> twice')).toBe('<blockquote><p>the council said<br>twice</p></blockquote>');
		expect(renderMarkdown('**more** *shade* _now_ `code`')).toBe('<p><strong>more</strong> <em>shade</em> <em>now</em> <code>code</code></p>');
		expect(renderMarkdown('see [the map](https://example.org/a?b=1&c=2)')).toBe('<p>see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">the map</a></p>');
		expect(renderMarkdown('**bold with [a link](mailto:hrc@york.example)**')).toBe('<p><strong>bold with <a href="mailto:hrc@york.example" rel="nofollow ugc noopener noreferrer">a link</a></strong></p>');
	});

	it('keeps text in other scripts and snake_case words as they are', () => {
		expect(renderMarkdown('광주 인권 **도시**')).toBe('<p>광주 인권 <strong>도시</strong></p>');
		expect(renderMarkdown('حقوق الإنسان')).toBe('<p>حقوق الإنسان</p>');
		expect(renderMarkdown('snake_case_word')).toBe('<p>snake_case_word</p>');
	});

	it.each([
		['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
		['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
		['[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>'],
		['[click](JaVaScRiPt:alert(1))', '<p>[click](JaVaScRiPt:alert(1))</p>'],
		['[click](data:text/html;base64,PHNjcmlwdD4=)', '<p>[click](data:text/html;base64,PHNjcmlwdD4=)</p>'],
		['[click](vbscript:msgbox)', '<p>[click](vbscript:msgbox)</p>'],
		['[x](https://a.example/"onmouseover="alert(1))', '<p>[x](https://a.example/&quot;onmouseover=&quot;alert(1))</p>'],
		['[<b>x</b>](https://a.example)', '<p><a href="https://a.example/" rel="nofollow ugc noopener noreferrer">&lt;b&gt;x&lt;/b&gt;</a></p>'],
		['[x](https://a.example/"onmouseover="alert)', '<p><a href="https://a.example/%22onmouseover=%22alert" rel="nofollow ugc noopener noreferrer">x</a></p>'],
		['`<script>`', '<p><code>&lt;script&gt;</code></p>'],
		['**<svg onload=alert(1)>**', '<p><strong>&lt;svg onload=alert(1)&gt;</strong></p>'],
		['" onclick="alert(1)', '<p>&quot; onclick=&quot;alert(1)</p>'],
		["'><iframe src=//evil>", '<p>&#39;&gt;&lt;iframe src=//evil&gt;</p>'],
		['&lt;script&gt;', '<p>&amp;lt;script&amp;gt;</p>']
	])('renders %j harmlessly', (input, expected) => {
		const html = renderMarkdown(input);
		expect(html).toBe(expected);
		expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
		expect(html).not.toMatch(/href="(?!https?:|mailto:)/);
	});

	it('does not nest links in links and never produces an attribute from the text', () => {
		expect(renderMarkdown('[a [b](https://b.example)](https://a.example)')).not.toMatch(/<a[^>]*>[^<]*<a/);
		for (const html of [renderMarkdown('[x](https://e.example/?q="><script>)'), renderMarkdown('*x* [y](https://e.example/\'onfocus=\'alert(1))')]) {
			for (const tag of html.match(/<[^>]+>/g) ?? []) expect(tag).toMatch(/^<\/?(p|br|ul|ol|li|blockquote|strong|em|code|a)( href="[^"<>]*" rel="nofollow ugc noopener noreferrer")?>$/);
		}
	});

	it('stays quick on long and hostile input', () => {
		const hostile = `${'*'.repeat(5000)}${'[a]('.repeat(2000)}${'_'.repeat(5000)}`;
		const started = performance.now();
		renderMarkdown(hostile);
		renderMarkdown('x'.repeat(100_000));
		expect(performance.now() - started).toBeLessThan(500);
	});
});

describe('safeUrl', () => {
	it('allows http, https and mailto only', () => {
		expect(safeUrl('https://example.org')).toBe('https://example.org/');
		expect(safeUrl('mailto:a@b.example')).toBe('mailto:a@b.example');
		for (const bad of ['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/relative', '//evil.example']) expect(safeUrl(bad)).toBeUndefined();
	});
});

describe('plainText', () => {
	it('drops the markup and shortens', () => {
		expect(plainText('**More** shade, see [map](https://e.example)\n- one\n- two')).toBe('More shade, see map one two');
		expect(plainText('a'.repeat(400), 10)).toBe('aaaaaaaaa…');
	});
});
