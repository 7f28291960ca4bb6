/**
 * Captured strings (finding messages, order ids, the shop's own text) are untrusted: in an HTML
 * mail they must read as text, never as markup. Quotes too, for attribute values.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
