import type { Server } from 'node:http';

/**
 * One outside system played locally, speaking that vendor's wire contract on
 * its own port, the way the real system would sit on its own host.
 */
export interface StandIn {
  /** Short name, used in logs and on the sandbox's health page. */
  readonly name: string;
  /** What it stands in for, for people reading the health page. */
  readonly description: string;
  /** Starts listening; resolves with the server once it accepts connections. */
  start(options: { host: string; port: number }): Promise<Server>;
}

export interface StandInRegistration {
  standIn: StandIn;
  /** Environment variable that overrides the port. */
  portEnv: string;
  defaultPort: number;
}
