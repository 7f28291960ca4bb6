import { closingIndex, objectMembers, tokenizeJson, type JsonToken } from './json-tokens.ts';

export type Scripts = Record<string, string>;

/** What adding scripts to an existing package.json did. */
export type ScriptsMerge =
  | { ok: true; text: string; added: string[]; kept: string[] }
  | { ok: false; reason: string };

/** A new package.json: name, private, the scripts; two-space indent as npm writes it. */
export function newPackageJson(name: string, scripts: Scripts): string {
  return `${JSON.stringify({ name, private: true, scripts }, null, 2)}\n`;
}

/**
 * Adds the scripts whose names are free to a package.json's text. The text is edited in place,
 * not re-serialised: its indentation, key order, line endings and every other byte are kept.
 */
export function addScripts(text: string, scripts: Scripts): ScriptsMerge {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  const existing = (parsed as { scripts?: unknown }).scripts;
  if (existing !== undefined && (!existing || typeof existing !== 'object' || Array.isArray(existing))) {
    return { ok: false, reason: '"scripts" is not an object' };
  }
  const taken = existing as Record<string, unknown> | undefined;
  const added = Object.keys(scripts).filter((name) => !taken || !Object.hasOwn(taken, name));
  const kept = Object.keys(scripts).filter((name) => !added.includes(name));
  if (!added.length) return { ok: true, text, added, kept };

  const tokens = tokenizeJson(text);
  const root = tokens.findIndex((token) => token.text === '{');
  const style = detectStyle(text);
  const entries = added.map((name) => `${JSON.stringify(name)}: ${JSON.stringify(scripts[name])}`);
  const scriptsMember = objectMembers(tokens, root).find((member) => member.key === 'scripts');
  const edited = scriptsMember
    ? insertMembers(text, tokens, scriptsMember.valueStart, entries, style)
    : insertMembers(text, tokens, root, [`"scripts": ${block(entries, indentBefore(text, tokens[root]!) + style.unit, style)}`], style);
  return { ok: true, text: edited, added, kept };
}

interface Style {
  /** One level of indentation: the file's own (tabs, two or four spaces). */
  unit: string;
  eol: string;
}

function detectStyle(text: string): Style {
  const indented = /^([ \t]+)\S/m.exec(text);
  return { unit: indented?.[1] ?? '  ', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Appends members to the object opened at tokens[open], laid out as its existing members are. */
function insertMembers(text: string, tokens: JsonToken[], open: number, entries: string[], style: Style): string {
  const close = closingIndex(tokens, open);
  const openToken = tokens[open]!;
  const closeToken = tokens[close]!;
  const ownIndent = indentBefore(text, tokens[open]!);
  if (close === open + 1) {
    // An empty object: written anew, one member per line.
    return text.slice(0, openToken.start) + block(entries, ownIndent, style) + text.slice(closeToken.end);
  }
  const lastValue = tokens[close - 1]!;
  const firstKey = tokens[open + 1]!;
  const between = text.slice(openToken.end, firstKey.start);
  // Members on their own lines: the new ones too, with the first member's indentation. Otherwise inline.
  const separator = between.includes('\n') ? `,${style.eol}${between.slice(between.lastIndexOf('\n') + 1)}` : ', ';
  return text.slice(0, lastValue.end) + entries.map((entry) => separator + entry).join('') + text.slice(lastValue.end);
}

/** `{`, one entry per line at `indent` + one level, `}` at `indent`. */
function block(entries: string[], indent: string, style: Style): string {
  const inner = indent + style.unit;
  return `{${style.eol}${entries.map((entry) => inner + entry).join(`,${style.eol}`)}${style.eol}${indent}}`;
}

/** The indentation of the line a token is on (for `"scripts": {`, the key's indentation). */
function indentBefore(text: string, token: JsonToken): string {
  const lineStart = text.lastIndexOf('\n', token.start) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
