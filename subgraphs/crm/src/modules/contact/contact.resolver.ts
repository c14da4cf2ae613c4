import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { createContact, deleteContact, updateContact } from './contact.service.js';
import { ContactType, CreateContactInput, UpdateContactInput } from './contact.types.js';

@Resolver(() => ContactType)
export class ContactResolver {
  @Authorized('customers:write')
  @Mutation(() => ContactType)
  createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() ctx: RequestContext) {
    return createContact(ctx, input);
  }

  @Authorized('customers:write')
  @Mutation(() => ContactType)
  updateContact(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateContactInput) input: UpdateContactInput, @Ctx() ctx: RequestContext) {
    return updateContact(ctx, id, input);
  }

  @Authorized('customers:write')
  @Mutation(() => Boolean)
  deleteContact(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return deleteContact(ctx, id);
  }
}
