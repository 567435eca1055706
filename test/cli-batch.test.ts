// `encryptai prove --batch` and `verify` on several outputs (issue 15, items 1–3): real processes, real files. Rows of
// the cars regression in one proof, verified against the manifest and the user's own inputs and decrypted row by
// row; the 3-class penguins classifier, each row's three scores; and the bad batches: rows without --batch, a
// ciphertext count that is not whole rows, the verifier's rows fewer than the proof's (a batch under two keys: src/vm/batch.test.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATASETS, classFromScores, clearAccumulator, loadDataset, parseClassifier, parseModel, quantizeRow, quantizedScores, scoresFromAccumulators, selectClassification, selectNumeric } from "../src/regression/index.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("prove --batch: several rows of a model in one proof", () => {
  it("cars regression, 3 rows: one proof, verified against the manifest and your inputs, decrypted row by row", () => {
    expect(cli("train", "--dataset", "cars", "--bits", "8", "--out", f("cars.json")).code).toBe(0);
    const model = parseModel(readFileSync(f("cars.json"), "utf8")).model;
    const d = DATASETS.cars!;
    const data = selectNumeric(loadDataset("cars"), d.features, d.target, { dropMissing: true });
    const rows = data.x.slice(0, 3).map((r) => quantizeRow(model.quantized, r));
    expect(cli("lwe", "keygen", "--preset", "goldilocks-128", "--out", f("k"), "--seed", "b1").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("k.pk"), "--values", rows.flat().join(","), "--out", f("x.bin"), "--seed", "b2").code).toBe(0);

    // rows without --batch: refused, naming the rows and the flag
    const single = cli("prove", "--model", f("cars.json"), "--inputs", f("x.bin"), "--out", f("p.json"));
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/the model has 5 features, the input file holds 15 ciphertexts \(3 rows: prove them in one proof with --batch\)/);

    const p = cli("prove", "--model", f("cars.json"), "--inputs", f("x.bin"), "--batch", "--out", f("p.json"), "--output-ct", f("o.bin"), "--manifest-out", f("m.json"), "--json");
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ rows: 3, outputs: 3 });
    expect(JSON.parse(readFileSync(f("p.json"), "utf8"))).toMatchObject({ version: 4, rows: 3 });
    const trusted = ["--manifest", f("m.json"), "--inputs", f("x.bin")];
    const v = cli("verify", f("p.json"), ...trusted, "--decrypt", f("k.sk"), "--json");
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const want = rows.map((q) => [String(clearAccumulator(model.quantized, q))]);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, decryptedRows: want });
    expect(cli("verify", f("p.json"), ...trusted, "--decrypt", f("k.sk")).stdout).toMatch(/^decrypted outputs, 3 rows of 1 \(noise bounded by the verified statement\):\n {2}row 0: -?\d+/m);
    // the verifier's own output file, all three outputs
    expect(cli("verify", f("p.json"), ...trusted, "--output", f("o.bin")).stdout).toMatch(/^valid/m);
    // private weights: every segment proves the salted commitment, in zero knowledge
    const priv = cli("prove", "--model", f("cars.json"), "--inputs", f("x.bin"), "--batch", "--weights", "private", "--zk", "--out", f("pp3.json"), "--manifest-out", f("pm3.json"), "--json");
    expect(priv.code, priv.stderr).toBe(0);
    expect(JSON.parse(priv.stdout)).toMatchObject({ rows: 3, zeroKnowledge: true });
    const pv = cli("verify", f("pp3.json"), "--manifest", f("pm3.json"), "--inputs", f("x.bin"), "--decrypt", f("k.sk"), "--json");
    expect(JSON.parse(pv.stdout)).toMatchObject({ ok: true, decryptedRows: want });
  }, 300_000);

  it("fewer rows on the verifier's side, a count that is not whole rows: each named", () => {
    // (the files of the test above)
    expect(cli("lwe", "encrypt", "--pk", f("k.pk"), "--values", "1,2,3,4,5,6,7,8,9,10", "--out", f("two.bin"), "--seed", "b3").code).toBe(0);
    const fewer = cli("verify", f("p.json"), "--manifest", f("m.json"), "--inputs", f("two.bin"));
    expect(fewer.code).toBe(1);
    expect(fewer.stdout).toMatch(/^INVALID \(statement: rows\): the proof is about 3 rows, the verifier's input makes 2/m);
    expect(cli("lwe", "encrypt", "--pk", f("k.pk"), "--values", "1,2,3,4,5,6,7", "--out", f("seven.bin"), "--seed", "b4").code).toBe(0);
    const partial = cli("prove", "--model", f("cars.json"), "--inputs", f("seven.bin"), "--batch", "--out", f("q.json"));
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/--batch: the model has 5 features, the input file holds 7 ciphertexts: not whole rows/);
  }, 300_000);

  it("the penguins classifier: each row's three class scores in one proof; decoded, the quantised classes", () => {
    expect(cli("train", "--task", "classification", "--dataset", "penguins", "--bits", "8", "--out", f("species.json")).code).toBe(0);
    const m = parseClassifier(readFileSync(f("species.json"), "utf8")).model;
    const d = DATASETS.penguins!.classification!;
    const { data } = selectClassification(loadDataset("penguins"), d.features, d.target, { classes: m.classes, dropMissing: true });
    const raw = [data.x[0]!, data.x[150]!];
    const rows = raw.map((r) => quantizeRow(m.quantized[0]!, r));
    expect(cli("lwe", "encrypt", "--pk", f("k.pk"), "--values", rows.flat().join(","), "--out", f("px.bin"), "--seed", "b7").code).toBe(0);
    const p = cli("prove", "--model", f("species.json"), "--inputs", f("px.bin"), "--batch", "--out", f("pp.json"), "--manifest-out", f("pm.json"), "--json");
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ rows: 2, outputs: 6 });
    expect(JSON.parse(readFileSync(f("pm.json"), "utf8")).classes).toEqual(m.classes);
    const v = cli("verify", f("pp.json"), "--manifest", f("pm.json"), "--inputs", f("px.bin"), "--decrypt", f("k.sk"), "--json");
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const decrypted = (JSON.parse(v.stdout) as { decryptedRows: string[][] }).decryptedRows;
    expect(decrypted).toEqual(rows.map((q) => m.quantized.map((s) => String(clearAccumulator(s, q)))));
    const classes = decrypted.map((row) => classFromScores(scoresFromAccumulators(m.quantized, row.map(BigInt))));
    expect(classes).toEqual(raw.map((r) => classFromScores(quantizedScores(m.quantized, r))));
    // decode reads verify's rows: each row's class
    writeFileSync(f("pv.json"), v.stdout);
    const dec = cli("decode", "--model", f("species.json"), "--in", f("pv.json"), "--json");
    expect(dec.code, dec.stderr).toBe(0);
    expect((JSON.parse(dec.stdout) as { rows: { class: string }[] }).rows.map((r) => r.class)).toEqual(classes.map((c) => m.classes[c]));
    // a 5-class classifier does not fit the VM's stack: refused, naming the limit
    expect(cli("train", "--task", "classification", "--dataset", "seattle-weather", "--out", f("weather.json")).code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("k.pk"), "--values", "1,2,3,4", "--out", f("wx.bin"), "--seed", "b10").code).toBe(0);
    const five = cli("prove", "--model", f("weather.json"), "--inputs", f("wx.bin"), "--out", f("wp.json"));
    expect(five.code).toBe(2);
    expect(five.stderr).toMatch(/a 5-class classifier leaves 5 ciphertexts of 3 cells; the VM's 16 cells hold at most 4 scores/);
  }, 300_000);

  it("predict --encrypted --prove: every row proved in one proof, verified, and the verified results equal the quantised ones", () => {
    const c = cli("predict", "--model", f("species.json"), "--dataset", "penguins", "--split", "test", "--limit", "20", "--encrypted", "--prove", "--seed", "b8", "--json");
    expect(c.code, c.stderr).toBe(0);
    const r = JSON.parse(c.stdout) as { encryptedEqualsQuantized: boolean; proof: { verified: boolean; rows: number; policy: string }; predictions: { encrypted: string; quantized: string }[] };
    expect(r).toMatchObject({ encryptedEqualsQuantized: true, proof: { verified: true, rows: 20, policy: "default" } });
    expect(r.predictions.every((p) => p.encrypted === p.quantized)).toBe(true);
    const g = cli("predict", "--model", f("cars.json"), "--dataset", "cars", "--limit", "12", "--encrypted", "--prove", "--proof-out", f("pred.json"), "--seed", "b9");
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/^encrypted results equal the quantised model on all 12 rows: yes/m);
    expect(g.stdout).toMatch(/^proved: all 12 rows in one proof \(\d+\.\d KiB, \d+-row trace\) in \d+\.\d\d s; verified in \d+ ms under policy "default"/m);
    expect(JSON.parse(readFileSync(f("pred.json"), "utf8"))).toMatchObject({ rows: 12, version: 4 });
    // --prove without --encrypted, and a batch on a preset without the sponge commitment: named
    expect(cli("predict", "--model", f("cars.json"), "--dataset", "cars", "--prove").stderr).toMatch(/--prove proves the encrypted evaluation: give --encrypted too/);
    expect(cli("predict", "--model", f("cars.json"), "--dataset", "cars", "--limit", "2", "--encrypted", "--prove", "--preset", "f128-128").stderr).toMatch(/needs a Goldilocks preset/);
  }, 300_000);
});
