// @ts-check
/**
 * `npm run bench`: how fast `pricer.quote` is next to json-rules-engine (`toRulesEngine`) and a
 * bare nested Map holding the same price points, on the same requests, measured side by side in
 * one run. Timings on a shared machine are noisy, so it reports ratios of interleaved rounds
 * (median of rounds) and the targets they are held to. A script, not a test.
 *
 * The rules measured are the bundled ones with one model given several dated versions (all at
 * today's prices, so every contender sums the same credits): its quotes find their version by
 * binary search on every call, with and without an explicit instant. A price book on them (a
 * discount on every model, an overwrite of some points, a pin) is timed too.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createPricer, parseRuleSet, readRuleSources, toRulesEngine } from '../../dist/index.js';
import { BENCH_BOOK, PINNED_MODEL } from './bench-book.js';

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Start-up, each the median of fresh processes: the import of the package and the first
 * createPricer() inside one (after the module loader is warmed by a trivial import), and the wall
 * time of `pricing quote` next to `node -e 0`, interleaved.
 */
function startup(runs = 15) {
  const index = new URL('../../dist/index.js', import.meta.url).href;
  const inside = `await import('data:text/javascript,export default 0');
const t0 = performance.now(); const m = await import(${JSON.stringify(index)}); const t1 = performance.now();
m.createPricer(); const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1 }));`;
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const wall = (/** @type {string[]} */ args) => {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - start;
  };
  const imports = [];
  const loads = [];
  const bare = [];
  const quote = [];
  for (let i = 0; i < runs; i++) {
    const measured = JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', inside], { encoding: 'utf8' }).stdout);
    imports.push(measured.importMs);
    loads.push(measured.loadMs);
    bare.push(wall(['-e', '0']));
    quote.push(wall([cli, 'quote', 'sora-2-text-to-video', '--duration', '10', '--resolution', '1080p']));
  }
  return { importMs: median(imports), loadMs: median(loads), nodeMs: median(bare), quoteMs: median(quote) };
}

const VERSIONED = PINNED_MODEL;
const sources = readRuleSources().map((source) => {
  if (!source.file.endsWith('30-kling.json')) return source;
  const rules = JSON.parse(source.text);
  const model = rules.models.find((/** @type {{ id: string }} */ m) => m.id === VERSIONED);
  model.prices = [
    { price: model.price },
    ...['2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01'].map((from) => ({
      from,
      price: model.price,
      reason: 'benchmark: a version at the same price',
    })),
  ];
  delete model.price;
  return { file: source.file, text: JSON.stringify(rules) };
});
const ruleSet = parseRuleSet([...sources, BENCH_BOOK]);
const pricer = createPricer(ruleSet);
const AT = { at: Date.UTC(2026, 5, 1) };

/** One request per price point and mode, spelled as billing code sends them. */
const requests = pricer.pricePoints().flatMap((point) =>
  point.modes.map((mode) => ({
    model: point.model,
    prompt: 'a lighthouse at dusk',
    ...(point.duration === undefined ? {} : { duration: point.duration }),
    ...(point.resolution === undefined ? {} : { resolution: point.resolution }),
    ...(mode.startsWith('image-to-') ? { inputImageUrls: ['https://example.test/input.png'] } : {}),
  })),
);

/** The baseline: model → resolution → duration → credits, looked up with no validation at all. */
const bare = new Map();
for (const p of pricer.pricePoints()) {
  const byResolution = bare.get(p.model) ?? bare.set(p.model, new Map()).get(p.model);
  const byDuration = byResolution.get(p.resolution ?? '') ?? byResolution.set(p.resolution ?? '', new Map()).get(p.resolution ?? '');
  byDuration.set(p.duration ?? 0, p.credits);
}

const engine = toRulesEngine(ruleSet);

/** @param {number} iterations */
function runQuote(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) sum += pricer.quote(requests[i % requests.length]).credits;
  return sum;
}

/** @param {number} iterations */
function runQuoteAt(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) sum += pricer.quote(requests[i % requests.length], AT).credits;
  return sum;
}

const IN_BOOK = { ...AT, book: 'bench' };

/** @param {number} iterations */
function runQuoteInBook(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) sum += pricer.quote(requests[i % requests.length], IN_BOOK).credits;
  return sum;
}

/** @param {number} iterations */
function runBareMap(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    const r = /** @type {any} */ (requests[i % requests.length]);
    sum += bare
      .get(r.model)
      .get(r.resolution ?? '')
      .get(r.duration ?? 0);
  }
  return sum;
}

/** @param {number} iterations */
async function runEngine(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    const { events } = await engine.run({ ...requests[i % requests.length] });
    sum += events[0]?.params?.credits ?? 0;
  }
  return sum;
}

