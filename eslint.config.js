// Lint configuration: ESLint's recommended rules plus typescript-eslint's, for src/, test/, bench/, scripts/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "build/**", "reports/**", ".jupyter/**", "**/*.ipynb", "assembly/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
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
