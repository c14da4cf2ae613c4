import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { IdentityContext } from '../../context.js';
import { login, logout, refresh, register } from '../auth/auth.service.js';
import { changePassword, findMe, findUser, listUsers, setUserDisabled, updateUser } from './user.service.js';
import { AuthPayload, RegisterInput, UpdateUserInput, UserConnection, UserFilter, UserType } from './user.types.js';

@ArgsType()
class UsersArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true }) filter?: UserFilter | null;
}

@Resolver(() => UserType)
export class UserResolver {
  @Authorized()
  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findMe(ctx, requestedFields(info));
  }

  @Authorized('users:read')
  @Query(() => UserConnection)
  users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listUsers(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('users:read')
  @Query(() => UserType)
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findUser(ctx, id, requestedFields(info));
  }

  @Mutation(() => AuthPayload, { description: 'Creates a user without staff roles and signs them in.' })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: IdentityContext) {
    return register(ctx, input);
  }

  @Mutation(() => AuthPayload)
  login(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: IdentityContext) {
    return login(ctx, email, password);
  }

  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token, once, for a new pair.' })
  refreshToken(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext) {
    return refresh(ctx, token);
  }

  @Mutation(() => Boolean, { description: 'Ends the session of the given refresh token, or every session when none is given.' })
  logout(@Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | null, @Ctx() ctx: IdentityContext) {
    return logout(ctx, refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean)
  changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: RequestContext,
  ) {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Authorized('users:write')
  @Mutation(() => UserType, { description: 'Grants roles, links a customer or employee; admins only.' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: RequestContext) {
    return updateUser(ctx, id, input);
  }

  @Authorized('users:write')
  @Mutation(() => UserType, { description: 'Blocks sign-in and ends every session of the user.' })
  disableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return setUserDisabled(ctx, id, true);
  }

  @Authorized('users:write')
  @Mutation(() => UserType)
  enableUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return setUserDisabled(ctx, id, false);
  }
}
