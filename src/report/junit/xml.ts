/**
 * Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF), plus the C1
 * controls it discourages: captured hits and page text carry them, and one makes the whole file
 * unreadable to a CI server's parser.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content: forbidden characters dropped, markup escaped. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value: as text, plus quotes, and line breaks kept (a parser would fold them into spaces). */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** An XML node: a tag with attributes (undefined ones left out), and child nodes or escaped text. */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlNode[];
  text?: string;
}

export function renderXml(node: XmlNode, indent = ''): string {
  const attributes = Object.entries(node.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
  if (node.text !== undefined) return `${indent}<${node.name}${attributes}>${xmlText(node.text)}</${node.name}>`;
  if (!node.children?.length) return `${indent}<${node.name}${attributes}/>`;
  const children = node.children.map((child) => renderXml(child, `${indent}  `)).join('\n');
  return `${indent}<${node.name}${attributes}>\n${children}\n${indent}</${node.name}>`;
}

/** A whole document: declaration and root element. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(root)}\n`;
}
