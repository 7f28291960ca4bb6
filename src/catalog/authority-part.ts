/**
 * A vendor pattern written `^https?:\/\/<host part>\/<rest>`, split where its host part ends,
 * when that part provably cannot match a '/' and is followed by a literal (unquantified) `\/`.
 * Such a pattern matches a URL exactly when the host part matches the URL's whole authority
 * (between `://` and the first '/') and `\/<rest>` matches at that first '/': the authority
 * alone rules most vendors out, and the rest is tried from the slash on.
 *
 * Undefined whenever the part is not read with certainty (anything that could match '/', look
 * around, anchor or refer back): the pattern is then tried whole, which is merely slower.
 * `tail` is the pattern source after `^https?:\/\/`; patterns with flags are never given.
 */
export function authorityPart(tail: string): { host: string; rest: string } | undefined {
  let depth = 0;
  for (let i = 0; i < tail.length; i++) {
    const char = tail[i]!;
    if (char === '\\') {
      const next = tail[i + 1];
      if (next === '/') {
        const rest = tail.slice(i + 2);
        if (depth !== 0 || /^[?*+{]/.test(rest)) return undefined;
        return { host: tail.slice(0, i), rest };
      }
      // \w \d \s and escaped punctuation other than '/': never a slash.
      if (next === undefined || !/^[wds.\-_:~!$&'*+,;=@%^?(){}[\]|#]$/.test(next)) return undefined;
      i++;
    } else if (char === '[') {
      const end = classEnd(tail, i);
      if (end < 0 || !classExcludesSlash(tail.slice(i + 1, end))) return undefined;
      i = end;
    } else if (char === '(') {
      // Plain and non-capturing groups only: no lookaround, no named group.
      if (tail[i + 1] === '?') {
        if (tail[i + 2] !== ':') return undefined;
        i += 2;
      }
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (char === '|') {
      if (depth === 0) return undefined;
    } else if (char === '.' || char === '^' || char === '$' || char === '/') {
      return undefined;
    }
    // Anything else is a literal character or a quantifier (?, *, +, {n,m}): never a slash.
  }
  return undefined;
}

/** Index of the ']' closing the class opened at `start`, or -1. */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** What a class member is: one character (its code), or a class escape (`\w`, `\d`, `\s`). */
type Member = { code: number; escaped: boolean } | 'set';

/**
 * Whether a class body (between the brackets) cannot match '/': a negated class naming '/'
 * (whatever else it names, it only excludes more), or a class whose characters and ranges all
 * leave '/' out. Escapes it does not read with certainty make it "may match".
 */
function classExcludesSlash(body: string): boolean {
  const negated = body.startsWith('^');
  const members: Member[] = [];
  for (let i = negated ? 1 : 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      members.push({ code: body.charCodeAt(i), escaped: false });
      continue;
    }
    const escaped = body[++i];
    if (escaped === 'w' || escaped === 'd' || escaped === 's') members.push('set');
    // \W \D \S \b \xhh \uhhhh \cX, octal...: not read here.
    else if (escaped === undefined || /[a-zA-Z0-9]/.test(escaped)) return false;
    else members.push({ code: escaped.charCodeAt(0), escaped: true });
  }
  const SLASH = 0x2f;
  if (negated) return members.some((member) => member !== 'set' && member.code === SLASH);
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    if (member === 'set') continue;
    if (member.code === SLASH) return false;
    // An unescaped '-' between two characters is a range.
    const low = members[i - 1];
    const high = members[i + 1];
    if (member.code === 0x2d && !member.escaped && low && high && low !== 'set' && high !== 'set' && low.code <= SLASH && SLASH <= high.code) return false;
  }
  return true;
}
