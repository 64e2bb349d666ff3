using Quartz;

namespace IrBot.Work;

public sealed class HousekeepingJob(Housekeeping housekeeping) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await housekeeping.CleanAsync(cancellationToken);
}
