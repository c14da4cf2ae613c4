import type { LeadStage } from '@erp/contracts';
import { DEMO_IDS, type EntityManager } from '@erp/platform';
import { Activity } from '../modules/activity/activity.entity.js';
import { Contact } from '../modules/contact/contact.entity.js';
import { Customer } from '../modules/customer/customer.entity.js';
import { Lead } from '../modules/lead/lead.entity.js';
import { STAGE_PROBABILITY } from '../modules/lead/lead.rules.js';

const CUSTOMERS: { id?: string; name: string; email: string; country: string; city: string; tags: string[]; kind?: 'COMPANY' | 'INDIVIDUAL'; currency?: string }[] = [
  { id: DEMO_IDS.customerAcme, name: 'Acme Corporation', email: 'billing@acme.example', country: 'US', city: 'Springfield', tags: ['key-account', 'manufacturing'], currency: 'USD' },
  { id: DEMO_IDS.customerGlobex, name: 'Globex GmbH', email: 'einkauf@globex.example', country: 'DE', city: 'Berlin', tags: ['key-account'] },
  { id: DEMO_IDS.customerInitech, name: 'Initech SARL', email: 'compta@initech.example', country: 'FR', city: 'Lyon', tags: ['software'] },
  { name: 'Umbrella Logistics BV', email: 'ap@umbrella.example', country: 'NL', city: 'Rotterdam', tags: ['logistics'] },
  { name: 'Stark Components Srl', email: 'acquisti@stark.example', country: 'IT', city: 'Milano', tags: ['manufacturing'] },
  { name: 'Wayne Retail Ltd', email: 'accounts@wayne.example', country: 'GB', city: 'London', tags: ['retail'], currency: 'GBP' },
  { name: 'Hooli España SL', email: 'compras@hooli.example', country: 'ES', city: 'Madrid', tags: ['software', 'retail'] },
  { name: 'Soylent Foods AB', email: 'inkop@soylent.example', country: 'SE', city: 'Göteborg', tags: ['food'] },
  { name: 'Vandelay Industries', email: 'art@vandelay.example', country: 'US', city: 'New York', tags: ['import-export'], currency: 'USD' },
  { name: 'Nakatomi Trading KK', email: 'orders@nakatomi.example', country: 'JP', city: 'Tokyo', tags: ['import-export'], currency: 'JPY' },
  { name: 'Ada Lovelace', email: 'ada@lovelace.example', country: 'GB', city: 'London', tags: ['consulting'], kind: 'INDIVIDUAL', currency: 'GBP' },
  { name: 'Gustave Eiffel', email: 'gustave@eiffel.example', country: 'FR', city: 'Paris', tags: [], kind: 'INDIVIDUAL' },
];

const LEADS: { title: string; company: string; stage: LeadStage; value: bigint; reason?: string }[] = [
  { title: 'ERP roll-out for 40 seats', company: 'Cyberdyne Systems', stage: 'NEW', value: 4_800_000n },
  { title: 'Warehouse scanners', company: 'Tyrell Corp', stage: 'NEW', value: 1_250_000n },
  { title: 'Annual support renewal', company: 'Massive Dynamic', stage: 'QUALIFIED', value: 900_000n },
  { title: 'Second site', company: 'Oscorp', stage: 'QUALIFIED', value: 2_100_000n },
  { title: 'Payroll module', company: 'Aperture Science', stage: 'PROPOSAL', value: 1_600_000n },
  { title: 'Migration from spreadsheets', company: 'Black Mesa', stage: 'PROPOSAL', value: 750_000n },
  { title: 'Group-wide licence', company: 'Weyland-Yutani', stage: 'NEGOTIATION', value: 12_000_000n },
  { title: 'Point of sale integration', company: 'Monarch Solutions', stage: 'NEGOTIATION', value: 3_300_000n },
  { title: 'Pilot project', company: 'Gringotts', stage: 'LOST', value: 500_000n, reason: 'Chose an on-premise competitor' },
];

/** Demo customers, contacts, leads in every stage and some activities; only into an empty crm schema. */
export async function seedCrmDemo(em: EntityManager): Promise<void> {
  if ((await em.count(Customer, {})) > 0) return;
  const day = 86_400_000;
  const now = Date.now();
  const customers = CUSTOMERS.map((c, index) =>
    em.create(Customer, {
      ...(c.id ? { id: c.id } : {}),
      name: c.name,
      kind: c.kind ?? 'COMPANY',
      email: c.email,
      currency: c.currency ?? 'EUR',
      tags: c.tags,
      billingAddress: { line1: `${10 + index} Demo Street`, line2: null, city: c.city, postalCode: `${10000 + index * 7}`, region: null, country: c.country },
      createdAt: new Date(now - (CUSTOMERS.length - index) * day),
    }),
  );
  for (const customer of customers.slice(0, 6)) {
    const [first, last] = customer.kind === 'COMPANY' ? ['Pat', customer.name.split(' ')[0]!] : customer.name.split(' ');
    em.create(Contact, { customer, firstName: first!, lastName: last ?? 'Contact', email: `pat@${customer.email!.split('@')[1]}`, position: 'Purchasing', isPrimary: true });
    em.create(Activity, { type: 'CALL', subject: `Quarterly check-in with ${customer.name}`, customer, occurredAt: new Date(now - 3 * day) });
    em.create(Activity, { type: 'EMAIL', subject: 'Sent the updated price list', customer, occurredAt: new Date(now - day) });
  }
  for (const lead of LEADS) {
    const created = em.create(Lead, {
      title: lead.title,
      companyName: lead.company,
      contactName: 'Sam Example',
      email: `sam@${lead.company.toLowerCase().replace(/[^a-z]/g, '')}.example`,
      source: 'website',
      stage: lead.stage,
      probability: STAGE_PROBABILITY[lead.stage],
      valueMinor: lead.value,
      currency: 'EUR',
      lostReason: lead.reason ?? null,
    });
    em.create(Activity, { type: 'NOTE', subject: `First contact about “${lead.title}”`, lead: created, occurredAt: new Date(now - 5 * day) });
  }
  await em.flush();
}
