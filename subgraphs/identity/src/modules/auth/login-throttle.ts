import { DomainError, ThrottledError, wholeNumberSetting, type AttemptLimiter, type ThrottlePolicy } from '@erp/platform';

/** How failed logins and registrations slow the next ones, per account (email) and per client address. */
export interface LoginThrottleSettings {
  account: ThrottlePolicy;
  address: ThrottlePolicy;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Five wrong passwords for an account cost nothing; then it waits 1 s, 2 s, 4 s… up to 15 minutes between attempts.
 * An address (an office behind one NAT has many users) gets 50 failures before the same waits.
 */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  account: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: FIFTEEN_MINUTES, forgetAfterMs: 60 * 60_000 },
  address: { freeFailures: 50, baseDelayMs: 1_000, maxDelayMs: FIFTEEN_MINUTES, forgetAfterMs: 60 * 60_000 },
};

export function loginThrottleFromEnvironment(env: NodeJS.ProcessEnv = process.env): LoginThrottleSettings {
  return {
    account: { ...DEFAULT_LOGIN_THROTTLE.account, freeFailures: wholeNumberSetting(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 1) ?? DEFAULT_LOGIN_THROTTLE.account.freeFailures },
    address: { ...DEFAULT_LOGIN_THROTTLE.address, freeFailures: wholeNumberSetting(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 1) ?? DEFAULT_LOGIN_THROTTLE.address.freeFailures },
  };
}

/** The refusals a client earned (a wrong password, an email taken, bad input): they count. Anything else is ours. */
function clientsFault(error: unknown): boolean {
  return error instanceof DomainError && ['UNAUTHENTICATED', 'CONFLICT', 'BAD_USER_INPUT'].includes(error.code);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Guards logins (per account and per address) and registrations (per address) against guessing. An attempt is
 * counted before the password is checked, so a burst of concurrent guesses earns the wait of all of them once they
 * fail (the wait runs from the last failure, so concurrent right passwords are never held back); a throttled attempt
 * is refused without checking anything and is not counted. A success clears its account and gives its address the
 * attempt back; a failure that is not the client's (the database down) is given back as well.
 */
export class LoginThrottle {
  constructor(
    private readonly attempts: AttemptLimiter,
    private readonly settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE,
  ) {}

  login<T>(email: string, clientAddress: string | null | undefined, attempt: () => Promise<T>): Promise<T> {
    return this.guard(`login:account:${email}`, clientAddress, attempt);
  }

  register<T>(clientAddress: string | null | undefined, attempt: () => Promise<T>): Promise<T> {
    return this.guard(null, clientAddress, attempt);
  }

  private async guard<T>(accountKey: string | null, clientAddress: string | null | undefined, attempt: () => Promise<T>): Promise<T> {
    const addressKey = clientAddress ? `auth:address:${clientAddress}` : null;
    if (accountKey) {
      const wait = await this.attempts.take(accountKey, this.settings.account);
      if (wait > 0) throw new ThrottledError(`Too many failed sign-ins for this account; try again in ${seconds(wait)} seconds.`, wait);
    }
    if (addressKey) {
      const wait = await this.attempts.take(addressKey, this.settings.address);
      if (wait > 0) {
        if (accountKey) await this.attempts.refund(accountKey);
        throw new ThrottledError(`Too many failed attempts from your network address; try again in ${seconds(wait)} seconds.`, wait);
      }
    }
    try {
      const result = await attempt();
      if (accountKey) await this.attempts.reset(accountKey);
      if (addressKey) await this.attempts.refund(addressKey);
      return result;
    } catch (error) {
      if (clientsFault(error)) {
        if (accountKey) await this.attempts.failed(accountKey, this.settings.account);
        if (addressKey) await this.attempts.failed(addressKey, this.settings.address);
      } else {
        if (accountKey) await this.attempts.refund(accountKey);
        if (addressKey) await this.attempts.refund(addressKey);
      }
      throw error;
    }
  }
}
