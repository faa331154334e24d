#!/usr/bin/env node
// Prints the parent PIN as the extension stores it (a salted PBKDF2-SHA-256 record), for the
// managed policy key `pinHash` (see www/extension/managed_schema.json):
//
//   node scripts/pin-hash.mjs            (asks for the PIN on stdin; it is not echoed back)
//
// The PIN itself goes nowhere: only the record is printed.
import { createInterface } from "node:readline";
import { hashPin, pinProblem } from "../www/extension/js/pin.js";

const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
if (process.stdin.isTTY) process.stderr.write("PIN: ");
const pin = await new Promise((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
rl.close();
const problem = pinProblem(pin);
if (problem) {
  console.error(problem === "pinTooLong" ? "the PIN can have at most 32 characters" : "the PIN needs at least 4 characters");
  process.exit(2);
}
console.log(JSON.stringify({ pinHash: await hashPin(pin) }, null, 2));
