// Compiles contracts/src/*.sol with solc-js (no native solc: it cannot be downloaded here) into
// target/contracts/<Name>.abi and .bin, resolving @openzeppelin imports from node_modules.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'target', 'contracts');
fs.mkdirSync(outDir, { recursive: true });

const sources = {};
for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol'))) {
  sources[file] = { content: fs.readFileSync(path.join(srcDir, file), 'utf8') };
}

function findImports(importPath) {
  for (const base of [path.join(root, 'node_modules'), srcDir]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: 'not found: ' + importPath };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file] || {})) {
    if (!contract.evm.bytecode.object) {
      continue; // interfaces
    }
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), contract.evm.bytecode.object);
    console.log('compiled ' + name);
  }
}
