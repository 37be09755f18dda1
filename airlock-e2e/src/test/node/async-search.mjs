// Drives Airlock's Elasticsearch-compatible async search API with the official Node client,
// unchanged, and checks what it answers.
//
//   node async-search.mjs <base url, e.g. http://localhost:8080/es> <encoded API key> <another
//        user's encoded API key>
//
// Prints one JSON summary line last and exits 1 on the first failed check. With
// AIRLOCK_E2E_SIGNALS=1 it asks whoever runs it to hold the gap around the check of a search that
// takes longer than its wait: it prints {"await":"pause"} and {"await":"resume"} and reads one line
// from stdin after each, once done. Without it, that check relies on a round trip taking longer
// than 10 ms.
import { Client, errors } from '@elastic/elasticsearch';
import { createInterface } from 'node:readline';

const [baseUrl, apiKey, otherApiKey] = process.argv.slice(2);
if (!baseUrl || !apiKey || !otherApiKey) {
  console.error('usage: node async-search.mjs <base url> <encoded API key> <other user\'s key>');
  process.exit(2);
}

// A wait of 30 s is the longest the API allows: the client must wait longer than that for an answer.
const clientFor = (key) => new Client({ node: baseUrl, auth: { apiKey: key }, requestTimeout: 90_000 });
const client = clientFor(apiKey);
const otherUsersClient = clientFor(otherApiKey);

const QUERY = {
  query: { match: { description: 'malware' } },
  sort: [{ reported_at: 'desc' }, { id: 'asc' }],
  size: 7,
  aggs: { by_severity: { terms: { field: 'severity' } } },
};

const summary = { ok: false, checks: [], query: QUERY };
const signals = process.env.AIRLOCK_E2E_SIGNALS === '1' ? createInterface({ input: process.stdin }) : null;
const stdinLines = signals ? signals[Symbol.asyncIterator]() : null;

class CheckFailed extends Error {}

function expect(condition, message, actual) {
  if (!condition) {
    throw new CheckFailed(`${message}; actual: ${JSON.stringify(actual)}`);
  }
}

async function check(name, body) {
  try {
    const details = await body();
    summary.checks.push({ name, ok: true, ...(details ?? {}) });
  } catch (e) {
    summary.checks.push({ name, ok: false, error: describe(e) });
    finish(1);
  }
}

function describe(e) {
  if (e instanceof errors.ResponseError) {
    return `${e.name} ${e.meta.statusCode}: ${JSON.stringify(e.meta.body)}`;
  }
  return `${e.name}: ${e.message}`;
}

/** Expects the call to fail with the HTTP status, in Elasticsearch's error shape. */
async function expectStatus(status, call) {
  try {
    const answer = await call();
    throw new CheckFailed(`expected HTTP ${status}, got an answer: ${JSON.stringify(answer)}`);
  } catch (e) {
    if (e instanceof CheckFailed) {
      throw e;
    }
    expect(e instanceof errors.ResponseError, `expected a ResponseError ${status}`, describe(e));
    expect(e.meta.statusCode === status, `expected HTTP ${status}`, describe(e));
    expect(typeof e.meta.body?.error?.type === 'string', 'expected error.type', e.meta.body);
    expect(e.meta.body?.status === status, `expected status ${status} in the body`, e.meta.body);
    return e.meta.body;
  }
}

function submit(wait, extra = {}) {
  return client.asyncSearch.submit({
    index: 'incidents',
    wait_for_completion_timeout: wait,
    keep_alive: '1h',
    keep_on_completion: true,
    ...QUERY,
    ...extra,
  });
}

/** Reads the search, waiting the longest the API allows, until it has ended. */
async function awaitDone(id) {
  let answer;
  for (let attempt = 0; attempt < 4 && (answer === undefined || answer.is_running); attempt++) {
    answer = await client.asyncSearch.get({ id, wait_for_completion_timeout: '30s' });
  }
  expect(!answer.is_running, `${id} still running after two minutes`, answer);
  return answer;
}

async function completed(submitted) {
  const done = submitted.is_running ? await awaitDone(submitted.id) : submitted;
  expect(done.is_partial === false, 'expected a complete answer', done);
  return done;
}

const hitsOf = (answer) => answer.response.hits.hits.map((hit) => `${hit._index}/${hit._id}`);

