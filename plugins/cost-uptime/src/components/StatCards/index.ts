export { StatCards } from './StatCards';
