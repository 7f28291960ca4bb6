import { describe, expect, it } from 'vitest';
import { artifactHref, escapeHtml, jsonForScript, valueText, webHref } from '../../../src/report/html/escape.ts';

describe('escaping captured text for the HTML report', () => {
  it('escapes the five characters that end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(0)).toBe('0');
  });

  it('JSON for a script element: no `<`, `>` or line separators survive, and it parses back to the same value', () => {
    const value = { label: '</script><script>alert(1)</script><!--', sep: '\u2028\u2029', amp: '&' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>\u2028\u2029&]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('links only files the run kept: artifacts/<journey>/<file>', () => {
    expect(artifactHref('artifacts/baseline.purchase.r1/trace.zip')).toBe('artifacts/baseline.purchase.r1/trace.zip');
    for (const bad of ['javascript:alert(1)', '../../etc/passwd', 'artifacts/../x/y', 'artifacts/x/..', '/etc/passwd', 'artifacts/x/a.zip?x', 'https://evil.example/a/b', 'artifacts/x/"><b>', 42]) {
      expect(artifactHref(bad), String(bad)).toBeUndefined();
    }
  });

  it('source links are http(s) only', () => {
    expect(webHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(webHref('javascript:alert(1)')).toBeUndefined();
    expect(webHref(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(webHref('data:text/html,<script>')).toBeUndefined();
    expect(webHref('not a url')).toBeUndefined();
  });

  it('evidence values: strings as they are, anything else as JSON', () => {
    expect(valueText('a<b')).toBe('a<b');
    expect(valueText(['x', 1])).toBe('["x",1]');
    expect(valueText({ a: null })).toBe('{"a":null}');
  });
});
