/** Apollo's landing page loads from a CDN; this one works offline and says how to start. */
export function landingPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Segmentary</title></head>
<body style="font-family:system-ui;max-width:48rem;margin:2rem auto;line-height:1.5">
<h1>Segmentary GraphQL API</h1>
<p>POST GraphQL to <code>/graphql</code> with <code>Authorization: Bearer &lt;key&gt;</code>. Subscriptions use graphql-ws on the same path
(send the key as <code>{"authorization": "Bearer &lt;key&gt;"}</code> in <code>connection_init</code>).</p>
<pre>curl -s http://localhost:4000/graphql -H 'content-type: application/json' \\
  -H "authorization: Bearer $SEGMENTARY_KEY" \\
  -d '{"query":"{ profiles(first: 3) { edges { node { id traits stats { orders revenue } } } } }"}'</pre>
<p>Segment-compatible ingest: <code>POST /v1/track</code>, <code>/v1/identify</code>, <code>/v1/page</code>, <code>/v1/screen</code>,
<code>/v1/alias</code>, <code>/v1/batch</code>, <code>/v1/import</code> with the write key as the Basic-auth user name.</p>
<p>The SDL is in <code>schema/schema.graphql</code>; introspection is on.</p>
</body></html>`;
}
