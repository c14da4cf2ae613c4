import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '@erp/platform';
import { MAX_COST_BUCKET_SIZE, MAX_COST_RESTORE_RATE } from './api-key.rules.js';

@ObjectType('ApiKey', { description: 'A partner credential. Its secret was shown once, at creation.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The public start of the secret, to recognise the key.' }) prefix!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => ID) ownerId!: string;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int, { nullable: true, description: "Points of the key's query-cost bucket at the router (`extensions.cost.throttleStatus.maximumAvailable`); null: the router's default." })
  costBucketSize!: number | null;
  @Field(() => Int, { nullable: true, description: 'Points a second the bucket gets back (`throttleStatus.restoreRate`); null: the router\'s default.' })
  costRestoreRate!: number | null;
}

export const ApiKeyConnection = ConnectionType(ApiKeyType, 'ApiKey');

@ObjectType('CreatedApiKey')
export class CreatedApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Send as `x-api-key` or as a Bearer token. Shown only now; store it safely.' })
  secret!: string;
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String) name!: string;
  @Field(() => [String], { description: 'Permissions such as "customers:read" or "invoices:write" (write implies read).' })
  scopes!: string[];
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => Int, { nullable: true, description: `The key's own query-cost bucket, 1 to ${'$'}{MAX_COST_BUCKET_SIZE} points (admins only; default: the router's).` })
  costBucketSize?: number | null;
  @Field(() => Int, { nullable: true, description: `Points a second its bucket gets back, 1 to ${'$'}{MAX_COST_RESTORE_RATE} (admins only; default: the router's).` })
  costRestoreRate?: number | null;
}
