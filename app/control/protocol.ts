// The control channel between the CLI and the server that owns the embedded database: one POST per command.
export const COMMAND_PATH = '/commands';

export interface CommandRequest {
  argv: string[];
  /** The CLI's working directory: relative file names are resolved against it. */
  cwd: string;
}

export interface CommandResponse {
  /** Exit code: 0 done, 1 failed, 2 usage error. */
  code: number;
  stdout: string[];
  /** One line, when code ≠ 0. */
  error?: string;
}

/** Unix socket paths are limited to ~107 bytes (sun_path); longer data directories use loopback TCP instead. */
export const MAX_SOCKET_PATH_BYTES = 100;
