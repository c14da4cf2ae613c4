// @apollo/gateway 2.14 reports anonymous usage metrics to Apollo by default. A self-hosted ERP must not phone
// home: this module is imported before the gateway so the variable is set when it loads.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
export {};
