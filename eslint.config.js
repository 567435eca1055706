// Lint configuration: ESLint's recommended rules plus typescript-eslint's, for src/, test/, bench/, scripts/, app/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "build/**", "reports/**", ".jupyter/**", "**/*.ipynb", "assembly/**", "hardhat.config.cjs", "app/dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests edit parsed JSON files freely to build malformed inputs.
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Notebooks (tslab) load src/ as CommonJS: these would make Node treat a module as ESM and fail there.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program > VariableDeclaration > VariableDeclarator[id.name=/^(module|exports|require|__filename|__dirname)$/]",
          message: "tslab runs src/ as CommonJS: a top-level binding with this name is a syntax error there",
        },
        { selector: "MetaProperty[meta.name='import']", message: "no import.meta in src/: tslab loads modules as CommonJS" },
      ],
    },
  },
);
