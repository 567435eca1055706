/**
 * Regression benchmarks: training time (QR least squares and gradient descent) per data set, and encrypted
 * prediction throughput (rows per second: quantise, encrypt, evaluate Σ w̃·ct + c, decrypt) per preset.
 */
import { getParams, keygen, seededRandom } from "../src/lwe/index.js";
import { DATASETS, encryptedPredict, loadDataset, trainLinearRegression } from "../src/regression/index.js";
import { type Measurement, time } from "./harness.js";

export function benchRegression(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const budget = options.quick ? 300 : 1500;
  for (const name of Object.keys(DATASETS)) {
    const d = DATASETS[name]!;
    const table = loadDataset(name);
    for (const method of ["ols", "gd"] as const) {
      const r = time(() => trainLinearRegression(table, { features: d.features, target: d.target, nBits: 8, dropMissing: true, method }), budget, 3, 200);
      out.push({ suite: "regression", name: `train (${method}) + quantise`, params: `${name}, ${d.features.length} features`, ...r });
    }
  }
  const d = DATASETS.cars!;
  const { model, data, test } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const rows = test.map((i) => data.x[i]!).slice(0, options.quick ? 16 : test.length);
  for (const preset of ["goldilocks-128", "f128-128"]) {
    const keys = keygen(getParams(preset), seededRandom(`bench-reg-${preset}`));
    for (const encryption of ["public", "secret"] as const) {
      const t0 = performance.now();
      const r = encryptedPredict(model.quantized, rows, keys, { encryption, random: seededRandom("bench-reg") });
      const ms = performance.now() - t0;
      if (!r.allEqual) throw new Error(`encrypted ≠ quantised at ${preset}`);
      out.push({
        suite: "regression",
        name: `encrypted prediction (${encryption}-key encryption), per row`,
        params: `${preset}, cars, ${d.features.length} features`,
        msPerOp: ms / rows.length,
        runs: rows.length,
        extra: { rowsPerSecond: (rows.length / ms) * 1000 },
      });
    }
  }
  return out;
}
