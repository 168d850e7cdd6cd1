/**
 * The Nest CLI's webpack configuration for apps/api, plus a second entry: the read models'
 * rebuild worker, which runs in a worker thread and so must be a file of its own beside main.js
 * (ProjectionEngine looks for it there).
 */
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'rebuild-worker': './libs/projections/src/rebuild-worker.ts',
  },
  output: {
    ...options.output,
    filename: join(dirname(options.output.filename), '[name].js'),
  },
});
