/**
 * Flags for a closed network. Without the background-networking ones Chromium keeps dialling
 * Google services that are unreachable here; consent banners such as some CMPs hide from
 * automated browsers unless AutomationControlled is off. Their own module, free of Playwright:
 * the audit's own process names them (a remote browser's launch options) without loading it.
 */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-blink-features=AutomationControlled',
];
