import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file only when there is none at that path (the check and the write are one step: the
 * `wx` flag), creating its folders. Returns 'kept' and leaves it as it is when it exists.
 */
export async function writeNewFile(projectDir: string, relativePath: string, content: string): Promise<'created' | 'kept'> {
  const path = join(projectDir, relativePath);
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFile(path, content, { flag: 'wx' });
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'kept';
    throw error;
  }
}
