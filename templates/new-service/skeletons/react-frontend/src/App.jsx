import { greeting } from './greeting.js';

export function App() {
  return (
    <main>
      <h1>${{ values.name }}</h1>
      <p>{greeting('${{ values.name }}')}</p>
    </main>
  );
}
