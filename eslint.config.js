// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The folders of src-main/core from the bottom up: a folder may import from its own layer and
 * the layers below it, never above. The files at core's root (errors, paths, log) sit below all.
 */
const CORE_LAYERS = [
  ['contract', 'csv', 'definitions', 'settings', 'watch'],
  ['scan', 'precheck', 'workers', 'ledger'],
  ['convert', 'sample'],
  ['jobs'],
  ['push', 'exports', 'submission'],
  ['intake'],
  ['service'],
  ['server'],
];

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-output/**', '.bench/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Tests read JSON documents (reports, manifests) whose shape they then assert.
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Layering: a file's folder says what it may import.
  {
    files: ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core and cli run without Electron' }],
          patterns: [{ group: ['**/app/**'], message: 'core must not import the Electron glue' }],
        },
      ],
    },
  },
  // Inside core, imports go down the layers only (a file's own layer included), so a circle
  // between folders cannot creep in. Types may cross upwards (a worker's client names the
  // method map of the worker it talks to).
  ...CORE_LAYERS.slice(0, -1).flatMap((layer, level) =>
    layer.map((folder) => ({
      files: [`src-main/core/${folder}/**/*.ts`],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: CORE_LAYERS.slice(level + 1)
                  .flat()
                  .flatMap((above) => [`../${above}`, `../${above}/**`, `**/core/${above}/**`]),
                message: `core/${folder} may import only from its own layer or below (see CORE_LAYERS in eslint.config.js)`,
                allowTypeImports: true,
              },
            ],
          },
        ],
      },
    })),
  ),
  {
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            { group: nodeBuiltins, message: 'shared is pure TypeScript' },
            { group: ['**/core/**', '**/app/**'] },
          ],
        },
      ],
    },
  },
  // The typescript-eslint variant, for `allowTypeImports`: the renderer's bundle must not pull
  // main-process code in, but it shares the contract's types.
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            { group: nodeBuiltins, message: 'the renderer has no Node' },
            {
              group: ['**/core/**', '**/app/**', '**/cli/**'],
              message: 'the renderer talks to main through services/, never by importing it',
            },
            {
              // Except the two pure language helpers both sides need (which languages exist,
              // how a catalog gets its plural forms): no dependency, no main-process code.
              regex: 'src-main/shared(?!/i18n/(lang|resources)$)',
              allowTypeImports: true,
              message: 'the renderer may only `import type` from src-main/shared',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/app/**'],
              message: 'preload imports only electron and shared',
            },
          ],
        },
      ],
    },
  },
  // Raw IPC in one file a side, behind the typed contract (the handlers validate and check the
  // sender there). Tests fake Electron and may touch it.
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/app/ipc.ts', 'src-preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='electron'] > ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          message: 'raw ipcMain/ipcRenderer only in src-main/app/ipc.ts and src-preload/index.ts',
        },
        {
          selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]',
          message: 'raw ipcMain/ipcRenderer only in src-main/app/ipc.ts and src-preload/index.ts',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        performance: 'readonly',
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
);
