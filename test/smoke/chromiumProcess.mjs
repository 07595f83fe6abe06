// Starting and stopping headless Chromium for the smoke runs: its own process group, so its helper processes
// (zygote, GPU, renderers) die with it and stop writing to the throwaway profile before it is removed.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Spawn Chromium detached (a process group of its own). */
export function spawnChromium(binary, args, stdio) {
  return spawn(binary, args, { stdio, detached: true });
}

/** Kill Chromium and every process of its group. */
export function killChromium(browser) {
  try {
    process.kill(-browser.pid, 'SIGKILL');
  } catch {
    browser.kill('SIGKILL');
  }
}

/** Remove the profile directory; one left in the temp folder is untidy, not a failed test. */
export function removeProfile(profile) {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.warn(`could not remove Chromium's profile ${profile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
