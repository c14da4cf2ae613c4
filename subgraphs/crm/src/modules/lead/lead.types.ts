import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LEAD_STAGES, type CustomerKind, type LeadStage } from '@erp/contracts';
import { ConnectionType, DecimalScalar, enumOf, MoneyType, SortDirection } from '@erp/platform';
import { CustomerKindEnum } from '../customer/customer.types.js';

export const LeadStageEnum = enumOf(LEAD_STAGES);
registerEnumType(LeadStageEnum, { name: 'LeadStage', description: 'NEW → QUALIFIED → PROPOSAL → NEGOTIATION → WON (by convertLead) or LOST.' });

@ObjectType('Lead', { description: 'A potential deal moving through the sales pipeline.' })
export class LeadType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) companyName!: string | null;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => LeadStageEnum) stage!: LeadStage;
  @Field(() => Int, { description: 'Chance of winning, 0–100 %.' }) probability!: number;
  @Field(() => String, { nullable: true, description: 'ISO date (YYYY-MM-DD).' }) expectedCloseDate!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who owns the lead.' }) ownerId!: string | null;
  @Field(() => String, { nullable: true }) lostReason!: string | null;
  @Field(() => Date, { nullable: true }) convertedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const LeadConnection = ConnectionType(LeadType, 'Lead');

@InputType()
export class CreateLeadInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) companyName?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Expected deal value, e.g. "12000.00".' }) value?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217; default EUR.' }) currency?: string | null;
  @Field(() => Int, { nullable: true, description: 'Default: the stage’s usual probability.' }) probability?: number | null;
  @Field(() => String, { nullable: true }) expectedCloseDate?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: you.' }) ownerId?: string | null;
}

@InputType()
export class UpdateLeadInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) companyName?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) value?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => Int, { nullable: true }) probability?: number | null;
  @Field(() => String, { nullable: true }) expectedCloseDate?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class LeadFilter {
  @Field(() => LeadStageEnum, { nullable: true }) stage?: LeadStage | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches title, company, contact or email.' }) search?: string | null;
}

export enum LeadOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  VALUE = 'valueMinor',
}
registerEnumType(LeadOrderField, { name: 'LeadOrderField' });

@InputType()
export class LeadOrder {
  @Field(() => LeadOrderField, { defaultValue: LeadOrderField.CREATED_AT }) field!: LeadOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction!: SortDirection;
}

@InputType({ description: 'Overrides for the customer a lead becomes; by default it takes the lead’s company (or contact) and email.' })
export class ConvertLeadInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => CustomerKindEnum, { nullable: true }) kind?: CustomerKind | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
}

@ObjectType('PipelineStageSummary')
export class PipelineStageSummary {
  @Field(() => LeadStageEnum) stage!: LeadStage;
  @Field(() => Int) count!: number;
  @Field(() => MoneyType, { description: 'Sum of the leads’ values.' }) value!: MoneyType;
  @Field(() => MoneyType, { description: 'Sum of value × probability.' }) weightedValue!: MoneyType;
}
