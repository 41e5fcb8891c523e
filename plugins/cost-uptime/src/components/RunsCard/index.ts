export { RunsCard } from './RunsCard';
