/**
 * A whole-number setting from the environment (milliseconds, counts), or undefined when it is not set; anything else
 * than a whole number of at least `min` stops the process at start with the variable named, rather than later.
 */
export function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, min = 0): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${value}".`);
  return parsed;
}
