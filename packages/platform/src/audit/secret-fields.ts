/*
 * Declarations read by the audit trail: which properties of an entity are secrets (their values never leave the
 * subgraph's own table) and which entities are the kit's bookkeeping rather than business data.
 */

const secretProperties = new WeakMap<Function, Set<string>>();
const unaudited = new WeakSet<Function>();

/**
 * Names that are secrets whatever their entity declares: a forgotten `@Secret()` on a password hash or a token must
 * not put it in the audit trail.
 */
const SECRET_NAME = /password|secret|token|hash|private.?key|credential/i;

/**
 * Marks a property as secret: the audit trail records that it changed, never its value. Properties the ORM hides from
 * serialization (`hidden: true`) are secret too.
 */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const owner = target.constructor;
    (secretProperties.get(owner) ?? secretProperties.set(owner, new Set()).get(owner)!).add(String(property));
  };
}

/** Leaves an entity out of the audit trail: the kit's own tables (outbox, claims, sequences) and the trail itself. */
export function NotAudited(): ClassDecorator {
  return (target) => {
    unaudited.add(target);
  };
}

export function isSecretProperty(entity: Function | undefined, property: string): boolean {
  if (SECRET_NAME.test(property)) return true;
  for (let owner = entity; owner && owner !== Object; owner = Object.getPrototypeOf(owner)) {
    if (secretProperties.get(owner)?.has(property)) return true;
  }
  return false;
}

export function isAuditedEntity(entity: Function | undefined): boolean {
  return entity !== undefined && !unaudited.has(entity);
}
