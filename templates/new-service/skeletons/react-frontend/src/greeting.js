/**
 * Plain logic lives in modules like this one, without React, so `node --test`
 * covers it without a browser or a build.
 */
export function greeting(service, now = new Date()) {
  const hour = now.getHours();
  const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  return `Good ${part} from ${service}`;
}
