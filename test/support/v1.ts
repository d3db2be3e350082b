/** The Authorization header Segment's libraries send to /v1: HTTP Basic with the write key as user name and no password. */
export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
