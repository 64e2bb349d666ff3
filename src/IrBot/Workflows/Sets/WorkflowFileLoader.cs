using IrBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Workflows.Sets;

/// <summary>
/// At start, makes <c>Workflows:File</c> (validated by then) the active set when it differs from it, so
/// instances refer to a stored version whichever way the set came.
/// </summary>
public sealed class WorkflowFileLoader(IServiceScopeFactory scopes, IOptions<WorkflowsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.File)) return;
        var json = await File.ReadAllTextAsync(options.Value.File, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var active = await db.WorkflowSetVersions.AsNoTracking().Where(v => v.IsActive).OrderByDescending(v => v.Id)
            .Select(v => v.Json).FirstOrDefaultAsync(cancellationToken);
        if (active == json) return;
        await scope.ServiceProvider.GetRequiredService<WorkflowCatalog>()
            .ReplaceAsync(db, json, WorkflowSetVersion.FileSource, "file " + options.Value.File, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
