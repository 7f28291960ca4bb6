/** The .gitignore written when the project has none: tagwatch's output, and node_modules for a new project. */
export const GITIGNORE = `node_modules/

# tagwatch: run reports (results.json, report.html, history.json) and Playwright's output
reports/
test-results/
`;

/** The entries a project's own .gitignore should have; init only says so, it never edits the file. */
export const GITIGNORE_ENTRIES = ['reports/', 'test-results/'];
