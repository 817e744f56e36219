// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The domain is pure: it may import only its own flat folder, written as "./sibling".
 * Everything else (packages, node:*, other layers, anything that climbs with "..") is refused,
 * so the boundary cannot erode silently. test/domain-purity-lint.test.ts proves it bites.
 */
const domainPurity = {
  files: ["src/domain/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^(?!\\./)|\\.\\.",
            message:
              "src/domain is pure: import only ./siblings inside src/domain (no packages, no node:*, no other layer).",
          },
        ],
      },
    ],
    "no-restricted-syntax": [
      "error",
      {
        selector: "ImportExpression",
        message: "src/domain is pure: no dynamic import().",
      },
      {
        selector: "CallExpression[callee.name='require']",
        message: "src/domain is pure: no require().",
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
  },
  {
    // jest's asymmetric matchers (expect.objectContaining, ...) are typed `any`.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  domainPurity,
);
