/**
 * Once per `npm test`: build the admin console when its sources are newer than the build, so the
 * tests of the built console and the browser journeys never race two builds into one folder.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-admin.mjs')], { stdio: 'inherit' });
}
