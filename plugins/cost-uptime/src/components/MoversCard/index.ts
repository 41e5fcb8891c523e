export { MoversCard } from './MoversCard';
export { MoversTable } from './MoversTable';
