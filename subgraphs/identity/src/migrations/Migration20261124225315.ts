import { Migration } from '@mikro-orm/migrations';

export class Migration20261124225315 extends Migration {

  override name = 'Migration20261124225315';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(`create table "identity"."api_key" ("id" uuid not null, "name" varchar(200) not null, "prefix" varchar(32) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "owner_id" uuid not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "identity"."api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_owner_id_index" on "identity"."api_key" ("owner_id");`);

    this.addSql(`create table "identity"."refresh_token" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "refresh_token_user_id_index" on "identity"."refresh_token" ("user_id");`);
    this.addSql(`create index "refresh_token_family_id_index" on "identity"."refresh_token" ("family_id");`);
    this.addSql(`alter table "identity"."refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "identity"."signing_key" ("kid" varchar(64) not null, "algorithm" varchar(16) not null, "public_jwk" jsonb not null, "private_jwk" jsonb not null, "created_at" timestamptz not null, "retired_at" timestamptz null, primary key ("kid"));`);

    this.addSql(`create table "identity"."user" ("id" uuid not null, "email" varchar(320) not null, "display_name" varchar(200) null, "password_hash" text not null, "roles" text[] not null, "customer_id" uuid null, "employee_id" uuid null, "disabled_at" timestamptz null, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "identity"."user" add constraint "user_email_unique" unique ("email");`);
    this.addSql(`create index "user_customer_id_index" on "identity"."user" ("customer_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."api_key" cascade;`);
    this.addSql(`drop table if exists "identity"."refresh_token" cascade;`);
    this.addSql(`drop table if exists "identity"."signing_key" cascade;`);
    this.addSql(`drop table if exists "identity"."user" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }

}
