// Loads the compiled addon; build it with `pnpm --filter @studio/native build`.
module.exports = require('./build/Release/studio_native.node');
