import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { created, kept, type FileOutcome } from './file-outcome.ts';
import { packageNameFromFolder } from './names.ts';
import { addScripts, newPackageJson, type Scripts } from './package-json.ts';
import { writeNewFile } from './write-new-file.ts';

export interface PackageJsonOutcome extends FileOutcome {
  /** tagwatch is among the project's dependencies (else the next steps say to install it). */
  hasTagwatch: boolean;
}

/** Adds the scripts to the project's package.json, or writes a minimal one when it has none. */
export async function ensureScripts(projectDir: string, scripts: Scripts): Promise<PackageJsonOutcome> {
  const path = join(projectDir, 'package.json');
  const names = Object.keys(scripts).join(', ');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const content = newPackageJson(packageNameFromFolder(basename(projectDir)), scripts);
    const status = await writeNewFile(projectDir, 'package.json', content);
    // Written by someone else between the read and the write: theirs stays.
    if (status === 'kept') return { ...kept('package.json'), hasTagwatch: false };
    return { ...created('package.json', `scripts ${names}`), hasTagwatch: false };
  }

  const merge = addScripts(text, scripts);
  if (!merge.ok) {
    const byHand = Object.entries(scripts).map(([name, command]) => `${JSON.stringify(name)}: ${JSON.stringify(command)}`).join(', ');
    return { ...kept('package.json', `${merge.reason}; add the scripts by hand: ${byHand}`), hasTagwatch: false };
  }
  const hasTagwatch = dependsOnTagwatch(text);
  if (!merge.added.length) return { ...kept('package.json', `scripts ${merge.kept.join(', ')} exist`), hasTagwatch };
  await writeFile(path, merge.text);
  const keptNote = merge.kept.length ? ` (kept ${merge.kept.join(', ')}: ${merge.kept.length === 1 ? 'exists' : 'exist'})` : '';
  return { path: 'package.json', status: 'updated', line: `added scripts ${merge.added.join(', ')} to package.json${keptNote}`, hasTagwatch };
}

function dependsOnTagwatch(text: string): boolean {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  if (manifest.name === 'tagwatch') return true;
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = manifest[field];
    return !!deps && typeof deps === 'object' && Object.hasOwn(deps, 'tagwatch');
  });
}