async function awaitSignal(event) {
  console.log(JSON.stringify({ await: event }));
  const line = await stdinLines.next();
  expect(!line.done, `no answer to ${event}`, null);
}

function finish(code) {
  summary.ok = code === 0;
  console.log(JSON.stringify(summary));
  signals?.close();
  client.close();
  otherUsersClient.close();
  process.exit(code);
}

let id;

await check('root', async () => {
  const info = await client.info();
  expect(info.version?.number === '9.0.0', 'expected version 9.0.0', info);
  expect(info.tagline === 'You Know, for Search', 'expected the tagline', info);
});

await check('submit', async () => {
  const submitted = await submit('30s');
  id = submitted.id;
  expect(typeof id === 'string' && id.length > 0, 'expected an id', submitted);
  const done = await completed(submitted);
  const buckets = done.response.aggregations?.by_severity?.buckets ?? [];
  expect(done.response.hits.hits.length === 7, 'expected 7 hits', done.response.hits);
  expect(buckets.length > 0, 'expected buckets by severity', done.response.aggregations);
  summary.total = done.response.hits.total;
  summary.hits = hitsOf(done);
  summary.buckets = buckets.map((bucket) => `${bucket.key}=${bucket.doc_count}`);
  return { id };
});

await check('get', async () => {
  const again = await client.asyncSearch.get({ id });
  expect(again.id === id && !again.is_running && !again.is_partial, 'expected it done', again);
  expect(JSON.stringify(hitsOf(again)) === JSON.stringify(summary.hits), 'expected the same hits', again);
});

await check('status', async () => {
  const status = await client.asyncSearch.status({ id });
  expect(status.id === id && !status.is_running && !status.is_partial, 'expected it done', status);
  expect(status.completion_status === 200, 'expected completion_status 200', status);
});

await check('delete', async () => {
  const deleted = await client.asyncSearch.delete({ id });
  expect(deleted.acknowledged === true, 'expected acknowledged', deleted);
  await expectStatus(404, () => client.asyncSearch.get({ id }));
});

await check('refused query', async () => {
  await expectStatus(400, () =>
    submit('1s', { query: { script: { script: { source: "doc['score'].value > 5" } } }, aggs: undefined }),
  );
});

await check('wrong key', async () => {
  const stranger = clientFor(Buffer.from('nobody:nothing').toString('base64'));
  try {
    await expectStatus(401, () => stranger.asyncSearch.submit({ index: 'incidents', ...QUERY }));
  } finally {
    await stranger.close();
  }
});

await check("other user's id", async () => {
  const submitted = await submit('1s');
  await expectStatus(404, () => otherUsersClient.asyncSearch.get({ id: submitted.id }));
  await expectStatus(404, () => otherUsersClient.asyncSearch.status({ id: submitted.id }));
  await expectStatus(404, () => otherUsersClient.asyncSearch.delete({ id: submitted.id }));
  const done = await completed(submitted);
  expect(done.response.hits.hits.length === 7, 'expected its owner to still get 7 hits', done);
});

await check('wait shorter than the answer', async () => {
  const begun = Date.now();
  let running;
  let submittedAt;
  let resumedAt;
  if (stdinLines) {
    await awaitSignal('pause');
    try {
      running = await submit('1s');
      submittedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      resumedAt = Date.now();
      await awaitSignal('resume');
    }
  } else {
    running = await submit('10ms');
  }
  expect(running.is_running === true && running.is_partial === true, 'expected it running', running);
  expect(running.response?.hits?.hits?.length === 0, 'expected no hits yet', running.response);
  const done = await client.asyncSearch.get({ id: running.id, wait_for_completion_timeout: '30s' });
  const wall = Date.now() - begun;
  expect(!done.is_running && !done.is_partial, 'expected it done within 30 s', done);
  expect(done.response.hits.hits.length === 7, 'expected 7 hits', done.response.hits);
  const took = done.response.took;
  expect(took >= 1 && took <= wall + 1, `expected took within [1, ${wall + 1}]`, took);
  if (stdinLines) {
    const held = resumedAt - submittedAt;
    expect(took >= held, `expected took to span the ${held} ms the gap was held`, took);
  }
  return { took, wall };
});

finish(0);
