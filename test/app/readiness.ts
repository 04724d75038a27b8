// Start-up and health tests wait for readiness with a generous deadline instead of judging one sample taken at a
// guessed moment: on a busy 2-core machine a fresh server may need a while before its database answers.
export async function healthyWithin(
  url: string,
  timeoutMs = 60_000,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status === 200) return { status: res.status, body };
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`/healthz not healthy within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
