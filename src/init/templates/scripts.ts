/** The npm scripts `tagwatch init` adds: the audit, and the release gate (`npm run tagwatch:check -- --base-url <preview>`). */
export const TAGWATCH_SCRIPTS = {
  tagwatch: 'tagwatch audit',
  'tagwatch:check': 'tagwatch check',
} as const;
