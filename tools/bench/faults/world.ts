/** The data the fault suite's load reads and writes: members in leagues, registered through the API. */
export interface FaultWorld {
  token: string;
  userId: number;
  adminToken: string;
  leagues: number[];
  /** Paths of cached reads the load cycles over. */
  readPaths: string[];
}

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
export { call };

/** One trader in `leagueCount` leagues with a few positions each, and the admin's token. */
export async function buildWorld(base: string, adminPassword: string, leagueCount: number): Promise<FaultWorld> {
  const username = `faults${Date.now().toString(36)}`;
  const password = 'fault suite password';
  const reg = await call(base, '/api/auth/register', {
    method: 'POST',
    body: { username, email: `${username}@example.com`, password },
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const token = (await call(base, '/api/auth/login', { method: 'POST', body: { username, password } })).body.token;
  const admin = await call(base, '/api/auth/login', {
    method: 'POST',
    body: { username: 'admin', password: adminPassword },
  });
  if (admin.status !== 200) throw new Error(`admin login: ${admin.status}`);
  const leagues: number[] = [];
  for (let i = 0; i < leagueCount; i++) {
    const league = await call(base, '/api/leagues', {
      method: 'POST',
      token,
      body: { name: `Faults ${username} ${i}` },
    });
    if (league.status !== 201) throw new Error(`league: ${league.status}`);
    leagues.push(league.body.id);
    for (const symbol of ['AAPL', 'MSFT']) {
      await call(base, `/api/leagues/${league.body.id}/trades`, {
        method: 'POST',
        token,
        body: { symbol, side: 'buy', quantity: 2 },
      });
    }
  }
  const readPaths = leagues.flatMap((id) => [
    `/api/leagues/${id}/leaderboard`,
    `/api/leagues/${id}`,
    `/api/leagues/${id}/portfolio`,
  ]);
  return { token, userId: reg.body.id, adminToken: admin.body.token, leagues, readPaths };
}
