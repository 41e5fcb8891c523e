export { MoversCard } from './MoversCard';
