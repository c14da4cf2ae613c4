import type { RequestContext, SubgraphEnvironment } from '@erp/platform';
import { SigningKeyService } from './modules/signing-key/signing-key.service.js';

export interface IdentityServices {
  signingKeys: SigningKeyService;
}

export type IdentityContext = RequestContext & IdentityServices;

export function identityServices(env: SubgraphEnvironment): IdentityServices {
  return { signingKeys: new SigningKeyService(() => env.orm.em.fork()) };
}
