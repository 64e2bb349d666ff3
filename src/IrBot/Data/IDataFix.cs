namespace IrBot.Data;

/// <summary>
/// A one-time correction of stored rows that is not a schema change (so not a migration): run by
/// <see cref="DataFixes"/> after the migrations, once per database, recorded by <see cref="Name"/>.
/// </summary>
public interface IDataFix
{
    /// <summary>Recorded in <c>data_fixes</c> when applied; never rename a fix that has shipped.</summary>
    string Name { get; }

    /// <summary>Corrects the rows (the caller saves and commits with the record); returns how many changed.</summary>
    Task<int> ApplyAsync(IrBotDbContext db, CancellationToken cancellationToken);
}
