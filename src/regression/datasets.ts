/**
 * The built-in data sets (datasets/README.md: source and licence of each) and loading of any CSV file.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.js";
import { DataError } from "./errors.js";
import { CSV_LIMITS, type Table, parseCsv } from "./table.js";

export interface BuiltinDataset {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly target: string;
  readonly features: readonly string[];
  readonly source: string;
  readonly licence: string;
  /** The default classification task (a categorical target), where the data set has one. */
  readonly classification?: { readonly target: string; readonly features: readonly string[] };
}

export const DATASETS: Readonly<Record<string, BuiltinDataset>> = Object.freeze({
  cars: {
    name: "cars",
    file: "cars.csv",
    title: "Auto MPG: fuel economy of 406 cars (1970–1982)",
    target: "Miles_per_Gallon",
    features: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"],
    source: "StatLib Datasets Archive (cars.desc), via the vega-datasets npm package",
    licence: "distributed in 1982 for educational and scientific purposes; package BSD-3-Clause",
    classification: { target: "Origin", features: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Miles_per_Gallon"] },
  },
  penguins: {
    name: "penguins",
    file: "penguins.csv",
    title: "Palmer penguins: body mass of 344 penguins from beak and flipper measurements",
    target: "Body Mass (g)",
    features: ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)"],
    source: "Palmer Station Antarctica LTER (K. Gorman), palmerpenguins, via vega-datasets",
    licence: "CC0 1.0",
    classification: { target: "Species", features: ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] },
  },
  "seattle-weather": {
    name: "seattle-weather",
    file: "seattle-weather.csv",
    title: "Seattle weather: 1,461 days (2012–2015), daily precipitation, temperatures, wind and the weather type",
    target: "temp_max",
    features: ["precipitation", "temp_min", "wind"],
    source: "NOAA National Centers for Environmental Information (Seattle, WA daily records), via the vega-datasets npm package",
    licence: "US government work (public domain); package BSD-3-Clause",
    classification: { target: "weather", features: ["precipitation", "temp_max", "temp_min", "wind"] },
  },
});

export function getDataset(name: string): BuiltinDataset {
  const d = DATASETS[name];
  if (!d) throw new DataError(`unknown data set "${name}": expected one of ${Object.keys(DATASETS).join(", ")} (or --csv <file>)`);
  return d;
}

/** Loads a built-in data set's CSV. */
export function loadDataset(name: string): Table {
  const d = getDataset(name);
  return parseCsv(readFileSync(join(projectRoot(), "datasets", d.file), "utf8"), d.name);
}

/** Loads any CSV file with a header row; a file over CSV_LIMITS.bytes is refused from its size, before it is read. */
export function loadCsv(path: string): Table {
  const read = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new DataError(`cannot read CSV file ${path}: ${(e as Error).message}`);
    }
  };
  const size = read(() => statSync(path).size);
  if (size > CSV_LIMITS.bytes) throw new DataError(`CSV file ${path} has ${size} bytes, over the cap of ${CSV_LIMITS.bytes}`);
  return parseCsv(read(() => readFileSync(path, "utf8")), path);
}
