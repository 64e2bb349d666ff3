using IrBot.Data;
using IrBot.Workflows.Running;
using IrBot.Workflows.Sets;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class WorkflowsTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<WorkflowSetVersion> WorkflowSetVersions => db.Set<WorkflowSetVersion>();
        public DbSet<WorkflowInstance> WorkflowInstances => db.Set<WorkflowInstance>();
        public DbSet<WorkflowValue> WorkflowValues => db.Set<WorkflowValue>();
        public DbSet<WorkflowActionRun> WorkflowActionRuns => db.Set<WorkflowActionRun>();
    }
}
