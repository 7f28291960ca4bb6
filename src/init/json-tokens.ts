/** One token of a JSON text, with its place in the text. */
export interface JsonToken {
  kind: 'string' | 'punct' | 'literal';
  /** The token's text as written (a string token with its quotes). */
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a JSON text (already known to parse) into tokens with their offsets, so a file can be
 * edited in place: everything between tokens, the user's formatting, stays as it was.
 */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: text.slice(i, end + 1), start: i, end: end + 1 });
      i = end + 1;
    } else if ('{}[]:,'.includes(char)) {
      tokens.push({ kind: 'punct', text: char, start: i, end: i + 1 });
      i += 1;
    } else if (/\s/.test(char)) {
      i += 1;
    } else {
      let end = i;
      while (end < text.length && !/[\s{}[\]:,"]/.test(text[end]!)) end += 1;
      tokens.push({ kind: 'literal', text: text.slice(i, end), start: i, end });
      i = end;
    }
  }
  return tokens;
}

/** Index of the token closing the object or array opened at `open`. */
export function closingIndex(tokens: JsonToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'punct') continue;
    if (token.text === '{' || token.text === '[') depth += 1;
    else if (token.text === '}' || token.text === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error('unbalanced JSON');
}

/** A member of an object: its key token's index and its value's first and last token indexes. */
export interface JsonMember {
  key: string;
  keyIndex: number;
  valueStart: number;
  valueEnd: number;
}

/** The members of the object whose `{` is tokens[open], in order. */
export function objectMembers(tokens: JsonToken[], open: number): JsonMember[] {
  const close = closingIndex(tokens, open);
  const members: JsonMember[] = [];
  let i = open + 1;
  while (i < close) {
    const keyToken = tokens[i]!;
    const valueStart = i + 2; // key, ':'
    const first = tokens[valueStart]!;
    const valueEnd = first.kind === 'punct' && (first.text === '{' || first.text === '[') ? closingIndex(tokens, valueStart) : valueStart;
    members.push({ key: JSON.parse(keyToken.text) as string, keyIndex: i, valueStart, valueEnd });
    i = valueEnd + 1;
    if (tokens[i]?.text === ',') i += 1;
  }
  return members;
}
