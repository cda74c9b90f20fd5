import { spawn } from 'node:child_process';

/** A finished child process: its exit status (null if killed, e.g. on the timeout) and its output. */
export type Ran = { status: number | null; stdout: string; stderr: string };

/**
 * Runs `cmd args` without blocking, so that several (compilers, linters, the README's programs) run
 * side by side; resolves when it closes, with everything it wrote. Rejects only if it cannot start.
 */
export function start(cmd: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeout ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
