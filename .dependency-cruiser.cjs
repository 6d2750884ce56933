/**
 * The import rules of src/: the folders are the pipeline, in this order, and a module imports
 * only from its own folder or from folders before it. `npm run check:imports` (part of
 * `npm test`) fails on an import that runs back up the pipeline and on any import circle.
 */
const PIPELINE = ['primitives', 'rules', 'pricer', 'review', 'docs', 'usage', 'export', 'cli', 'build'];

/** For each folder, the rule that forbids importing any folder after it. */
const backUp = PIPELINE.slice(0, -1).map((folder, i) => ({
  name: `${folder}-imports-only-earlier-folders`,
  comment: `src/${folder}/ comes before ${PIPELINE.slice(i + 1).join(', ')} in the pipeline: it may not import them.`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${PIPELINE.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...backUp,
    {
      name: 'no-circular',
      comment: 'No module reaches itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'entries-only-re-export',
      comment: 'src/index.ts is the main entry: modules of the package import the module that defines a name, not the entry.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/(index|browser)\\.ts$' },
    },
    {
      name: 'every-module-in-a-pipeline-folder',
      comment: `Every module of src/ lives in one of the pipeline folders (${PIPELINE.join(', ')}); only the entries src/index.ts and src/browser.ts stand at the top.`,
      severity: 'error',
      from: { path: '^src/[^/]+$', pathNot: '^src/(index|browser)\\.ts$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.generated\\.cjs$' },
  },
};
