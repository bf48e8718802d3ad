// A tiny real HTTP server on 127.0.0.1 for answers the emulator never gives (403, hanging
// requests, gateway pages): each test says how to answer.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fake HubSpot. */
export interface FakeServer {
  url: string;
  /** Requests received so far, with their Authorization header. */
  requests: Array<{ method: string; url: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

/** Starts a server answering every request with `handle`. */
export async function fakeHubspot(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with JSON in HubSpot's error shape. */
export function hubspotError(res: ServerResponse, status: number, category: string, message: string, extra: Record<string, unknown> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: 'error', message, correlationId: '2f0c3a52-6d1e-4c8e-9a57-3b0b0d1c9e11', category, ...extra }));
}
