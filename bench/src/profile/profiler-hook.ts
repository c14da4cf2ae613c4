/**
 * Loaded with `node --import` into a process the profiler measures: SIGUSR2 starts V8's CPU profiler, the next
 * SIGUSR2 stops it and writes `<PROFILE_DIR>/<pid>.cpuprofile`. Only the measured window is profiled, not the
 * start-up or the seeding.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const directory = process.env.PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
let running = false;

process.on('SIGUSR2', () => {
  void (async () => {
    if (!running) {
      running = true;
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      return;
    }
    running = false;
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${directory}/${process.pid}.cpuprofile`, JSON.stringify(profile));
  })();
});
