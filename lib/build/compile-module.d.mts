export function compiledModulesDir(root: string): string;
export function compileModule(options: {
  root: string;
  source: string;
  cacheDir: string;
}): { url: URL; error?: undefined } | { url?: undefined; error: unknown };
