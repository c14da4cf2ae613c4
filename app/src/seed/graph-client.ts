/** A minimal GraphQL-over-HTTP client for tools (seed, benchmarks) that talk to the router. */
export class GraphClient {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): GraphClient {
    return new GraphClient(this.url, token);
  }

  /** Logs this user in and returns their access token. */
  async accessToken(credentials: { email: string; password: string }): Promise<string> {
    const { login } = await this.request<{ login: { accessToken: string } }>(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      credentials,
    );
    return login.accessToken;
  }

  /** A client of the same graph, signed in as this user. */
  async signIn(credentials: { email: string; password: string }): Promise<GraphClient> {
    return this.withToken(await this.accessToken(credentials));
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  }
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
