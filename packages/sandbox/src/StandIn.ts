import type { Server } from 'node:http';
import type { StandInName } from './ports.ts';

/**
 * One outside system played locally, speaking that vendor's wire contract on
 * its own port, the way the real system would sit on its own host.
 */
export interface StandIn {
  /** Which system; also picks the port (see ports.ts). */
  readonly name: StandInName;
  /** What it stands in for, for people reading the health page. */
  readonly description: string;
  /**
   * Starts listening; resolves with the server once it accepts connections.
   * `url` is the stand-in's own base URL (e.g. an OpenID issuer needs it).
   */
  start(options: { host: string; port: number; url: string }): Promise<Server>;
}
