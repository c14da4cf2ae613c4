import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '@erp/platform';

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
}
