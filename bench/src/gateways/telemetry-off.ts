// Imported first, so @apollo/gateway sees it when it loads: a benchmark must not phone home either.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
export {};
