export { UptimeCard } from './UptimeCard';
export { UptimeTable } from './UptimeTable';
