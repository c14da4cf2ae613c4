import type { EventBus, FailedJob, RequestContext } from '@erp/platform';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { FailedJobType } from './failed-job.types.js';

export type FailedJobsContext = RequestContext & { events: EventBus };

function toFailedJobType(job: FailedJob): FailedJobType {
  return { ...job, failedAt: new Date(job.failedAt) };
}

@Resolver(() => FailedJobType)
export class FailedJobResolver {
  @Authorized('jobs:read')
  @Query(() => [FailedJobType], { description: "The event bus's failed jobs of every consumer, most recent first." })
  async failedJobs(@Ctx() ctx: FailedJobsContext): Promise<FailedJobType[]> {
    const jobs = await ctx.events.failedJobs();
    return jobs.map(toFailedJobType).sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
  }
}
