/** What init did with one file, and the line that says so. */
export interface FileOutcome {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  status: 'created' | 'kept' | 'updated';
  /** `created monitors/shop.monitor.ts`, `kept .gitignore (exists)`, `added scripts ... to package.json`. */
  line: string;
}

export function created(path: string, note = ''): FileOutcome {
  return { path, status: 'created', line: `created ${path}${note ? ` (${note})` : ''}` };
}

export function kept(path: string, note = 'exists'): FileOutcome {
  return { path, status: 'kept', line: `kept ${path} (${note})` };
}
