// Wait by polling with a deadline, never by sleeping a fixed time (style rule 35).
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, options: { timeoutMs?: number; intervalMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${options.what}`, { cause: lastError });
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
