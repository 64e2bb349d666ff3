using Microsoft.EntityFrameworkCore;

namespace IrBot.Data;

/// <summary>
/// Runs the <see cref="IDataFix"/>es not yet recorded in <c>data_fixes</c>, after the migrations (the
/// <c>migrate</c> command, or a start that migrates). Each fix and its record commit in one transaction:
/// a crash leaves it to run again whole, and once recorded it never runs again — so a fix that decodes text
/// never decodes what a person typed after it ran.
/// </summary>
public static class DataFixes
{
    public static async Task ApplyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var time = scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        foreach (var fix in scope.ServiceProvider.GetServices<IDataFix>().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (await db.Set<AppliedDataFix>().AnyAsync(f => f.Name == fix.Name, cancellationToken))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await fix.ApplyAsync(db, cancellationToken);
            db.Set<AppliedDataFix>().Add(new AppliedDataFix { Name = fix.Name, AppliedAt = time.GetUtcNow().UtcDateTime, RowsChanged = changed });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment recorded it first: ours rolls back whole.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (await db.Set<AppliedDataFix>().AnyAsync(f => f.Name == fix.Name, CancellationToken.None))
                {
                    continue;
                }

                throw;
            }

            db.ChangeTracker.Clear();
            logger.LogInformation("Data fix {Fix} applied: {Rows} rows changed", fix.Name, changed);
        }
    }
}
