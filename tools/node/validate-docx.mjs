#!/usr/bin/env node
// Validates several Office files in one process with the Open XML SDK (WebAssembly), so the
// runtime starts once: `node validate-docx.mjs [--office-version V] FILE…` prints a JSON object
// {file: [errors…]} (the same error objects as `ooxml-validate --output-format json`).
import { readFile } from "node:fs/promises";
import validate, { getFileFormatFromName } from "@ooxml-tools/validate";

const args = process.argv.slice(2);
let version = "Microsoft365";
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--office-version") version = args[++i];
  else files.push(args[i]);
}
const results = {};
for (const file of files) {
  results[file] = await validate(await readFile(file), getFileFormatFromName(file), version);
}
console.log(JSON.stringify(results, null, 2));
process.exit(0);
