// Test runner configuration: colocated `*.test.ts` files under src/ and cross-module tests under test/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "app/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
