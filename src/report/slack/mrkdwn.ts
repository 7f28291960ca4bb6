/**
 * A captured string made inert in Slack text: `&`, `<` and `>` are Slack's control characters
 * (links, @channel mentions), so they become entities; control characters are dropped.
 */
export function slackText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inside `code`: as slackText, and no backtick can close the span early. */
export function slackCode(value: string): string {
  return `\`${slackText(value).replace(/`/g, 'ˋ')}\``;
}

/** Cut to Slack's field limits (header 150, section 3000), marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut an entity in half: "&am" would show as text.
  const cut = text.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}
