import type { RequestContext, SubgraphEnvironment } from '@erp/platform';
import { LoginThrottle, type LoginThrottleSettings } from './modules/auth/login-throttle.js';
import { SigningKeyService } from './modules/signing-key/signing-key.service.js';

export interface IdentityServices {
  signingKeys: SigningKeyService;
  loginThrottle: LoginThrottle;
}

export type IdentityContext = RequestContext & IdentityServices;

export function identityServices(env: SubgraphEnvironment, throttle?: LoginThrottleSettings): IdentityServices {
  return { signingKeys: new SigningKeyService(() => env.orm.em.fork()), loginThrottle: new LoginThrottle(env.attempts, throttle) };
}