/** The credits of one pass over the requests: on the list, and in the book (each quoted once, outside the rounds). */
const listSum = requests.reduce((s, r) => s + pricer.quote(r).credits, 0);
const bookSum = requests.reduce((s, r) => s + pricer.quote(r, IN_BOOK).credits, 0);

/**
 * Nanoseconds per call of one round.
 * @param {(n: number) => number | Promise<number>} run
 * @param {number} iterations
 * @param {number} perPass - the credits one pass over the requests must sum to
 */
async function nsPerCall(run, iterations, perPass = listSum) {
  const start = performance.now();
  const sum = await run(iterations);
  const ns = ((performance.now() - start) * 1e6) / iterations;
  if (sum !== (perPass * iterations) / requests.length) throw new Error('benchmark summed the wrong credits');
  return ns;
}

const FAST = requests.length * 20_000;
const SLOW = requests.length * 20;
// Warm up every contender before measuring.
await nsPerCall(runQuote, FAST);
await nsPerCall(runQuoteAt, FAST);
await nsPerCall(runQuoteInBook, FAST, bookSum);
await nsPerCall(runBareMap, FAST);
await nsPerCall(runEngine, SLOW);

const rounds = {
  quote: /** @type {number[]} */ ([]),
  quoteAt: /** @type {number[]} */ ([]),
  inBook: /** @type {number[]} */ ([]),
  map: /** @type {number[]} */ ([]),
  engine: /** @type {number[]} */ ([]),
};
for (let round = 0; round < 7; round++) {
  rounds.quote.push(await nsPerCall(runQuote, FAST));
  rounds.quoteAt.push(await nsPerCall(runQuoteAt, FAST));
  rounds.inBook.push(await nsPerCall(runQuoteInBook, FAST, bookSum));
  rounds.map.push(await nsPerCall(runBareMap, FAST));
  rounds.engine.push(await nsPerCall(runEngine, SLOW));
}
const quoteNs = median(rounds.quote);
const quoteAtNs = median(rounds.quoteAt);
const inBookNs = median(rounds.inBook);
const mapNs = median(rounds.map);
const engineNs = median(rounds.engine);
const vsEngine = engineNs / quoteNs;
const vsMap = quoteNs / mapNs;

const mark = (/** @type {boolean} */ ok) => (ok ? 'target met' : 'TARGET MISSED');
const vsMapAt = quoteAtNs / mapNs;
console.log(
  `${requests.length} requests (every price point and mode; ${VERSIONED} with ${ruleSet.models.find((m) => m.id === VERSIONED)?.versions.length} dated versions), ${rounds.quote.length} interleaved rounds, median per call:`,
);
console.log(`  pricer.quote            ${quoteNs.toFixed(1).padStart(10)} ns`);
console.log(`  pricer.quote at instant ${quoteAtNs.toFixed(1).padStart(10)} ns`);
console.log(`  pricer.quote in a book  ${inBookNs.toFixed(1).padStart(10)} ns`);
console.log(`  bare nested Map lookup  ${mapNs.toFixed(1).padStart(10)} ns`);
console.log(`  json-rules-engine run   ${engineNs.toFixed(1).padStart(10)} ns`);
console.log(`quote is ${vsEngine.toFixed(0)}x faster than json-rules-engine (target: at least 200x): ${mark(vsEngine >= 200)}`);
console.log(`quote takes ${vsMap.toFixed(2)}x the time of a bare nested Map (target: within 5x): ${mark(vsMap <= 5)}`);
console.log(`quote at an instant takes ${vsMapAt.toFixed(2)}x the time of a bare nested Map (target: within 5x): ${mark(vsMapAt <= 5)}`);
console.log(`quote in a price book takes ${(inBookNs / mapNs).toFixed(2)}x the time of a bare nested Map (reported)`);
const start = startup();
console.log(`start-up, median of 15 fresh processes:`);
console.log(
  `  import of the package            ${start.importMs.toFixed(1).padStart(6)} ms (target: under 20 ms): ${mark(start.importMs < 20)}`,
);
console.log(
  `  first createPricer() (bundled)   ${start.loadMs.toFixed(1).padStart(6)} ms (target: under 10 ms): ${mark(start.loadMs < 10)}`,
);
console.log(`  node -e 0                        ${start.nodeMs.toFixed(1).padStart(6)} ms`);
console.log(
  `  pricing quote (wall time)        ${start.quoteMs.toFixed(1).padStart(6)} ms: ${(start.quoteMs / start.nodeMs).toFixed(2)}x node -e 0 (target: at most 1.5x): ${mark(start.quoteMs <= 1.5 * start.nodeMs)}`,
);
