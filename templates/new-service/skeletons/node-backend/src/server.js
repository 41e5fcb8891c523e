import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 8080);
const server = createApp().listen(port, () => {
  console.log(`${{ values.name }} listening on :${port}`);
});

// Kubernetes sends SIGTERM before removing the pod: finish open requests.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
