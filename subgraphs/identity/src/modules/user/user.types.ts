import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, type Role } from '@erp/platform';

export enum RoleEnum {
  ADMIN = 'admin',
  MANAGER = 'manager',
  SALES = 'sales',
  ACCOUNTANT = 'accountant',
  WAREHOUSE = 'warehouse',
  HR = 'hr',
  EMPLOYEE = 'employee',
  CUSTOMER = 'customer',
}
registerEnumType(RoleEnum, { name: 'Role', description: 'What a user may do; staff roles are granted by an admin.' });

@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field(() => [RoleEnum]) roles!: Role[];
  @Field(() => ID, { nullable: true, description: 'The customer this portal user belongs to.' }) customerId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The employee this user is.' }) employeeId!: string | null;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int, { description: 'Pass it back as expectedVersion to update without overwriting a concurrent change.' })
  version!: number;
}

export const UserConnection = ConnectionType(UserType, 'User');

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Matches email or display name.' }) search?: string | null;
  @Field(() => RoleEnum, { nullable: true }) role?: RoleEnum | null;
  @Field(() => Boolean, { nullable: true }) disabled?: boolean | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => [RoleEnum], { nullable: true }) roles?: RoleEnum[] | null;
  @Field(() => ID, { nullable: true, description: 'Link to a Customer (customer portal); null unlinks.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Link to an Employee (employee portal); null unlinks.' }) employeeId?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class RegisterInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'A JWT for the Authorization header; expires after 15 minutes.' }) accessToken!: string;
  @Field(() => Date) accessTokenExpiresAt!: Date;
  @Field(() => String, { description: 'Exchange once with refreshToken(token) for a new pair.' }) refreshToken!: string;
  @Field(() => UserType) user!: UserType;
}
