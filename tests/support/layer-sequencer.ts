import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Which layer's files start first: the long ones (whole audits), so none is left running alone at the end. */
const LAYER_ORDER: Record<string, number> = { e2e: 0, browser: 1, cli: 2, unit: 3 };

/**
 * Vitest's own order (longest first from its cache, else larger files first; failed first), but
 * e2e files before browser files before cli files before unit files instead of the projects in name order: on a
 * fresh clone (CI, no cache) an audit file started last kept one worker busy minutes after the
 * other had finished everything else.
 */
export default class LayerSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => LAYER_ORDER[file.project.name] ?? 3;
    // Array.prototype.sort is stable: vitest's order holds within each layer.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
